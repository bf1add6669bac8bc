// VeleroValidation as a cdk8s CLI validation plugin: the real `cdk8s synth`
// runs an app that uses none of our constructs (hand-written Velero objects,
// in plain JavaScript) with the plugin configured in its cdk8s.yaml.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const CDK8S = path.join(ROOT, 'node_modules', '.bin', 'cdk8s');

/** An app directory: cdk8s.yaml with the plugin, app.js with the given objects, and a plugin entry point over src/. */
function appWith(objects: object[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'velero-plugin-app-'));
  // The plugin is this package; loaded from source here, as the compiled lib/ is not built by `npm test`.
  fs.writeFileSync(path.join(dir, 'plugin.js'), [
    `require(${JSON.stringify(require.resolve('ts-node'))}).register({ transpileOnly: true, project: ${JSON.stringify(path.join(ROOT, 'tsconfig.json'))} });`,
    `module.exports = require(${JSON.stringify(path.join(ROOT, 'src'))});`,
  ].join('\n'));
  fs.writeFileSync(path.join(dir, 'app.js'), [
    `const { App, Chart, ApiObject } = require(${JSON.stringify(require.resolve('cdk8s'))});`,
    'const app = new App();',
    'const chart = new Chart(app, "hand-written");',
    `${JSON.stringify(objects)}.forEach((o, i) => new ApiObject(chart, "o" + i, o));`,
    'app.synth();',
  ].join('\n'));
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), [
    'language: javascript',
    'app: node app.js',
    'output: dist',
    'validations:',
    '  - package: ./plugin.js',
    '    class: VeleroValidation',
    '    version: 0.0.0',
    '',
  ].join('\n'));
  return dir;
}

function synth(dir: string) {
  const result = spawnSync(CDK8S, ['synth', '--no-check-upgrade', '--validation-reports-output-file', 'reports.json'], { cwd: dir, encoding: 'utf8' });
  const reportsFile = path.join(dir, 'reports.json');
  const reports = fs.existsSync(reportsFile) ? JSON.parse(fs.readFileSync(reportsFile, 'utf8')) : undefined;
  return { status: result.status, output: result.stdout + result.stderr, reports };
}

const schedule = (name: string, spec: object) => ({ apiVersion: 'velero.io/v1', kind: 'Schedule', metadata: { name, namespace: 'velero' }, spec });

test('the plugin reports each resource and rule of hand-written Velero objects', () => {
  const dir = appWith([
    schedule('six-fields', { schedule: '0 0 1 * * *', template: { includedNamespaces: ['*'] } }),
    schedule('unknown-field', { schedule: '@daily', template: { includedNamespace: ['*'] } }),
    schedule('fine', { schedule: '@daily', template: { includedNamespaces: ['*'], ttl: '720h0m0s' } }),
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'other' }, data: { a: 'b' } },
  ]);
  const { status, output, reports } = synth(dir);
  expect(status).not.toBe(0);
  const [report] = reports.reports;
  expect(report.summary).toMatchObject({ status: 'failure', metadata: { 'velero-objects': '3', 'problems': '2' } });
  const violations = report.violations.map((v: any) => ({
    rule: v.ruleName,
    resources: v.violatingConstructs.map((c: any) => [c.resourceName, c.locations, c.constructPath]),
    recommendation: v.recommendation,
  }));
  expect(violations).toEqual([
    {
      rule: 'Velero: Schedule spec.schedule',
      resources: [['six-fields', ['spec.schedule'], 'hand-written/o0']],
      recommendation: expect.stringMatching(/^spec.schedule = "0 0 1 \* \* \*": has 6 fields; exactly 5 are accepted/),
    },
    {
      rule: 'Velero: Schedule spec.template.includedNamespace',
      resources: [['unknown-field', ['spec.template.includedNamespace'], 'hand-written/o1']],
      recommendation: expect.stringMatching(/^spec.template.includedNamespace = \["\*"\]: is not a field of the CRD, so the API server would drop it/),
    },
  ]);
  // The CLI prints the report too.
  expect(output).toContain('Velero: Schedule spec.schedule');
});

test('the plugin passes an app whose Velero objects Velero would take', () => {
  const dir = appWith([schedule('fine', { schedule: 'CRON_TZ=Europe/Berlin 0 1 * * *', template: { includedNamespaces: ['*'] } })]);
  const { status, reports } = synth(dir);
  expect(status).toBe(0);
  expect(reports.reports[0].summary).toMatchObject({ status: 'success', metadata: { 'velero-objects': '1', 'problems': '0' } });
});
