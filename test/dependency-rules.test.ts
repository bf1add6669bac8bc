// The import rules of src/ (.dependency-cruiser.cjs, run by `npm test`) can
// fail: the real dependency-cruiser, with the same config file, judges the
// fixture tree test/fixtures/layering/src, which holds one import cycle and one
// import against the floors among legal imports.
//
// dependency-cruiser is an ES module only (no `require` export), which jest's
// CommonJS runtime cannot load; its command line is what `npm test` runs anyway.
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { promisify } from 'util';

const ROOT = path.join(__dirname, '..');
const CONFIG = '.dependency-cruiser.cjs';
const DEPCRUISE = path.join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const FIXTURE = 'test/fixtures/layering/src';
const BAD_FILES = ['time/zone.ts', 'schedule/pair.ts', 'schedule/pair-name.ts'];
const WITHOUT_BAD_FILES = `^${FIXTURE}/(${BAD_FILES.join('|')})$`.replace(/\./g, '\\.');

interface Run {
  readonly code: number;
  readonly stdout: string;
}

interface Violation {
  readonly type: string;
  readonly from: string;
  readonly to: string;
  readonly rule: { readonly name: string; readonly severity: string };
  readonly cycle?: ReadonlyArray<{ readonly name: string }>;
}

interface CruiseResult {
  readonly modules: ReadonlyArray<{
    readonly source: string;
    readonly dependencies: ReadonlyArray<{ readonly resolved: string; readonly valid: boolean }>;
  }>;
  readonly summary: { readonly violations: Violation[]; readonly error: number; readonly totalCruised: number };
}

async function depcruise(...args: string[]): Promise<Run> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [DEPCRUISE, ...args, '--config', CONFIG], { cwd: ROOT });
    return { code: 0, stdout };
  } catch (e) {
    const failed = e as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw e;
    return { code: failed.code, stdout: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

const inFixture = (file: string) => `${FIXTURE}/${file}`;

let bad: CruiseResult;
let badAsInNpmTest: Run;
let clean: CruiseResult;

beforeAll(async () => {
  // The three runs are independent; side by side they take the time of one.
  const [badJson, badText, cleanJson] = await Promise.all([
    depcruise(FIXTURE, '--output-type', 'json'),
    depcruise(FIXTURE, '--output-type', 'err-long'),
    depcruise(FIXTURE, '--exclude', WITHOUT_BAD_FILES, '--output-type', 'json'),
  ]);
  bad = JSON.parse(badJson.stdout);
  badAsInNpmTest = badText;
  clean = JSON.parse(cleanJson.stdout);
});

test('npm test judges src/ with the same config file and fails on any violation', () => {
  const tasks = JSON.parse(fs.readFileSync(path.join(ROOT, '.projen', 'tasks.json'), 'utf8'));
  const steps: Array<{ exec?: string }> = tasks.tasks.test.steps;
  expect(steps.map((s) => s.exec)).toContain(`depcruise src --config ${CONFIG} --output-type err-long`);
  // The reporter of that step exits with the number of errors.
  expect(badAsInNpmTest.code).toBe(2);
});

test('the fixture\'s cycle and wrong-way import are reported, and nothing else', () => {
  const violations = bad.summary.violations;
  expect(violations).toHaveLength(2);

  // The wrong way: time/ (floor 1) imports plan/ (floor 8).
  expect(violations).toContainEqual(expect.objectContaining({
    type: 'dependency',
    from: inFixture('time/zone.ts'),
    to: inFixture('plan/summary.ts'),
    rule: { name: 'layer-time', severity: 'error' },
  }));

  // The cycle, closed by a type-only import (pair.ts imports pair-name.ts only
  // for a type): reported once, naming both files.
  const cycle = violations.find((v) => v.rule.name === 'no-circular');
  expect(cycle).toMatchObject({ type: 'cycle', rule: { name: 'no-circular', severity: 'error' } });
  const pair = [inFixture('schedule/pair.ts'), inFixture('schedule/pair-name.ts')];
  expect([cycle!.from, cycle!.to].sort()).toEqual([...pair].sort());
  expect(cycle!.cycle!.map((m) => m.name).sort()).toEqual([...pair].sort());

  // Every other import of the tree is legal: same folder, lower floors,
  // type-only, the generated imports/, packages and Node.js built-ins.
  const invalid = bad.modules.flatMap((m) => m.dependencies.filter((d) => !d.valid).map((d) => `${m.source} -> ${d.resolved}`));
  expect(invalid.sort()).toEqual([
    `${inFixture('schedule/pair-name.ts')} -> ${inFixture('schedule/pair.ts')}`,
    `${inFixture('schedule/pair.ts')} -> ${inFixture('schedule/pair-name.ts')}`,
    `${inFixture('time/zone.ts')} -> ${inFixture('plan/summary.ts')}`,
  ]);
});

test('the messages name the rule, both files and what to do', () => {
  const out = badAsInNpmTest.stdout;
  expect(out).toContain(`error layer-time: ${inFixture('time/zone.ts')} → ${inFixture('plan/summary.ts')}`);
  expect(out).toMatch(/error no-circular: test\/fixtures\/layering\/src\/schedule\/pair(-name)?\.ts →/);
  expect(out).toContain('src/time/ is on floor 1 of src/');
  expect(out).toContain('This import closes a cycle');
  expect(out).toContain('x 2 dependency violations (2 errors, 0 warnings)');
});

test('the same tree without its three bad files has no violations', () => {
  expect(clean.summary.violations).toEqual([]);
  expect(clean.summary.error).toBe(0);
  // The legal imports were judged, not skipped.
  expect(clean.summary.totalCruised).toBeGreaterThanOrEqual(8);
  const judged = clean.modules.map((m) => m.source);
  expect(judged).toEqual(expect.arrayContaining([
    inFixture('index.ts'),
    inFixture('time/cron.ts'),
    inFixture('core/defaults.ts'),
    inFixture('backup/backup.ts'),
    'test/fixtures/layering/imports/velero.io.ts',
  ]));
  expect(judged).not.toContain(inFixture('time/zone.ts'));
});
