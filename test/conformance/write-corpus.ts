// Writes test/conformance/testdata/corpus.json for the Go conformance suite:
// the validation corpus tables, what the jest run synthesized (when it was
// captured), and a few thousand generated cases, each with our verdict.
import * as fs from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';
import { KymaBackupSchedule, KymaSystemBackup, KymaUserBackup } from '../../src';
import { backupPropsOf, invalidSetting, rawBackupSpec, rawScheduleText, scheduleExpression, validProps, validRawBackupSpec } from '../arbitraries';
import { CAPTURE_ENV, ConformanceCase, caseFromChart, rawBackup, rawSpecProblems, verdictOf } from '../conformance-case';
import { RAW_SPECS, SCHEDULES, SCOPES } from '../corpus-cases';
import { newChart } from '../helpers-chart';

const OUT = path.join(__dirname, 'testdata', 'corpus.json');
const SEED = 20261124;
const GENERATED = { schedules: 1500, validSchedules: 500, scopes: 500, invalidScopes: 500, rawSpecs: 1500, validRawSpecs: 1000 };

function scheduleCase(id: string, source: string, expression: string): ConformanceCase {
  const chart = newChart();
  new KymaBackupSchedule(chart, 'Schedule', { scheduleExpression: expression });
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
  cases.push(caseFromChart(`generated invalid scope #${i}`, 'generated', chart));
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

fs.mkdirSync(path.dirname(OUT), { recursive: true });
fs.writeFileSync(OUT, JSON.stringify({ cases }));
const count = (pred: (c: ConformanceCase) => boolean) => cases.filter(pred).length;
console.log(`wrote ${cases.length} cases to ${path.relative(process.cwd(), OUT)}: `
  + ['valid', 'invalid', 'deliberate', 'props'].map(v => `${count(c => c.ours === v)} ${v}`).join(', ')
  + `; ${count(c => c.source === 'test suite')} from the jest run`);
