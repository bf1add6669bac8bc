// Runs the validation corpus (corpus-cases.ts) through the constructs and the
// raw-spec validator.
import { BackupNamespaces, BackupSchedule, KymaBackupSchedule, KymaSystemBackup } from '../src';
import { problemKind, rawSpecProblems } from './conformance-case';
import { RAW_SPECS, SCHEDULES, SCOPES, Verdict } from './corpus-cases';
import { newChart, synthErrors, synthProblems, synthValid } from './helpers';
import { checkSchedule } from '../src/time/cron';
import { ProblemKind } from '../src/validation/problem';


/** A deliberate case has only deliberate problems; an invalid one at least one Velero would report. */
function expectKinds(problems: string[], verdict: Verdict) {
  const kinds = new Set(problems.map(problemKind));
  expect(problems.length).toBeGreaterThan(0);
  if (verdict === 'deliberate' || verdict === 'props') {
    expect([...kinds]).toEqual([verdict]);
  } else {
    expect(kinds.has(ProblemKind.VELERO)).toBe(true);
  }
}


describe('schedule strings', () => {
  test('the corpus is large and covers each verdict', () => {
    expect(SCHEDULES.length).toBeGreaterThanOrEqual(100);
    expect(new Set(SCHEDULES.map(c => c[1]))).toEqual(new Set(['valid', 'invalid', 'deliberate']));
  });

  test.each(SCHEDULES)('%p is %s: %s', (expression, verdict) => {
    const check = checkSchedule(expression);
    expect({ velero: check.veleroError === undefined, ours: check.deliberateError === undefined }).toEqual({
      velero: verdict !== 'invalid',
      ours: verdict !== 'deliberate',
    });

    const chart = newChart();
    // The parse alone is judged here; retention has tests of its own.
    new KymaBackupSchedule(chart, 'Sch', { schedule: BackupSchedule.expression(expression), allowRetentionGap: true });
    if (verdict === 'valid') {
      expect(synthValid(chart).map(m => m.spec.schedule)).toEqual([expression, expression]);
    } else {
      const message = synthErrors(chart);
      expect(message).toContain(`[test/Sch] spec.schedule = ${JSON.stringify(expression)}: `);
      expect(message).toContain(verdict === 'deliberate' ? 'deliberate difference from Velero' : 'Velero accepts five cron fields');
    }
  });
});


describe('backup scopes', () => {
  test('the corpus is large', () => {
    expect(SCOPES.length).toBeGreaterThanOrEqual(80);
  });

  test.each(SCOPES)('%j is %s (field %s): %s', (props, verdict, field) => {
    const chart = newChart();
    new KymaSystemBackup(chart, 'B', props);
    if (verdict === 'valid') {
      synthValid(chart);
    } else {
      const problems = synthProblems(chart);
      expect(problems.join('\n')).toContain(`[test/B] ${field}`);
      expectKinds(problems, verdict);
    }
  });

  test('problems in Schedule templates name spec.template and which Schedule', () => {
    const chart = newChart();
    new KymaBackupSchedule(chart, 'Sch', { excludedNamespaces: BackupNamespaces.named('*') });
    const message = synthErrors(chart);
    expect(message).toContain('[test/Sch] System: spec.template.excludedNamespaces[1] = "*"');
    expect(message).toContain('[test/Sch] User: spec.template.excludedNamespaces[7] = "*"');
  });

  test('a Schedule name must fit a label value, as Velero labels its backups with it', () => {
    const ok = newChart();
    new KymaBackupSchedule(ok, 'Sch', { systemName: 's'.repeat(63) });
    synthValid(ok);
    const tooLong = newChart();
    new KymaBackupSchedule(tooLong, 'Sch', { systemName: 's'.repeat(64) });
    expect(synthErrors(tooLong)).toContain('[test/Sch] System: metadata.name');
  });

  test('a cron time zone must be an IANA zone', () => {
    const chart = newChart();
    new KymaBackupSchedule(chart, 'A', { schedule: BackupSchedule.cron({ hour: '1', timeZone: 'Mars/Olympus' }), systemName: 'a', userName: 'a-user' });
    new KymaBackupSchedule(chart, 'C', { schedule: BackupSchedule.cron({ hour: '1', timeZone: 'Europe/Berlin 0' }), systemName: 'c', userName: 'c-user' });
    const message = synthErrors(chart);
    // The written schedule names the zone; the rest of the schedule is still checked.
    expect(message).toContain('[test/A] spec.schedule = "CRON_TZ=Mars/Olympus 0 1 * * *": names the time zone "Mars/Olympus", which is not in the IANA time zone database');
    expect(message).toContain('[test/C] schedule.timeZone = "Europe/Berlin 0"');
  });
});


describe('raw specs', () => {
  test.each(RAW_SPECS)('%j is %s (field %s): %s', (spec, verdict, field) => {
    const problems = rawSpecProblems(spec);
    if (verdict === 'valid') {
      expect(problems).toEqual([]);
    } else {
      expect(problems.join('\n')).toContain(field);
      expectKinds(problems, verdict);
    }
  });
});

test('the whole corpus holds at least 150 cases with accepted and refused ones', () => {
  const verdicts = [...SCHEDULES, ...SCOPES, ...RAW_SPECS].map(c => c[1]);
  expect(verdicts.length).toBeGreaterThanOrEqual(150);
  expect(verdicts.filter(v => v === 'valid').length).toBeGreaterThan(50);
  expect(verdicts.filter(v => v !== 'valid').length).toBeGreaterThan(50);
});
