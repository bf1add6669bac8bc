// A dev runner for test/e2e/cli-restore.ts on a cluster of one's own
// (`test/e2e/cluster.sh up --no-velero` first): a small Kyma-shaped fixture,
// Velero, the scenario's location and both on-demand Backups, the guide's
// Schedule pair; then the module. `ts-node --swc test/e2e/cli-restore-dev.ts [setup|run|all]`.
import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { cliRestoreOnRealServers } from './cli-restore';
import { FIXTURE_LABEL, fixtures } from './fixture';
import { Kube, cluster, clusterEnv, waitFor } from './kube';
import { BackupNamespaces, KymaBackupSchedule, KymaBackupStorageLocation, KymaSystemBackup, KymaUserBackup, KymaVolumeSnapshotLocation } from '../../src';

const VELERO_NS = 'kyma-backup';

function setup(): void {
  const env = clusterEnv();
  const kube = new Kube(env);
  const objects = [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'monitoring', labels: { [FIXTURE_LABEL]: 'yes' } } }, ...fixtures()];
  kube.apply(objects.filter(o => o.kind === 'Namespace' || o.kind === 'CustomResourceDefinition'));
  waitFor('the fixture CRDs to be established', 60, () =>
    kube.get('customresourcedefinitions').filter(c => c.status?.conditions?.some((x: any) => x.type === 'Established' && x.status === 'True')).length >= 2 ? true : undefined);
  kube.apply(objects.filter(o => o.kind !== 'Namespace' && o.kind !== 'CustomResourceDefinition'));
  cluster('velero-up');
  const chart = new Chart(Testing.app(), 'backup');
  const storage = new KymaBackupStorageLocation(chart, 'Storage', {
    provider: 'aws', bucket: env.E2E_BUCKET, default: true, config: { region: env.E2E_REGION, s3ForcePathStyle: 'true', s3Url: env.E2E_S3_URL },
  });
  const snapshots = new KymaVolumeSnapshotLocation(chart, 'Snapshots', { provider: 'aws', config: { region: env.E2E_REGION } });
  const monitoring = new kplus.Namespace(chart, 'Monitoring', { metadata: { name: 'monitoring', labels: { [FIXTURE_LABEL]: 'yes' } } });
  for (const backup of [new KymaSystemBackup(chart, 'System'), new KymaUserBackup(chart, 'User')]) {
    backup.addSystemNamespaces(BackupNamespaces.of(monitoring));
    backup.useStorageLocation(storage);
    backup.useVolumeSnapshotLocations(snapshots);
  }
  new KymaBackupSchedule(chart, 'Guide', { paused: true });
  const manifests = Testing.synth(chart);
  kube.apply(manifests.filter(o => /Location$/.test(o.kind)));
  waitFor('location default Available', 90, () => kube.getOne('backupstoragelocation', 'default', VELERO_NS)?.status?.phase === 'Available' ? true : undefined);
  kube.apply(manifests.filter(o => !/Location$/.test(o.kind) && o.kind !== 'Namespace'));
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
