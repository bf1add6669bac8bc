// An app that uses the library without cdk8s-plus must not load cdk8s-plus:
// the library only ever reads Namespace and Secret constructs it is given.
import { execFileSync } from 'child_process';
import * as path from 'path';

test('requiring the library and synthesizing its default app loads no cdk8s-plus', () => {
  const script = [
    "const { App, Chart } = require('cdk8s');",
    "const { KymaBackupSchedule, KymaSystemBackup, KymaUserBackup, KymaRestorePlan } = require('./src');",
    "const app = new App(); const chart = new Chart(app, 'c');",
    "new KymaSystemBackup(chart, 'S'); new KymaUserBackup(chart, 'U'); new KymaBackupSchedule(chart, 'Sch'); new KymaRestorePlan(app, 'r');",
    'app.synthYaml();',
    "process.stdout.write(JSON.stringify(Object.keys(require.cache).filter(k => k.includes('cdk8s-plus'))));",
  ].join('\n');
  const loaded = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
    cwd: path.join(__dirname, '..'), encoding: 'utf8',
  });
  expect(JSON.parse(loaded)).toEqual([]);
});
