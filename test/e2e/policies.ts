// Resource policies on the real servers (issue 17): a Backup with a valid
// policy written by KymaResourcePolicy Completes and leaves out what the
// policy's include/exclude lists say; each invalid policy (the library's own
// verdict: refused) ends FailedValidation, as predicted beside each case.
// Self-contained: its own namespace, ConfigMaps and Backups; it needs the
// storage location `default` (bucket kyma-backups) that the scenario defines.
import { Chart, Testing } from 'cdk8s';
import { ClusterEnv, Kube, ROOT, backupContents, clusterEnv, waitBackupEnd, waitFor } from './kube';
import {
  BackupNamespaces, KymaResourcePolicy, KymaSystemBackup, ResourceFilter, VolumePolicy,
} from '../../src';
import { ProblemKind } from '../../src/validation/problem';
import { policyPairingProblems, readPolicyConfigMap } from '../../src/validation/resource-policy';

const VELERO_NS = 'kyma-backup';
const NS = 'e2e-policies';

/** One invalid policy: the ConfigMap's data, the spec of the Backup naming it, and the outcome expected on the server. */
interface InvalidCase {
  readonly id: string;
  readonly data: { [key: string]: string };
  readonly spec?: { [key: string]: unknown };
  readonly expected: 'FailedValidation';
}

const doc = (document: unknown) => ({ 'policy.yaml': JSON.stringify(document) });
const vp = (conditions: unknown, type = 'skip') => doc({ version: 'v1', volumePolicies: [{ conditions, action: { type } }] });

/** Each refused by the library with a Velero-kind problem; each expected to end FailedValidation. */
export const INVALID_CASES: readonly InvalidCase[] = [
  { id: 'version-v2', data: doc({ version: 'v2' }), expected: 'FailedValidation' },
  { id: 'no-version', data: doc({ volumePolicies: [] }), expected: 'FailedValidation' },
  { id: 'two-data-keys', data: { a: JSON.stringify({ version: 'v1' }), b: JSON.stringify({ version: 'v1' }) }, expected: 'FailedValidation' },
  { id: 'unknown-top-key', data: doc({ version: 'v1', volumePolicy: [] }), expected: 'FailedValidation' },
  { id: 'unknown-condition', data: vp({ storageclass: ['standard'] }), expected: 'FailedValidation' },
  { id: 'action-type', data: vp({ storageClass: ['standard'] }, 'Skip'), expected: 'FailedValidation' },
  { id: 'capacity-order', data: vp({ capacity: '100Gi,10Gi' }), expected: 'FailedValidation' },
  { id: 'capacity-syntax', data: vp({ capacity: '10GB,20GB' }), expected: 'FailedValidation' },
  { id: 'capacity-commas', data: vp({ capacity: '10Gi' }), expected: 'FailedValidation' },
  { id: 'storage-class-string', data: vp({ storageClass: 'standard' }), expected: 'FailedValidation' },
  { id: 'csi-attributes-no-driver', data: vp({ csi: { volumeAttributes: { type: 'gp3' } } }), expected: 'FailedValidation' },
  { id: 'pvc-labels-null', data: vp({ pvcLabels: null }), expected: 'FailedValidation' },
  { id: 'ie-wildcard', data: doc({ version: 'v1', includeExcludePolicy: { includedNamespaceScopedResources: ['*'] } }), expected: 'FailedValidation' },
  {
    id: 'ie-both-lists',
    data: doc({ version: 'v1', includeExcludePolicy: { includedNamespaceScopedResources: ['configmaps'], excludedNamespaceScopedResources: ['configmaps'] } }),
    expected: 'FailedValidation',
  },
  { id: 'duplicate-key', data: { 'policy.yaml': '{"version": "v1", "version": "v1"}' }, expected: 'FailedValidation' },
  // The guide's old-style filters beside an include/exclude policy.
  {
    id: 'ie-with-old-filters',
    data: doc({ version: 'v1', includeExcludePolicy: { excludedNamespaceScopedResources: ['events'] } }),
    spec: { excludedResources: ['pods'] },
    expected: 'FailedValidation',
  },
];

/** The library's verdict on a case, with the Backup spec that names it. */
function refusedByUs(c: InvalidCase): boolean {
  const read = readPolicyConfigMap({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: c.id, namespace: VELERO_NS }, data: c.data });
  const spec = { ...c.spec, resourcePolicy: { kind: 'configmap', name: c.id } };
  const problems = [...read.problems, ...(read.document !== undefined ? policyPairingProblems(spec, read.document, 'spec', c.id) : [])];
  return problems.some(p => p.kind === ProblemKind.VELERO);
}


/** The valid policy and its Backup, as an app writes them. */
function validApp(): any[] {
  const chart = new Chart(Testing.app(), 'policies');
  const policy = new KymaResourcePolicy(chart, 'Policy', {
    name: 'e2e-policy-valid',
    volumePolicies: [VolumePolicy.snapshot().whereStorageClass('premium'), VolumePolicy.skip().whereStorageClass('standard')],
    includeExclude: { namespaced: { exclude: ['events'] } },
  });
  const backup = new KymaSystemBackup(chart, 'Backup', {
    name: 'e2e-policy-valid',
    systemNamespaces: BackupNamespaces.named(NS),
    // No include list: Velero lets a backup's own lists win over the policy's (an include of * would keep the events).
    resources: ResourceFilter.scoped({ namespaced: { exclude: ['secrets'] } }),
    omitVolumeSnapshotLocations: true,
  });
  backup.useResourcePolicy(policy);
  return Testing.synth(chart);
}

export function policiesOnRealServers(kube: Kube, env: ClusterEnv): { valid: number; invalid: number } {
  kube.apply([
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kept', namespace: NS }, data: { a: '1' } },
    { apiVersion: 'v1', kind: 'Event', metadata: { name: 'left-out', namespace: NS }, involvedObject: { kind: 'ConfigMap', name: 'kept', namespace: NS }, reason: 'E2E', message: 'left out by the policy' },
  ]);

  // The valid policy: the Backup Completes, keeps the ConfigMap and leaves the Event out.
  kube.apply(validApp());
  const done = waitBackupEnd(kube, 'e2e-policy-valid');
  if (done.status.phase !== 'Completed') throw new Error(`the Backup with a valid policy ended ${done.status.phase}: ${JSON.stringify(done.status)}`);
  const files = [...backupContents(env, 'e2e-policy-valid').keys()];
  const has = (resource: string) => files.some(f => f.startsWith(`resources/${resource}/namespaces/${NS}/`));
  if (!has('configmaps')) throw new Error(`the valid policy's backup lacks the ConfigMap: ${files.join(', ')}`);
  if (has('events')) throw new Error('the valid policy\'s backup holds the Event its include/exclude policy leaves out');
  console.log('  ok: a Backup with a valid KymaResourcePolicy Completed; it holds the ConfigMap and not the Event the policy excludes');

  // The measurement behind a deliberate refusal: with a scoped include of *, Velero lets the backup's list win, and the events stay in.
  kube.apply([{
    apiVersion: 'velero.io/v1',
    kind: 'Backup',
    metadata: { name: 'e2e-policy-overridden', namespace: VELERO_NS },
    spec: { includedNamespaces: [NS], includedNamespaceScopedResources: ['*'], storageLocation: 'default', resourcePolicy: { kind: 'configmap', name: 'e2e-policy-valid' } },
  }]);
  const overridden = waitBackupEnd(kube, 'e2e-policy-overridden');
  const overriddenFiles = [...backupContents(env, 'e2e-policy-overridden').keys()];
  if (overridden.status.phase !== 'Completed' || !overriddenFiles.some(f => f.startsWith(`resources/events/namespaces/${NS}/`))) {
    throw new Error(`expected Completed with the Event (the library refuses this pairing deliberately): ${overridden.status.phase}, ${overriddenFiles.join(', ')}`);
  }
  console.log('  ok: with a scoped include of *, Velero keeps the Event the policy excludes (Completed), as the library\'s deliberate refusal says');

  // The invalid ones: all refused by the library, each FailedValidation on the server.
  const disagreements: string[] = [];
  for (const c of INVALID_CASES) {
    if (!refusedByUs(c)) disagreements.push(`${c.id}: the library takes it`);
  }
  const name = (c: InvalidCase) => `e2e-policy-${c.id}`;
  kube.apply(INVALID_CASES.flatMap(c => [
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: name(c), namespace: VELERO_NS }, data: c.data },
    {
      apiVersion: 'velero.io/v1',
      kind: 'Backup',
      metadata: { name: name(c), namespace: VELERO_NS },
      spec: { includedNamespaces: [NS], storageLocation: 'default', ...c.spec, resourcePolicy: { kind: 'configmap', name: name(c) } },
    },
  ]));
  for (const c of INVALID_CASES) {
    const phase = waitBackupEnd(kube, name(c)).status.phase;
    if (phase === c.expected) console.log(`  ok: invalid policy ${c.id}: ${phase}, as predicted`);
    else disagreements.push(`${c.id}: expected ${c.expected}, the server says ${phase}`);
  }
  for (const c of INVALID_CASES) {
    kube.kubectl(['delete', 'backup,configmap', name(c), '-n', VELERO_NS, '--wait=true']);
  }
  // The two Completed backups go as Velero deletes backups: with their tarballs, so no backup sync brings them back.
  const completed = ['e2e-policy-valid', 'e2e-policy-overridden'];
  kube.apply(completed.map(backup => ({
    apiVersion: 'velero.io/v1', kind: 'DeleteBackupRequest', metadata: { name: `${backup}-delete`, namespace: VELERO_NS }, spec: { backupName: backup },
  })));
  for (const backup of completed) waitFor(`backup ${backup} to be deleted`, 300, () => (kube.getOne('backup', backup, VELERO_NS) ? undefined : true));
  kube.kubectl(['delete', 'configmap', 'e2e-policy-valid', '-n', VELERO_NS, '--wait=true']);
  kube.kubectl(['delete', 'namespace', NS, '--wait=true']);
  console.log(`  resource policies: 1 valid Completed, ${INVALID_CASES.length} invalid; ${disagreements.length} disagreements (library, server)`);
  for (const d of disagreements) console.log(`  DISAGREEMENT ${d}`);
  if (disagreements.length > 0) throw new Error(`${disagreements.length} resource policy verdicts differ from the server's`);
  return { valid: 1, invalid: INVALID_CASES.length };
}

/** A dev runner on a cluster of `cluster.sh up`: defines the `default` location the scenario would, then runs the step. */
if (require.main === module) {
  process.chdir(ROOT);
  const env = clusterEnv();
  const kube = new Kube(env);
  const chart = new Chart(Testing.app(), 'location');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { KymaBackupStorageLocation } = require('../../src');
  new KymaBackupStorageLocation(chart, 'Storage', {
    provider: 'aws',
    bucket: env.E2E_BUCKET,
    default: true,
    config: { region: env.E2E_REGION, s3ForcePathStyle: 'true', s3Url: env.E2E_S3_URL },
  });
  kube.apply(Testing.synth(chart));
  waitFor('location default to be Available', 120, () => (kube.getOne('backupstoragelocation', 'default', VELERO_NS)?.status?.phase === 'Available' ? true : undefined));
  console.log(policiesOnRealServers(kube, env));
}
