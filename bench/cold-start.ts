// Cold start (`npm run bench:cold-start`): the wall time of `npm run synth`'s
// command (the real cdk8s CLI on app/main.ts, as cdk8s.yaml configures it)
// against a bare cdk8s app as `cdk8s init` shapes it (bench/bare-app, with
// ts-node type-checking, as cdk8s init sets it up), each run as a new process.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const CDK8S = path.join(ROOT, 'node_modules', '.bin', 'cdk8s');
const RUNS = 5;

function synthMs(cwd: string, args: string[] = []): number {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cold-start-'));
  const start = process.hrtime.bigint();
  execFileSync(CDK8S, ['synth', '--no-check-upgrade', '--output', outdir, ...args], { cwd, stdio: 'pipe' });
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(fn: () => number): number {
  fn(); // warm the file system cache
  const times = Array.from({ length: RUNS }, fn).sort((a, b) => a - b);
  return times[Math.floor(RUNS / 2)];
}

const bare = median(() => synthMs(path.join(ROOT, 'bench', 'bare-app')));
const bareTranspiled = median(() => synthMs(path.join(ROOT, 'bench', 'bare-app'), ['--app', 'npx ts-node --transpile-only main.ts']));
const ours = median(() => synthMs(ROOT));
console.log(`median of ${RUNS} runs, each a new process`);
console.log('| app | ms | vs bare app |');
console.log('| --- | ---: | ---: |');
console.log(`| bare cdk8s app (cdk8s init: ts-node, type-checked) | ${bare.toFixed(0)} | 1.00 |`);
console.log(`| bare cdk8s app, transpiled only | ${bareTranspiled.toFixed(0)} | ${(bareTranspiled / bare).toFixed(2)} |`);
console.log(`| npm run synth (app/main.ts, transpiled only; type-checked by npm test) | ${ours.toFixed(0)} | ${(ours / bare).toFixed(2)} |`);
