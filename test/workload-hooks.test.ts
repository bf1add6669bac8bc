// Hooks bound to the app's workloads: namespace and labels come from the
// workload, the hook goes to the backup whose scope holds it, presets cover
// the common cases, and the pod-annotation form is written onto the pods.
import * as kplus27 from 'cdk8s-plus-27';
import * as kplus33 from 'cdk8s-plus-33';
import { KymaBackupSchedule, KymaSystemBackup, KymaUserBackup, WorkloadHookForm, WorkloadHooks } from '../src';
import { find, newChart, synthProblems, synthValid } from './helpers';

function database(chart: any, namespace: string, plus: typeof kplus27 | typeof kplus33 = kplus27) {
  return new plus.StatefulSet(chart, `Db-${namespace}`, {
    metadata: { name: 'db', namespace },
    containers: [{ name: 'postgres', image: 'postgres:16', portNumber: 5432, securityContext: { ensureNonRoot: false } }],
  });
}

test('a workload in a user namespace gets its hook in the user Schedule only, selected by namespace and pod labels', () => {
  const chart = newChart();
  const db = database(chart, 'shop');
  const schedule = new KymaBackupSchedule(chart, 'Nightly');
  schedule.addHookFor(db, WorkloadHooks.postgresCheckpoint('postgres'));
  const manifests = synthValid(chart);
  const user = find(manifests, 'Schedule', 'kyma-backup').spec.template;
  const system = find(manifests, 'Schedule', 'kyma-system-backup').spec.template;
  const podLabels = find(manifests, 'StatefulSet', 'db').spec.template.metadata.labels;
  expect(user.hooks.resources).toEqual([{
    name: 'db',
    includedNamespaces: ['shop'],
    includedResources: ['pods'],
    labelSelector: { matchLabels: podLabels },
    pre: [{ exec: { command: ['psql', '-U', 'postgres', '-c', 'CHECKPOINT'], container: 'postgres', onError: 'Fail', timeout: '2m0s' } }],
  }]);
  expect(system).not.toHaveProperty('hooks');
});

test('a workload in a system namespace goes to the system backup; one of cdk8s-plus-33 too', () => {
  const chart = newChart();
  const db = database(chart, 'kyma-system', kplus33);
  const system = new KymaSystemBackup(chart, 'S');
  system.addHookFor(db, { name: 'freeze', ...WorkloadHooks.fsfreeze('postgres', '/var/lib/postgresql') });
  const [backup] = synthValid(chart).filter(m => m.kind === 'Backup');
  expect(backup.spec.hooks.resources[0]).toMatchObject({
    name: 'freeze',
    includedNamespaces: ['kyma-system'],
    pre: [{ exec: { command: ['/sbin/fsfreeze', '--freeze', '/var/lib/postgresql'], container: 'postgres', onError: 'Fail', timeout: '30s' } }],
    post: [{ exec: { command: ['/sbin/fsfreeze', '--unfreeze', '/var/lib/postgresql'], container: 'postgres', onError: 'Continue' } }],
  });
});

test('a workload outside the backup\'s scope, or a container it lacks, is refused', () => {
  const chart = newChart();
  const shopDb = database(chart, 'shop');
  const veleroDb = database(chart, 'kyma-backup');
  const system = new KymaSystemBackup(chart, 'S');
  system.addHookFor(shopDb, WorkloadHooks.postgresCheckpoint('postgres'));
  const user = new KymaUserBackup(chart, 'U');
  user.addHookFor(veleroDb, WorkloadHooks.mysqlFlushTables('mysql'));
  expect(synthProblems(chart)).toEqual([
    '[test/S] addHookFor[0] = "test/Db-shop": is in namespace shop, which no backup of test/S covers; a workload in a namespace this construct backs up (props error)',
    '[test/U] addHookFor[0].pre[0].container = "mysql": is not a container of StatefulSet db; one of its containers: postgres (props error)',
    '[test/U] addHookFor[0].post[0].container = "mysql": is not a container of StatefulSet db; one of its containers: postgres (props error)',
    '[test/U] addHookFor[0] = "test/Db-kyma-backup": is in namespace kyma-backup, which no backup of test/U covers; a workload in a namespace this construct backs up (props error)',
  ]);
});

test('the pod-annotation form writes Velero\'s hook annotations onto the pod template', () => {
  const chart = newChart();
  const db = database(chart, 'shop');
  const user = new KymaUserBackup(chart, 'U');
  user.addHookFor(db, { ...WorkloadHooks.fsfreeze('postgres', '/data'), form: WorkloadHookForm.POD_ANNOTATIONS });
  const manifests = synthValid(chart);
  expect(find(manifests, 'StatefulSet', 'db').spec.template.metadata.annotations).toEqual({
    'pre.hook.backup.velero.io/container': 'postgres',
    'pre.hook.backup.velero.io/command': '["/sbin/fsfreeze","--freeze","/data"]',
    'pre.hook.backup.velero.io/on-error': 'Fail',
    'pre.hook.backup.velero.io/timeout': '30s',
    'post.hook.backup.velero.io/container': 'postgres',
    'post.hook.backup.velero.io/command': '["/sbin/fsfreeze","--unfreeze","/data"]',
    'post.hook.backup.velero.io/on-error': 'Continue',
  });
  expect(find(manifests, 'Backup', 'kyma-backup').spec).not.toHaveProperty('hooks');
});

test('a pg_dump preset', () => {
  expect(WorkloadHooks.postgresDump('postgres', 'shop', '/backup/shop.dump').pre![0].command).toEqual(['pg_dump', '-U', 'postgres', '-Fc', '-f', '/backup/shop.dump', 'shop']);
});
