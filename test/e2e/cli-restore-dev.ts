// A dev runner for test/e2e/cli-restore.ts on a cluster of one's own
// (`test/e2e/cluster.sh up --no-velero` first): a small Kyma-shaped fixture,
// Velero, the scenario's location and both on-demand Backups, the guide's
// Schedule pair; then the module. `ts-node --swc test/e2e/cli-restore-dev.ts [setup|run|all]`.
import { Chart, Testing } from 'cdk8s';
import { CLI_FIXTURE_LABEL, CLI_SYSTEM_NAMESPACES, CLI_USER_NAMESPACES, cliRestoreOnRealServers } from './cli-restore';
import { Kube, cluster, clusterEnv, waitFor } from './kube';
import { KymaBackupSchedule, KymaBackupStorageLocation, KymaSystemBackup, KymaUserBackup, KymaVolumeSnapshotLocation } from '../../src';

const VELERO_NS = 'kyma-backup';

function setup(): void {
  const env = clusterEnv();
  const kube = new Kube(env);
  const labels = { [CLI_FIXTURE_LABEL]: 'yes' };
  const objects: any[] = [{
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'e2e-reader', labels }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }],
  }];
  for (const ns of [...CLI_SYSTEM_NAMESPACES, ...CLI_USER_NAMESPACES]) {
    if (ns !== 'default') objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels } });
    objects.push(
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'e2e-config', namespace: ns, labels }, data: { a: ns } },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'e2e-secret', namespace: ns, labels }, stringData: { t: ns } },
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'e2e-sa', namespace: ns, labels } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'e2e-svc', namespace: ns, labels }, spec: { selector: { app: 'e2e' }, ports: [{ port: 80 }] } },
    );
  }
  kube.apply(objects.filter(o => o.kind === 'Namespace'));
  kube.apply(objects.filter(o => o.kind !== 'Namespace'));
  cluster('velero-up');
  const chart = new Chart(Testing.app(), 'backup');
  const storage = new KymaBackupStorageLocation(chart, 'Storage', {
    provider: 'aws', bucket: env.E2E_BUCKET, default: true, config: { region: env.E2E_REGION, s3ForcePathStyle: 'true', s3Url: env.E2E_S3_URL },
  });
  const snapshots = new KymaVolumeSnapshotLocation(chart, 'Snapshots', { provider: 'aws', config: { region: env.E2E_REGION } });
  for (const backup of [new KymaSystemBackup(chart, 'System'), new KymaUserBackup(chart, 'User')]) {
    backup.useStorageLocation(storage);
    backup.useVolumeSnapshotLocations(snapshots);
  }
  new KymaBackupSchedule(chart, 'Guide', { paused: true });
  const manifests = Testing.synth(chart);
  kube.apply(manifests.filter(o => /Location$/.test(o.kind)));
  waitFor('location default Available', 90, () => kube.getOne('backupstoragelocation', 'default', VELERO_NS)?.status?.phase === 'Available' ? true : undefined);
  kube.apply(manifests.filter(o => !/Location$/.test(o.kind)));
  for (const name of ['kyma-system-backup', 'kyma-backup']) {
    waitFor(`backup ${name} Completed`, 300, () => kube.getOne('backup', name, VELERO_NS)?.status?.phase === 'Completed' ? true : undefined);
  }
  console.log('setup done');
}

const what = process.argv[2] ?? 'all';
if (what === 'setup' || what === 'all') setup();
if (what === 'run' || what === 'all') {
  const env = clusterEnv();
  cliRestoreOnRealServers(new Kube(env), env);
}
