// Cold start (`npm run bench:cold-start`): the wall time of `npm run synth`'s
// command (the real cdk8s CLI on app/main.ts, as cdk8s.yaml configures it:
// `npx ts-node --swc`) against a bare cdk8s app (bench/bare-app, as `cdk8s init`
// shapes it) run the same way, through the same CLI, each run a new process.
// The headline compares like with like: the bare app with the same transpiler.
// The other rows are for context: the bare app as `cdk8s init` sets it up
// (ts-node, type-checked) and ts-node --transpile-only (TypeScript's own
// emitter), for the bare app and for ours (how `npm run synth` ran before swc).
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const BARE = path.join(ROOT, 'bench', 'bare-app');
const CDK8S = path.join(ROOT, 'node_modules', '.bin', 'cdk8s');
const RUNS = Number(process.env.COLD_START_RUNS ?? 7);

interface Variant {
  readonly label: string;
  readonly cwd: string;
  /** Extra arguments of `cdk8s synth`; none: the app of the directory's cdk8s.yaml. */
  readonly args: string[];
  readonly times: number[];
}

function variant(label: string, cwd: string, app?: string): Variant {
  return { label, cwd, args: app ? ['--app', app] : [], times: [] };
}

// Ours first: it is the app cdk8s.yaml configures, exactly as `npm run synth` runs it.
const ours = variant('`npm run synth` (app/main.ts, cdk8s.yaml: `npx ts-node --swc`)', ROOT);
const bareSame = variant('bare cdk8s app, same transpiler (`npx ts-node --swc main.ts`)', BARE, 'npx ts-node --swc main.ts');
const oursTsc = variant('app/main.ts with `npx ts-node --transpile-only` (before swc)', ROOT, 'npx ts-node --transpile-only app/main.ts');
const bareTsc = variant('bare cdk8s app, `npx ts-node --transpile-only main.ts`', BARE, 'npx ts-node --transpile-only main.ts');
const bareChecked = variant('bare cdk8s app as `cdk8s init` sets it up (`npx ts-node main.ts`, type-checked)', BARE);
const variants = [ours, bareSame, oursTsc, bareTsc, bareChecked];

function synthMs(v: Variant): number {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cold-start-'));
  try {
    const start = process.hrtime.bigint();
    execFileSync(CDK8S, ['synth', '--no-check-upgrade', '--output', outdir, ...v.args], { cwd: v.cwd, stdio: 'pipe' });
    return Number(process.hrtime.bigint() - start) / 1e6;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// One warm-up run each (file system cache), then the variants take turns, so a
// slow spell of a shared machine falls on all of them alike.
variants.forEach(synthMs);
for (let i = 0; i < RUNS; i++) {
  for (const v of variants) v.times.push(synthMs(v));
}

const base = median(bareSame.times);
console.log(`median of ${RUNS} runs each, each a new process through the cdk8s CLI, the variants taking turns`);
console.log('| app | ms | vs bare app, same transpiler |');
console.log('| --- | ---: | ---: |');
for (const v of variants) {
  const ms = median(v.times);
  console.log(`| ${v.label} | ${ms.toFixed(0)} | ${(ms / base).toFixed(2)} |`);
}
const oursMs = median(ours.times);
const beforeMs = median(oursTsc.times);
console.log();
console.log(`npm run synth: ${oursMs.toFixed(0)} ms, ${(oursMs / base).toFixed(2)}× the bare app run the same way (target ≤ 1.30×), ` +
  `${(oursMs / beforeMs).toFixed(2)}× its run with ts-node --transpile-only (target ≤ 0.50×)`);
