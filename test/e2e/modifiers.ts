// Restoring onto a new cluster, on the real servers (issue 17): a small
// namespace of its own is backed up, then restored by the library's restore
// plan into a mapped namespace, with its resource modifiers (a merge patch on
// a ConfigMap, JSON patches on a Deployment) and a KymaRestoreRemapping of
// storage classes. The restored objects must differ from their originals by
// exactly the patches, and nothing may be lost. Then invalid modifier
// documents, each with the outcome written beside it, must end as the
// library predicts: refused up front (FailedValidation) or failed while
// restoring (PartiallyFailed); the library refuses every one of them at synth.
// Self-contained: its own namespaces, object names and Restores, all removed at
// the end, the remapping's cluster-wide ConfigMap too.
import { Chart, Testing } from 'cdk8s';
import { ClusterEnv, Kube, comparable, expectThat, restartVeleroIfQueueStopped, waitFor } from './kube';
import { JsonPatch, KymaRestorePlan, KymaRestoreRemapping, LabelSelector, NamespaceMapping, ResourceModifierRule } from '../../src';
import { ProblemKind } from '../../src/validation/problem';
import { modifierConfigMapProblems } from '../../src/validation/resource-modifiers';

const SOURCE = 'e2e-modifiers';
const TARGET = 'e2e-modifiers-restored';
const BACKUP = 'e2e-modifiers-backup';
const LABEL = 'e2e.kyma-backup/modifiers';
const TERMINAL = ['Completed', 'PartiallyFailed', 'Failed', 'FailedValidation'];

export interface ModifierCounts {
  /** Objects restored and compared with their originals. */
  readonly compared: number;
  /** Fields changed by the patches and the remapping, each checked. */
  readonly patchedFields: number;
  /** Invalid modifier documents sent to the server. */
  readonly invalidSets: number;
  /** Of those, ending as the library predicted. */
  readonly asPredicted: number;
  /** Of those, refused by the library at synth. */
  readonly refusedAtSynth: number;
}

/** A modifier document the library refuses, with the outcome it predicts on the server. */
export interface InvalidSet {
  readonly name: string;
  readonly expect: 'FailedValidation' | 'PartiallyFailed';
  readonly document: unknown;
}

const doc = (...rules: object[]) => ({ version: 'v1', resourceModifierRules: rules });
const onDeployments = (patches: object[], conditions: object = {}) => ({ conditions: { groupResource: 'deployments.apps', ...conditions }, patches });
const replicas = { operation: 'replace', path: '/spec/replicas', value: '0' };

/** Also judged by Velero's own code in the conformance suite (write-modifier-corpus.ts). */
export const INVALID_SETS: readonly InvalidSet[] = [
  { name: 'version v2', expect: 'FailedValidation', document: { version: 'v2', resourceModifierRules: [onDeployments([replicas])] } },
  { name: 'no rules', expect: 'FailedValidation', document: doc() },
  { name: 'unknown field', expect: 'FailedValidation', document: doc({ ...onDeployments([replicas]), patch: [] }) },
  { name: 'two kinds of patch', expect: 'FailedValidation', document: doc({ ...onDeployments([replicas]), mergePatches: [{ patchData: '{}' }] }) },
  { name: 'unknown operation', expect: 'FailedValidation', document: doc(onDeployments([{ ...replicas, operation: 'merge' }])) },
  { name: 'empty path', expect: 'FailedValidation', document: doc(onDeployments([{ operation: 'replace', value: '0' }])) },
  { name: 'empty group-resource', expect: 'FailedValidation', document: doc(onDeployments([replicas], { groupResource: '' })) },
  { name: 'value as a map', expect: 'FailedValidation', document: doc(onDeployments([{ ...replicas, value: { n: 0 } }])) },
  { name: 'look-ahead regex', expect: 'PartiallyFailed', document: doc(onDeployments([replicas], { resourceNameRegex: '^web(?=$)' })) },
  { name: 'unclosed glob', expect: 'PartiallyFailed', document: doc(onDeployments([replicas], { groupResource: '[deployments.apps' })) },
  { name: 'field the kind lacks', expect: 'PartiallyFailed', document: doc(onDeployments([{ ...replicas, path: '/spec/replica' }])) },
  { name: 'operation in capitals', expect: 'PartiallyFailed', document: doc(onDeployments([{ ...replicas, operation: 'Replace' }])) },
  {
    name: 'merge patch that does not parse',
    expect: 'PartiallyFailed',
    document: doc({ conditions: { groupResource: 'configmaps' }, mergePatches: [{ patchData: '{"data": {' }] }),
  },
  { name: 'rule without a patch', expect: 'PartiallyFailed', document: doc({ conditions: { groupResource: 'configmaps' } }) },
];

/** The fixture: a namespace with a ConfigMap, a Deployment of 2 replicas and an unbound PVC of class old-class; the class new-class. */
function fixture(): any[] {
  const labels = { [LABEL]: 'yes' };
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: SOURCE, labels } },
    { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'new-class', labels }, provisioner: 'example.com/none' },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: SOURCE, labels }, data: { mode: 'live', region: 'eu' } },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: SOURCE, labels: { ...labels, app: 'web' } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data', namespace: SOURCE, labels },
      spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'old-class', resources: { requests: { storage: '1Gi' } } },
    },
  ];
}

/** An object as the comparison sees it: what a user wrote, without what the servers add. */

function objectsOf(kube: Kube, namespace: string): Map<string, any> {
  const items = kube.get('configmaps,deployments.apps,persistentvolumeclaims', namespace).filter(o => o.metadata.name !== 'kube-root-ca.crt');
  return new Map(items.map(o => [`${o.kind}/${o.metadata.name}`, comparable(o)]));
}

function waitTerminal(kube: Kube, resource: string, name: string): any {
  return waitFor(`${resource} ${name} to end`, 300, () => {
    if (resource === 'backup') restartVeleroIfQueueStopped(kube);
    const o = kube.getOne(resource, name, 'kyma-backup');
    return TERMINAL.includes(o?.status?.phase) ? o : undefined;
  });
}

/**
 * Deletes the namespaces. Their PVCs first lose the pvc-protection finalizer:
 * the harness runs no controller that would remove it, so they would never go.
 */
function deleteNamespaces(kube: Kube, namespaces: string[]): void {
  kube.kubectl(['delete', 'namespace', ...namespaces, '--ignore-not-found', '--wait=false']);
  for (const namespace of namespaces) {
    if (kube.getOne('namespace', namespace) === undefined) continue;
    for (const pvc of kube.get('persistentvolumeclaims', namespace)) {
      kube.kubectl(['patch', 'persistentvolumeclaim', pvc.metadata.name, '-n', namespace, '--type=merge', '-p', '{"metadata":{"finalizers":null}}']);
    }
  }
  waitFor(`namespaces ${namespaces.join(', ')} to be gone`, 180, () => namespaces.every(n => kube.getOne('namespace', n) === undefined) ? true : undefined);
}

/**
 * The library's restore of the fixture (modifiers, remapping, mapped
 * namespace) on the real servers, then the invalid modifier sets. Expects
 * the BackupStorageLocation `default` to be Available.
 */
export function modifiersOnRealServers(kube: Kube, env: ClusterEnv): ModifierCounts {
  const veleroNs = env.E2E_VELERO_NAMESPACE ?? 'kyma-backup';
  const cleanup: Array<() => void> = [];
  try {
    kube.apply(fixture());
    cleanup.push(() => kube.kubectl(['delete', 'storageclass', 'new-class', '--ignore-not-found']));
    cleanup.push(() => deleteNamespaces(kube, [SOURCE, TARGET, ...INVALID_SETS.map((_, i) => `${TARGET}-${i + 1}`)]));
    const original = objectsOf(kube, SOURCE);
    expectThat(original.size === 3, `fixture: ${[...original.keys()].join(', ')} in ${SOURCE}`);

    kube.apply([{
      apiVersion: 'velero.io/v1',
      kind: 'Backup',
      metadata: { name: BACKUP, namespace: veleroNs },
      spec: { includedNamespaces: [SOURCE], storageLocation: 'default', snapshotVolumes: false, ttl: '2h0m0s' },
    }]);
    // Through a DeleteBackupRequest, so that the backup leaves the bucket too and is not synced back.
    cleanup.push(() => {
      kube.apply([{ apiVersion: 'velero.io/v1', kind: 'DeleteBackupRequest', metadata: { name: `${BACKUP}-delete`, namespace: veleroNs }, spec: { backupName: BACKUP } }]);
      waitFor(`backup ${BACKUP} to be deleted`, 120, () => kube.getOne('backups.velero.io', BACKUP, veleroNs) === undefined ? true : undefined);
      kube.kubectl(['delete', 'deletebackuprequests.velero.io', '-n', veleroNs, '-l', `velero.io/backup-name=${BACKUP}`, '--ignore-not-found']);
    });
    const backup = waitTerminal(kube, 'backups.velero.io', BACKUP);
    expectThat(backup.status.phase === 'Completed', `Backup ${BACKUP} completed (${backup.status.progress?.itemsBackedUp} items)`);

    // The library's restore: remapping, modifiers and the mapped namespace.
    const chart = new Chart(Testing.app(), 'remapping');
    new KymaRestoreRemapping(chart, 'Remapping', { namespace: veleroNs, storageClasses: { 'old-class': 'new-class' } });
    const remapping = Testing.synth(chart);
    kube.apply(remapping);
    cleanup.push(() => kube.kubectl(['delete', 'configmap', ...remapping.map(o => o.metadata.name), '-n', veleroNs, '--ignore-not-found']));
    const plan = new KymaRestorePlan(new Chart(Testing.app(), 'restore'), 'Restore', {
      namespace: veleroNs,
      systemBackupName: BACKUP,
      userBackupName: BACKUP,
      systemRestoreName: 'e2e-modifiers-restore',
      userRestoreName: 'e2e-modifiers-restore-user',
      includedNamespaces: [SOURCE],
      mappedNamespaces: NamespaceMapping.of({ [SOURCE]: TARGET }),
    });
    // Conditions name the backed-up namespace: Velero matches them before mapping.
    plan.addResourceModifier(ResourceModifierRule.jsonPatch({ groupResource: 'deployments.apps', namespaces: [SOURCE] },
      [JsonPatch.replace('/spec/replicas', 0), JsonPatch.add('/metadata/labels/restored', 'true')]));
    plan.addResourceModifier(ResourceModifierRule.mergePatch(
      { groupResource: 'configmaps', labelSelector: LabelSelector.of({ labels: { [LABEL]: 'yes' } }), resourceNameRegex: '^settings$' },
      [{ data: { mode: 'restored' } }]));
    // The first phase: the modifiers' ConfigMap and the Restore of the "system" half, which is the whole namespace here.
    const phase = Testing.synth(plan.phases[0]);
    expectThat(phase.map(o => o.kind).join(',') === 'ConfigMap,Restore', 'the plan\'s first phase is the modifiers\' ConfigMap, then the Restore');
    kube.apply(phase);
    cleanup.push(() => kube.kubectl(['delete', 'restores.velero.io', 'e2e-modifiers-restore', '-n', veleroNs, '--ignore-not-found']));
    cleanup.push(() => kube.kubectl(['delete', 'configmap', phase[0].metadata.name, '-n', veleroNs, '--ignore-not-found']));
    const restore = waitTerminal(kube, 'restores.velero.io', 'e2e-modifiers-restore');
    expectThat(restore.status.phase === 'Completed', `Restore e2e-modifiers-restore completed (${restore.status.progress?.itemsRestored} items, warnings ${restore.status.warnings ?? 0})`);

    const restored = objectsOf(kube, TARGET);
    const lost = [...original.keys()].filter(key => !restored.has(key));
    expectThat(lost.length === 0, `nothing lost: ${restored.size} objects restored into ${TARGET}`);
    // What the patches and the remapping say, applied to the originals by hand: every other field must be as it was.
    const expected = new Map([...original].map(([key, o]) => [key, JSON.parse(JSON.stringify(o))]));
    expected.get('ConfigMap/settings').content.data.mode = 'restored';
    expected.get('Deployment/web').content.spec.replicas = 0;
    expected.get('Deployment/web').labels.restored = 'true';
    expected.get('PersistentVolumeClaim/data').content.spec.storageClassName = 'new-class';
    let patchedFields = 0;
    for (const [key, want] of expected) {
      const got = restored.get(key);
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        throw new Error(`${key} restored as ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
      }
    }
    expectThat(restored.get('ConfigMap/settings').content.data.mode === 'restored', 'the merge patch set the ConfigMap\'s data.mode, and kept data.region');
    expectThat(restored.get('Deployment/web').content.spec.replicas === 0, 'the JSON patch set the Deployment\'s replicas to 0');
    expectThat(restored.get('Deployment/web').labels.restored === 'true', 'the JSON patch added the label restored=true');
    expectThat(restored.get('PersistentVolumeClaim/data').content.spec.storageClassName === 'new-class',
      'the remapping restored the PVC with storage class new-class');
    patchedFields += 4;
    expectThat(true, `${expected.size} objects equal their originals but for the ${patchedFields} patched fields`);

    // Invalid sets: the server's outcome, as the library predicts it.
    let asPredicted = 0;
    let refusedAtSynth = 0;
    INVALID_SETS.forEach((set, i) => {
      const name = `e2e-modifiers-bad-${i + 1}`;
      const configMap = {
        apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: veleroNs }, data: { 'resource-modifiers.json': JSON.stringify(set.document) },
      };
      const verdict = modifierConfigMapProblems(configMap, { namespaceMapping: { [SOURCE]: `${TARGET}-${i + 1}` } });
      const predicted = verdict.some(p => p.kind === ProblemKind.VELERO) ? 'FailedValidation'
        : verdict.some(p => p.kind === ProblemKind.DELIBERATE) ? 'PartiallyFailed' : 'Completed';
      if (verdict.length > 0) refusedAtSynth++;
      kube.apply([configMap, {
        apiVersion: 'velero.io/v1',
        kind: 'Restore',
        metadata: { name, namespace: veleroNs },
        spec: {
          backupName: BACKUP,
          includedNamespaces: [SOURCE],
          namespaceMapping: { [SOURCE]: `${TARGET}-${i + 1}` },
          resourceModifier: { kind: 'ConfigMap', name },
        },
      }]);
      cleanup.push(() => kube.kubectl(['delete', 'restores.velero.io,configmaps', name, '-n', veleroNs, '--ignore-not-found']));
      const phaseNow = waitTerminal(kube, 'restores.velero.io', name).status.phase;
      const agree = phaseNow === set.expect && predicted === set.expect;
      if (agree) asPredicted++;
      console.log(`  ${agree ? 'ok' : 'DISAGREE'}: ${set.name}: server ${phaseNow}, expected ${set.expect}, library ${predicted}`);
    });
    expectThat(asPredicted === INVALID_SETS.length, `${asPredicted} of ${INVALID_SETS.length} invalid modifier sets ended as predicted`);
    expectThat(refusedAtSynth === INVALID_SETS.length, `${refusedAtSynth} of ${INVALID_SETS.length} refused by the library at synth`);
    return { compared: expected.size, patchedFields, invalidSets: INVALID_SETS.length, asPredicted, refusedAtSynth };
  } finally {
    for (const undo of cleanup.reverse()) {
      try {
        undo();
      } catch (e) {
        console.log(`  cleanup: ${(e as Error).message}`);
      }
    }
  }
}
