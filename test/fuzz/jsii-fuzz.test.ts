// Every public entry point is total: whatever a JavaScript caller passes, no
// TypeError and no silently dropped value. Generated from .jsii: every
// constructor, method and static factory of every public class (the
// generated velero.* classes aside), every parameter and struct field,
// recursively, is called with hostile values and with valid alternatives.
// How the oracle works and how to add an example: README.md here.
import { entryLabel } from './assembly';
import { assembly, caseCount, missingFromTables, runEntryPoints, summary, timings, writeSummary } from './run';

// JSII_FUZZ_ONLY=<substring of an entry point, as the summary prints it> runs only those.
const entryPoints = assembly.entryPoints().filter(ep => entryLabel(ep).includes(process.env.JSII_FUZZ_ONLY ?? ''));

test('every type of .jsii has an example, every class with methods a receiver, every returned value a consumer', () => {
  expect(missingFromTables()).toEqual([]);
});

test('every entry point is total and uses every argument', async () => {
  const { failures, calls } = await runEntryPoints(entryPoints);
  const { text, groups } = summary('jsii fuzz', failures);
  writeSummary('jsii-fuzz-summary', text);
  writeSummary('jsii-fuzz-timings', timings.join('\n'));
  const cases = entryPoints.reduce((n, ep) => n + caseCount(ep), 0);
  // eslint-disable-next-line no-console
  console.log(`jsii fuzz: ${entryPoints.length} entry points, ${cases.toLocaleString('en-US')} cases (${calls.toLocaleString('en-US')} calls)\n${failures.length > 0 ? text : ''}`);
  // One line per entry point, argument and kind; the values and an example are in the summary above.
  expect(groups).toEqual([]);
});

test('the entry points are the ones .jsii publishes', () => {
  // A sanity floor, so that a broken reader cannot pass by finding nothing.
  expect(entryPoints.map(entryLabel)).toEqual(expect.arrayContaining([
    'new KymaSystemBackup', 'BackupSchedule.cron', 'KymaBackupScopeConstruct#excludeNamespaces', 'KymaBackupPlan#addRule',
  ]));
  expect(entryPoints.length).toBeGreaterThan(40);
});
