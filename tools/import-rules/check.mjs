// The import rules of src/ (.dependency-cruiser.cjs), as `npm test` checks them:
//
//   node tools/import-rules/check.mjs [tree [depcruise options]]    (tree: src by default)
//
// Exits 1 on any error-level violation, and then prints dependency-cruiser's
// own err-long report (rule, files, what to do). The bare `depcruise` command is
// not enough for the verdict: it exits with the NUMBER of errors, which the
// shell reads modulo 256, so exactly 256 violations would pass
// (test/dependency-rules.test.ts shows it). So the verdict comes from the JSON
// summary, and the report from a second run only when there is something to report.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const DEPCRUISE = fileURLToPath(new URL('../../node_modules/dependency-cruiser/bin/dependency-cruise.mjs', import.meta.url));
const CONFIG = '.dependency-cruiser.cjs';
const [tree = 'src', ...options] = process.argv.slice(2);

function depcruise(outputType, stdout) {
  const run = spawnSync(process.execPath, [DEPCRUISE, tree, ...options, '--config', CONFIG, '--output-type', outputType], {
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
    stdio: ['ignore', stdout, 'inherit'],
  });
  if (run.error) throw run.error;
  return run;
}

const cruise = depcruise('json', 'pipe');
// The json reporter exits 0 whatever it found; anything else is a failure of
// the tool (an invalid config, an unsafe regular expression, a crash).
if (cruise.status !== 0 || cruise.signal) {
  console.error(`dependency-cruiser failed (${cruise.signal ?? `exit code ${cruise.status}`})`);
  process.exit(1);
}
const { summary } = JSON.parse(cruise.stdout);
if (summary.error === 0) {
  console.log(`✔ import rules of ${tree}: no violations (${summary.totalCruised} modules, ${summary.totalDependenciesCruised} dependencies cruised)`);
  process.exit(0);
}
depcruise('err-long', 'inherit');
process.exit(1);
