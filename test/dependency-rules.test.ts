// The import rules of src/ (.dependency-cruiser.cjs, checked in `npm test` by
// tools/import-rules/check.mjs) can fail: the real dependency-cruiser, with the
// same command and config file, judges the fixture tree
// test/fixtures/layering/src, which holds one import cycle and one import
// against the floors among legal imports.
//
// dependency-cruiser is an ES module only (no `require` export), which jest's
// CommonJS runtime cannot load; its command line is what `npm test` runs anyway.
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';

const ROOT = path.join(__dirname, '..');
const CONFIG = '.dependency-cruiser.cjs';
const DEPCRUISE = path.join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const CHECK = 'tools/import-rules/check.mjs';
const FIXTURE = 'test/fixtures/layering/src';
const BAD_FILES = ['time/zone.ts', 'schedule/pair.ts', 'schedule/pair-name.ts'];
const WITHOUT_BAD_FILES = ['--exclude', `^${FIXTURE}/(${BAD_FILES.join('|')})$`.replace(/\./g, '\\.')];

interface Run {
  readonly code: number;
  readonly output: string;
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
  readonly summary: { readonly violations: Violation[]; readonly error: number; readonly warn: number };
}

async function node(...args: string[]): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, args, { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, output: `${stdout}${stderr}` };
  } catch (e) {
    const failed = e as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw e;
    return { code: failed.code, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

/** The bare command line, for the whole result as JSON (its json reporter always exits 0). */
async function cruiseJson(...args: string[]): Promise<CruiseResult> {
  const run = await node(DEPCRUISE, ...args, '--config', CONFIG, '--output-type', 'json');
  expect(run.code).toBe(0);
  return JSON.parse(run.output);
}

const inFixture = (file: string) => `${FIXTURE}/${file}`;

let bad: CruiseResult;
let badInNpmTest: Run;
let clean: CruiseResult;
let cleanInNpmTest: Run;

beforeAll(async () => {
  // Independent runs, side by side.
  [bad, badInNpmTest, clean, cleanInNpmTest] = await Promise.all([
    cruiseJson(FIXTURE),
    node(CHECK, FIXTURE),
    cruiseJson(FIXTURE, ...WITHOUT_BAD_FILES),
    node(CHECK, FIXTURE, ...WITHOUT_BAD_FILES),
  ]);
});

test('npm test runs the same command and config file, and it fails on the fixture', () => {
  const tasks = JSON.parse(fs.readFileSync(path.join(ROOT, '.projen', 'tasks.json'), 'utf8'));
  const steps: Array<{ exec?: string }> = tasks.tasks.test.steps;
  expect(steps.map((s) => s.exec)).toContain(`node ${CHECK} src`);
  expect(fs.readFileSync(path.join(ROOT, CHECK), 'utf8')).toContain(`const CONFIG = '${CONFIG}';`);

  expect(badInNpmTest.code).toBe(1);
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
  const pair = [inFixture('schedule/pair-name.ts'), inFixture('schedule/pair.ts')];
  expect([cycle!.from, cycle!.to].sort()).toEqual(pair);
  expect(cycle!.cycle!.map((m) => m.name).sort()).toEqual(pair);

  // Every other import of the tree is legal: same folder, lower floors,
  // type-only, the generated imports/, a package and a Node.js built-in.
  const invalid = bad.modules.flatMap((m) => m.dependencies.filter((d) => !d.valid).map((d) => `${m.source} -> ${d.resolved}`));
  expect(invalid.sort()).toEqual([
    `${inFixture('schedule/pair-name.ts')} -> ${inFixture('schedule/pair.ts')}`,
    `${inFixture('schedule/pair.ts')} -> ${inFixture('schedule/pair-name.ts')}`,
    `${inFixture('time/zone.ts')} -> ${inFixture('plan/summary.ts')}`,
  ]);
});

test('npm test\'s report names the rule, both files and what to do', () => {
  const out = badInNpmTest.output;
  expect(out).toContain(`error layer-time: ${inFixture('time/zone.ts')} → ${inFixture('plan/summary.ts')}`);
  expect(out).toContain('src/time/ is on floor 1 of src/ and may import only itself');
  expect(out).toMatch(/error no-circular: test\/fixtures\/layering\/src\/schedule\/pair(-name)?\.ts →/);
  expect(out).toContain('This import closes a cycle (type-only imports count too).');
  expect(out).toContain('x 2 dependency violations (2 errors, 0 warnings)');
});

test('the same tree without its three bad files has no violations', () => {
  expect(clean.summary.violations).toEqual([]);
  expect(clean.summary.error + clean.summary.warn).toBe(0);
  // The legal imports were judged, not skipped.
  const judged = clean.modules.map((m) => m.source);
  expect(judged).toEqual(expect.arrayContaining([
    inFixture('index.ts'),
    inFixture('time/cron.ts'),
    inFixture('core/defaults.ts'),
    inFixture('backup/backup.ts'),
    'test/fixtures/layering/imports/velero.io.ts',
  ]));
  expect(judged).not.toContain(inFixture('time/zone.ts'));

  expect(cleanInNpmTest).toEqual({ code: 0, output: expect.stringContaining(`✔ import rules of ${FIXTURE}: no violations`) });
});

test('npm test fails on exactly 256 violations too (bare depcruise would exit 0: 256 errors modulo 256)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-rules-'));
  try {
    fs.mkdirSync(path.join(dir, 'src', 'time'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'src', 'plan'));
    fs.writeFileSync(path.join(dir, 'src', 'plan', 'p.ts'), 'export const P = 1;\n');
    for (let i = 0; i < 256; i++) {
      fs.writeFileSync(path.join(dir, 'src', 'time', `f${i}.ts`), `import { P } from '../plan/p';\nexport const X${i} = P;\n`);
    }
    const run = await node(CHECK, path.relative(ROOT, path.join(dir, 'src')));
    expect(run.code).toBe(1);
    expect(run.output).toContain('x 256 dependency violations (256 errors, 0 warnings)');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
