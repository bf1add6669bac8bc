// A dev runner for test/e2e/cli-restore.ts on a cluster of one's own
// (`test/e2e/cluster.sh up --no-velero` first): a small Kyma-shaped fixture,
// Velero, the scenario's location and both on-demand Backups, the guide's
// Schedule pair; then the module. `ts-node --swc test/e2e/cli-restore-dev.ts [setup|run|all]`.
import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { CLI_FIXTURE_LABEL, cliRestoreOnRealServers } from './cli-restore';
import { Kube, cluster, clusterEnv, waitFor } from './kube';
import { BackupNamespaces, KymaBackupSchedule, KymaBackupStorageLocation, KymaSystemBackup, KymaUserBackup, KymaVolumeSnapshotLocation } from '../../src';

const VELERO_NS = 'kyma-backup';

function setup(): void {
  const env = clusterEnv();
  const kube = new Kube(env);
  const objects = [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'monitoring', labels: { [CLI_FIXTURE_LABEL]: 'yes' } } }, ...scenarioFixtures()];
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
  const monitoring = new kplus.Namespace(chart, 'Monitoring', { metadata: { name: 'monitoring', labels: { [CLI_FIXTURE_LABEL]: 'yes' } } });
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

/** A copy of the scenario's fixtures (test/e2e/scenario.ts), for this dev runner only. */
function scenarioFixtures(): any[] {
  const labels = { [CLI_FIXTURE_LABEL]: 'yes' };
  const objects: any[] = [
    {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.e2e.example.com', labels },
      spec: {
        group: 'e2e.example.com',
        scope: 'Namespaced',
        names: { plural: 'widgets', singular: 'widget', kind: 'Widget' },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } } } }],
      },
    },
    {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'testdefinitions.testing.kyma-project.io', labels },
      spec: {
        group: 'testing.kyma-project.io',
        scope: 'Namespaced',
        names: { plural: 'testdefinitions', singular: 'testdefinition', kind: 'TestDefinition' },
        versions: [{ name: 'v1alpha1', served: true, storage: true, schema: { openAPIV3Schema: { 'type': 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
      },
    },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'e2e-reader', labels }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }] },
  ];
  for (const ns of ['istio-system', 'kyma-system', 'kyma-integration', 'kyma-installer', 'default', 'natss', 'monitoring', 'shop', 'blog']) {
    if (ns !== 'default' && ns !== 'monitoring') {
      objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels } });
    }
    const meta = (name: string) => ({ name, namespace: ns, labels: { ...labels, app: 'e2e' }, annotations: { 'e2e.kyma-backup/owner': ns } });
    objects.push(
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('e2e-config'), data: { 'namespace': ns, 'settings.yaml': 'replicas: 2\n' } },
      { apiVersion: 'v1', kind: 'Secret', metadata: meta('e2e-secret'), type: 'Opaque', stringData: { token: `t-${ns}` } },
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('e2e-sa') },
      { apiVersion: 'v1', kind: 'Service', metadata: meta('e2e-svc'), spec: { selector: { app: 'e2e' }, ports: [{ port: 80, targetPort: 8080 }] } },
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: meta('e2e-app'),
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: 'e2e' } },
          template: { metadata: { labels: { app: 'e2e' } }, spec: { containers: [{ name: 'app', image: 'registry.example/app:1' }] } },
        },
      },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: meta('e2e-role'), rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }] },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: meta('e2e-binding'),
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'e2e-role' },
        subjects: [{ kind: 'ServiceAccount', name: 'e2e-sa', namespace: ns }],
      },
    );
  }
  objects.push(
    { apiVersion: 'e2e.example.com/v1', kind: 'Widget', metadata: { name: 'system-widget', namespace: 'kyma-system', labels }, spec: { size: 3 } },
    { apiVersion: 'e2e.example.com/v1', kind: 'Widget', metadata: { name: 'user-widget', namespace: 'shop', labels }, spec: { size: 5 } },
    { apiVersion: 'testing.kyma-project.io/v1alpha1', kind: 'TestDefinition', metadata: { name: 'smoke', namespace: 'kyma-system', labels }, spec: { image: 'x' } },
  );
  return objects;
}

const what = process.argv[2] ?? 'all';
if (what === 'setup' || what === 'all') setup();
if (what === 'run' || what === 'all') {
  const env = clusterEnv();
  cliRestoreOnRealServers(new Kube(env), env);
}
