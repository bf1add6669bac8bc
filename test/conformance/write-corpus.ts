// Writes test/conformance/testdata/corpus.json for the Go conformance suite:
// the validation corpus tables, what the jest run synthesized (when it was
// captured), and a few thousand generated cases, each with our verdict.
import * as fs from 'fs';
import * as path from 'path';
import { Duration, JsonPatch } from 'cdk8s';
import * as fc from 'fast-check';
import { BackupSchedule, KymaBackupPlan, KymaBackupSchedule, KymaRestorePlan, KymaSystemBackup, KymaUserBackup, ProblemKind, VeleroValidation, velero } from '../../src';
import { backupPropsOf, backupSchedule, planRules, invalidSetting, rawLocation, rawPatch, rawRestoreSpec, restorePlanProps, rawBackupSpec, rawScheduleText, scheduleExpression, validProps, validRawBackupSpec } from '../arbitraries';
import { CAPTURE_ENV, ConformanceCase, caseFromChart, rawBackup, rawSpecProblems, verdictOf } from '../conformance-case';
import { RAW_SPECS, SCHEDULES, SCOPES } from '../corpus-cases';
import { newChart } from '../helpers-chart';

const OUT = path.join(__dirname, 'testdata', 'corpus.json');
const SEED = 20261124;
const GENERATED = {
  schedules: 1500,
  validSchedules: 500,
  scopes: 500,
  invalidScopes: 500,
  rawSpecs: 1500,
  validRawSpecs: 1000,
  patchedObjects: 800,
  restoreSpecs: 1500,
  restorePlans: 300,
  backupSchedules: 300,
  plans: 300,
  brokenCrons: 150,
  locations: 600,
};

function scheduleCase(id: string, source: string, expression: string): ConformanceCase {
  const chart = newChart();
  // The parse is what these cases judge; retention cases come separately.
  new KymaBackupSchedule(chart, 'Schedule', { schedule: BackupSchedule.expression(expression), allowRetentionGap: true });
  return caseFromChart(id, source, chart);
}

function rawSpecCase(id: string, source: string, spec: any): ConformanceCase {
  const problems = rawSpecProblems(spec);
  return { id, source, ours: verdictOf(problems), problems, objects: [rawBackup(spec)] };
}

const cases: ConformanceCase[] = [];

SCHEDULES.forEach(([expression, , behaviour], i) => cases.push(scheduleCase(`schedule table #${i}: ${behaviour}`, 'corpus table', expression)));
SCOPES.forEach(([props, , , behaviour], i) => {
  const chart = newChart();
  new KymaSystemBackup(chart, 'System', props);
  new KymaUserBackup(chart, 'User', props);
  cases.push(caseFromChart(`scope table #${i}: ${behaviour}`, 'corpus table', chart));
});
RAW_SPECS.forEach(([spec, , , behaviour], i) => cases.push(rawSpecCase(`raw table #${i}: ${behaviour}`, 'corpus table', spec)));

fc.sample(rawScheduleText, { numRuns: GENERATED.schedules, seed: SEED })
  .forEach((expression, i) => cases.push(scheduleCase(`generated schedule #${i}`, 'generated', expression)));
fc.sample(scheduleExpression, { numRuns: GENERATED.validSchedules, seed: SEED })
  .forEach((expression, i) => cases.push(scheduleCase(`generated valid schedule #${i}`, 'generated', expression)));
fc.sample(validProps, { numRuns: GENERATED.scopes, seed: SEED }).forEach((props, i) => {
  const chart = newChart();
  new KymaBackupSchedule(chart, 'Schedule', props);
  new KymaSystemBackup(chart, 'System', backupPropsOf(props));
  cases.push(caseFromChart(`generated scope #${i}`, 'generated', chart));
});
fc.sample(fc.tuple(validProps, invalidSetting), { numRuns: GENERATED.invalidScopes, seed: SEED }).forEach(([props, [mutation]], i) => {
  const chart = newChart();
  new KymaBackupSchedule(chart, 'Schedule', { ...props, ...mutation });
  const c = caseFromChart(`generated scope mutation #${i}`, 'generated', chart);
  // A mutation can land where it changes nothing Velero refuses (say, an excluded namespace that is already excluded).
  cases.push({ ...c, id: `${c.id}: ${c.ours === 'valid' ? 'stays valid' : 'refused'} (${JSON.stringify(mutation)})` });
});

// The three forms of BackupSchedule, with the retention-gap check on (its refusals are deliberate).
const ttlHoursOrNone = fc.option(fc.integer({ min: 1, max: 3000 }), { nil: undefined });
fc.sample(fc.tuple(backupSchedule, ttlHoursOrNone), { numRuns: GENERATED.backupSchedules, seed: SEED })
  .forEach(([schedule, ttlHours], i) => {
    const chart = newChart();
    new KymaBackupSchedule(chart, 'Schedule', { schedule, ttl: ttlHours !== undefined ? Duration.hours(ttlHours) : undefined });
    cases.push(caseFromChart(`generated BackupSchedule #${i}: ${schedule.expressionString}`, 'generated', chart));
  });
// BackupSchedule.cron with one field or the zone at an edge value: most are out of range, and Velero refuses the written string.
const brokenCron = fc.tuple(
  fc.constantFrom('minute', 'hour', 'day', 'month', 'weekDay', 'timeZone'),
  fc.constantFrom('60', '24', '0', '32', '13', '7', 'x', '1-', '*/0', '5-2', 'Mars/Olympus', 'europe/berlin'),
).map(([field, value]) => ({ hour: '1', [field]: value }));
fc.sample(brokenCron, { numRuns: GENERATED.brokenCrons, seed: SEED }).forEach((options, i) => {
  const chart = newChart();
  new KymaBackupSchedule(chart, 'Schedule', { schedule: BackupSchedule.cron(options) });
  cases.push(caseFromChart(`generated edge BackupSchedule.cron #${i}: ${JSON.stringify(options)}`, 'generated', chart));
});
// Backup plans: presets and custom rules, staggered or not.
fc.sample(fc.tuple(planRules, fc.boolean()), { numRuns: GENERATED.plans, seed: SEED }).forEach(([rules, stagger], i) => {
  const chart = newChart();
  new KymaBackupPlan(chart, 'Plan', { rules, stagger });
  cases.push(caseFromChart(`generated plan #${i}`, 'generated', chart));
});
for (const preset of ['dailyWeeklyMonthly1YearRetention', 'dailyWeeklyMonthly5YearRetention', 'daily35DayRetention'] as const) {
  const chart = newChart();
  KymaBackupPlan[preset](chart, 'Plan');
  cases.push(caseFromChart(`plan preset ${preset}`, 'corpus table', chart));
}

// Hand-written objects: the raw generated classes, edited with JSON patches,
// in an app that asks for validation (VeleroValidation.addTo).
fc.sample(fc.tuple(validRawBackupSpec, rawPatch), { numRuns: GENERATED.patchedObjects, seed: SEED }).forEach(([spec, [op, at, value]], i) => {
  const chart = newChart();
  VeleroValidation.addTo(chart);
  const raw = i % 2 === 0
    ? new velero.Backup(chart, 'Raw', { metadata: { name: 'raw', namespace: 'velero' }, spec })
    : new velero.Schedule(chart, 'Raw', { metadata: { name: 'raw', namespace: 'velero' }, spec: { schedule: '@daily', template: spec } });
  const where = raw.kind === 'Backup' ? `/spec${at}` : `/spec/template${at}`;
  raw.addJsonPatch(op === 'add' ? JsonPatch.add(where, value) : JsonPatch.remove(where));
  cases.push(caseFromChart(`generated patched ${raw.kind} #${i}`, 'generated', chart));
});
fc.sample(rawBackupSpec, { numRuns: GENERATED.rawSpecs, seed: SEED })
  .forEach((spec, i) => cases.push(rawSpecCase(`generated raw spec #${i}`, 'generated', spec)));
fc.sample(validRawBackupSpec, { numRuns: GENERATED.validRawSpecs, seed: SEED })
  .forEach((spec, i) => cases.push(rawSpecCase(`generated valid raw spec #${i}`, 'generated', spec)));

const captureDir = process.env[CAPTURE_ENV];
if (captureDir && fs.existsSync(captureDir)) {
  for (const file of fs.readdirSync(captureDir).filter(f => f.endsWith('.jsonl')).sort()) {
    for (const line of fs.readFileSync(path.join(captureDir, file), 'utf8').split('\n').filter(Boolean)) {
      cases.push(JSON.parse(line));
    }
  }
}

// Restores: hand-written specs, and the restore plan's own.
fc.sample(rawRestoreSpec, { numRuns: GENERATED.restoreSpecs, seed: SEED }).forEach((spec, i) => {
  const restore = { apiVersion: 'velero.io/v1', kind: 'Restore', metadata: { name: 'raw', namespace: 'velero' }, spec };
  const problems = VeleroValidation.validateObjects([restore]).map(p => `${p.field} = ${JSON.stringify(p.value)}: ${p.message}`);
  cases.push({ id: `generated raw restore #${i}`, source: 'generated', ours: verdictOf(problems), problems, objects: [restore] });
});
fc.sample(restorePlanProps, { numRuns: GENERATED.restorePlans, seed: SEED }).forEach((props, i) => {
  const chart = newChart();
  new KymaRestorePlan(chart, 'Restore', props);
  cases.push(caseFromChart(`generated restore plan #${i}`, 'generated', chart));
});
// Storage and snapshot locations: the CRD schema, pruning, and what makes a location unavailable.
fc.sample(rawLocation, { numRuns: GENERATED.locations, seed: SEED }).forEach(({ kind, spec }, i) => {
  const location = { apiVersion: 'velero.io/v1', kind, metadata: { name: 'raw', namespace: 'velero' }, spec };
  const problems = VeleroValidation.validateObjects([location]).map(p => `${p.field} = ${JSON.stringify(p.value)}: ${p.message}`);
  cases.push({ id: `generated ${kind} #${i}`, source: 'generated', ours: verdictOf(problems), problems, objects: [location] });
});

// The validator entry point the cdk8s CLI plugin uses, on the same objects.
for (const c of cases) {
  const problems = VeleroValidation.validateObjects(c.objects);
  (c as any).entry = problems.length === 0 ? 'valid' : problems.some(p => p.kind === ProblemKind.VELERO) ? 'invalid' : 'deliberate';
}

fs.mkdirSync(path.dirname(OUT), { recursive: true });
fs.writeFileSync(OUT, JSON.stringify({ cases }));
const count = (pred: (c: ConformanceCase) => boolean) => cases.filter(pred).length;
console.log(`wrote ${cases.length} cases to ${path.relative(process.cwd(), OUT)}: `
  + ['valid', 'invalid', 'deliberate', 'props'].map(v => `${count(c => c.ours === v)} ${v}`).join(', ')
  + `; ${count(c => c.source === 'test suite')} from the jest run`);
