// The pure logic of `kyma-backup restore` and `verify` (src/cli): the restore
// plan of a directory, pre-flight's decisions, the same-run check, the dry-run
// preview and verify's verdict. The commands themselves run against the real
// cluster in test/e2e/cli-restore.ts.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { KymaRestorePlan, RestoreOrder } from '../src';
import { usageError } from './cli-helpers';
import { ManifestObject, SourcedObject, readManifestDirectory } from '../src/cli/manifests';
import { ClusterFacts, RestorePlanDir, latestCompleted, planRestore, preflight, sameRun, sourceMismatch, unfinishedBackups } from '../src/cli/preflight';
import { NON_RESTORABLE, ResourceName, guessPlural, listedItems, previewRestore } from '../src/cli/restore-preview';
import { REPLACED_BY_CONTROL_PLANE, restoredItems, resultLines, verifyRestored } from '../src/cli/restore-results';
import { BackupObject, RestoreObject, ScheduleObject, formatAge, nameTimestamp, restoreProgress, schedulePairs, scheduleIntervalSeconds } from '../src/cli/velero-state';

const NS = 'kyma-backup';
const NOW = Date.parse('2026-11-10T12:00:00Z');
const sourced = (objects: object[], file = '0000.yaml'): SourcedObject[] => objects.map((object, i) => ({ object: object as ManifestObject, file, document: i + 1 }));
const restore = (name: string, spec: RestoreObject['spec']): RestoreObject => ({ apiVersion: 'velero.io/v1', kind: 'Restore', metadata: { name, namespace: NS }, spec });
const backup = (name: string, phase: string, start: string, extra: Partial<BackupObject> = {}): BackupObject => ({
  metadata: { name, labels: extra.metadata?.labels }, spec: { storageLocation: 'default' }, status: { phase, startTimestamp: start, progress: { itemsBackedUp: 10 } },
});
const location = (name: string, phase: string, message?: string) => ({ metadata: { name }, status: { phase, message } });
const schedule = (name: string, cron: string, paused = false): ScheduleObject => ({ metadata: { name }, spec: { schedule: cron, paused } });


/** The plan of KymaRestorePlan's own output, read back as restore reads it. */
function synthPlan(props: ConstructorParameters<typeof KymaRestorePlan>[2]): RestorePlanDir {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-restore-test-'));
  const app = new App({ outdir });
  new KymaRestorePlan(app, 'restore', props);
  app.synth();
  return planRestore(readManifestDirectory(outdir), NS);
}

const GUIDE_PLAN = () => synthPlan({ systemBackupName: 'sys-1', userBackupName: 'user-1' });
const facts = (over: Partial<ClusterFacts> = {}): ClusterFacts => ({
  missingDefinitions: [],
  locations: [location('default', 'Available')],
  backups: [backup('sys-1', 'Completed', '2026-11-10T01:00:00Z'), backup('user-1', 'Completed', '2026-11-10T01:00:30Z')],
  schedules: [],
  restores: [],
  configMaps: [],
  ...over,
});

describe('the restore plan of a directory', () => {
  test('the guide\'s order: two phases, by file name, one Restore each, in Velero\'s namespace', () => {
    const plan = GUIDE_PLAN();
    expect(plan.phases.map(p => [p.number, path.basename(p.file).slice(0, 4), p.restores.map(r => r.metadata.name)])).toEqual([
      [1, '0000', ['kyma-system-restore']],
      [2, '0001', ['kyma-restore']],
    ]);
    expect(plan.phases[0].restores[0].spec).toMatchObject({ backupName: 'sys-1' });
    expect(plan.prerequisites).toEqual([]);
  });

  test('CRDS_FIRST: three phases, both halves\' first Restores together', () => {
    const plan = synthPlan({ systemBackupName: 'sys-1', userBackupName: 'user-1', order: RestoreOrder.CRDS_FIRST });
    expect(plan.phases.map(p => p.restores.map(r => r.metadata.name))).toEqual([
      ['kyma-system-restore-crds', 'kyma-restore-crds'], ['kyma-system-restore'], ['kyma-restore'],
    ]);
  });

  test('ConfigMaps and Secrets are prerequisites; a Restore without namespace goes to Velero\'s', () => {
    const plan = planRestore(sourced([
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'modifiers', namespace: NS } },
      { apiVersion: 'velero.io/v1', kind: 'Restore', metadata: { name: 'r' }, spec: { backupName: 'b' } },
    ]), NS);
    expect(plan.prerequisites.map(o => o.metadata.name)).toEqual(['modifiers']);
    expect(plan.phases[0].restores[0].metadata.namespace).toBe(NS);
  });

  test('every reason to refuse the directory, together', () => {
    const e = usageError(() => planRestore(sourced([
      { apiVersion: 'velero.io/v1', kind: 'Restore', metadata: { name: 'r', namespace: 'velero' }, spec: {} },
      { apiVersion: 'velero.io/v1', kind: 'Backup', metadata: { name: 'b' } },
      { apiVersion: 'velero.io/v1', kind: 'Restore', metadata: { name: 'x' } },
      { apiVersion: 'velero.io/v1', kind: 'Restore', metadata: { name: 'x' } },
    ]), NS));
    expect(e.message).toMatch(/Restore r is in namespace velero, but Velero runs in kyma-backup/);
    expect(e.message).toMatch(/backup\.velero\.io\/b: a restore plan holds Restores, ConfigMaps and Secrets only/);
    expect(e.message).toMatch(/Restore x is given twice/);
  });

  test('a directory without a Restore is refused', () => {
    expect(usageError(() => planRestore(sourced([{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } }]), NS)).message).toMatch(/holds no Restore/);
  });
});

describe('pre-flight', () => {
  test('all good: checks named, nothing to fix', () => {
    const pf = preflight(GUIDE_PLAN(), facts(), { pauseSchedules: false, now: NOW });
    expect(pf.problems).toEqual([]);
    expect(pf.warnings).toEqual([]);
    expect(pf.sources.map(s => [s.restore, s.backup?.metadata.name])).toEqual([['kyma-system-restore', 'sys-1'], ['kyma-restore', 'user-1']]);
    expect(pf.checks.join('\n')).toMatch(/BackupStorageLocation default Available/);
    expect(pf.checks.join('\n')).toMatch(/sys-1 and user-1 are of the same run: .*30s apart, within an hour/);
  });

  test('every problem is reported together', () => {
    const pf = preflight(GUIDE_PLAN(), facts({
      locations: [location('default', 'Unavailable', 'bucket gone')],
      backups: [backup('user-1', 'InProgress', '2026-11-10T01:00:30Z')],
      schedules: [schedule('kyma-backup', '0 1 * * *'), schedule('kyma-system-backup', '0 1 * * *', true)],
      restores: [restore('kyma-restore', {})],
    }), { pauseSchedules: false, now: NOW });
    expect(pf.problems).toEqual([
      'no BackupStorageLocation is Available (default Unavailable: bucket gone)',
      'Restore kyma-system-restore: its backup sys-1 does not exist in kyma-backup',
      'Restore kyma-restore: its backup user-1 (InProgress, started 10h59m ago, 10 items) is InProgress, not Completed',
      'Restore kyma-restore: the location of backup user-1, default, is Unavailable: bucket gone (Velero refuses a restore from it)',
      expect.stringMatching(/^Restore kyma-restore exists already \(New\): Velero runs a Restore once/),
      expect.stringMatching(/^Schedule kyma-backup is not paused: /),
    ]);
  });

  test('Velero\'s CRDs missing: that alone', () => {
    const pf = preflight(GUIDE_PLAN(), facts({ missingDefinitions: ['restores', 'downloadrequests'] }), { pauseSchedules: false, now: NOW });
    expect(pf.problems).toEqual(['Velero\'s CRDs are not installed: the API server does not serve restores.velero.io, downloadrequests.velero.io (is Velero installed?)']);
  });

  test('--pause-schedules: the running Schedules are to be paused, not a problem', () => {
    const pf = preflight(GUIDE_PLAN(), facts({ schedules: [schedule('b', '@every 1h'), schedule('a', '0 1 * * *'), schedule('c', '0 1 * * *', true)] }), { pauseSchedules: true, now: NOW });
    expect(pf.problems).toEqual([]);
    expect(pf.schedulesToPause).toEqual(['a', 'b']);
  });

  test('scheduleName: Velero\'s choice, the newest Completed by start time, named', () => {
    const label = { labels: { 'velero.io/schedule-name': 'kyma-backup' } };
    const backups = [
      backup('kyma-backup-20261110010000', 'Completed', '2026-11-10T01:00:00Z', { metadata: { name: '', ...label } }),
      backup('kyma-backup-20261109010000', 'Completed', '2026-11-09T01:00:00Z', { metadata: { name: '', ...label } }),
      backup('kyma-backup-20261111010000', 'Failed', '2026-11-11T01:00:00Z', { metadata: { name: '', ...label } }),
      backup('other', 'Completed', '2026-11-12T01:00:00Z'),
    ];
    expect(latestCompleted(backups, 'kyma-backup')?.metadata.name).toBe('kyma-backup-20261110010000');
    const plan = planRestore(sourced([restore('r', { scheduleName: 'kyma-backup' })]), NS);
    const pf = preflight(plan, facts({ backups }), { pauseSchedules: false, now: NOW });
    expect(pf.sources[0].how).toBe('schedule kyma-backup: its latest completed backup kyma-backup-20261110010000');
    const none = preflight(plan, facts({ backups: [backups[2]] }), { pauseSchedules: false, now: NOW });
    expect(none.problems).toEqual(['Restore r: Schedule kyma-backup has no completed backup (1 backups labelled with it: kyma-backup-20261111010000 Failed)']);
  });

  test('scheduleName with a backup of the Schedule still running: a problem (Velero would pick it for later phases once it completes)', () => {
    const label = { labels: { 'velero.io/schedule-name': 'kyma-backup' } };
    const backups = [
      backup('kyma-backup-20261110010000', 'Completed', '2026-11-10T01:00:00Z', { metadata: { name: '', ...label } }),
      backup('kyma-backup-20261111010000', 'InProgress', '2026-11-11T01:00:00Z', { metadata: { name: '', ...label } }),
    ];
    expect(unfinishedBackups(backups, 'kyma-backup').map(b => b.metadata.name)).toEqual(['kyma-backup-20261111010000']);
    const plan = planRestore(sourced([restore('r', { scheduleName: 'kyma-backup' })]), NS);
    const pf = preflight(plan, facts({ backups }), { pauseSchedules: false, now: NOW });
    expect(pf.problems).toEqual([expect.stringMatching(
      /^Restore r: Schedule kyma-backup has a backup that has not ended \(kyma-backup-20261111010000 InProgress\)\. .*restore from named backups/)]);
    // Ended ones, whatever their phase, do not hold the restore.
    expect(unfinishedBackups([backup('x', 'FailedValidation', '2026-11-11T01:00:00Z', { metadata: { name: '', ...label } })], 'kyma-backup')).toEqual([]);
  });

  test('a Restore Velero took from another backup than pre-flight named is told apart', () => {
    expect(sourceMismatch('r', 'kyma-backup-1', 'kyma-backup-1')).toBeUndefined();
    expect(sourceMismatch('r', 'kyma-backup-1', undefined)).toBeUndefined();
    expect(sourceMismatch('r', undefined, 'kyma-backup-2')).toBeUndefined();
    expect(sourceMismatch('r', 'kyma-backup-1', 'kyma-backup-2')).toMatch(/^Restore r was restored from backup kyma-backup-2, not from kyma-backup-1, which pre-flight named/);
  });

  test('a PartiallyFailed source is a warning; halves of different runs are a warning with both times', () => {
    const pf = preflight(GUIDE_PLAN(), facts({
      backups: [backup('sys-1', 'PartiallyFailed', '2026-11-09T01:00:00Z'), backup('user-1', 'Completed', '2026-11-10T01:00:30Z')],
    }), { pauseSchedules: false, now: NOW });
    expect(pf.problems).toEqual([]);
    expect(pf.warnings).toEqual([
      expect.stringMatching(/^Restore kyma-system-restore: its backup sys-1 .* is PartiallyFailed: Velero restores it/),
      'sys-1 and user-1 may not be of the same run: sys-1 started 2026-11-09T01:00:00Z, user-1 started 2026-11-10T01:00:30Z: 1d apart, more than an hour '
        + '(no Schedule says how far apart its runs are) (1h)',
    ]);
  });

  test('a resource modifier ConfigMap must be in the directory or the cluster', () => {
    const plan = planRestore(sourced([restore('r', { backupName: 'sys-1', resourceModifier: { kind: 'ConfigMap', name: 'mods' } })]), NS);
    expect(preflight(plan, facts(), { pauseSchedules: false, now: NOW }).problems).toEqual(['Restore r: its resource modifier ConfigMap mods is neither in the directory nor in kyma-backup']);
    expect(preflight(plan, facts({ configMaps: ['mods'] }), { pauseSchedules: false, now: NOW }).problems).toEqual([]);
  });
});

describe('the same-run check', () => {
  const labelled = (name: string, scheduleName: string, start: string): BackupObject =>
    ({ metadata: { name, labels: { 'velero.io/schedule-name': scheduleName } }, status: { phase: 'Completed', startTimestamp: start } });

  test('the same timestamp in the scheduled names', () => {
    const run = sameRun(labelled('kyma-system-backup-20261110010000', 'kyma-system-backup', '2026-11-10T01:00:00Z'),
      labelled('kyma-backup-20261110010000', 'kyma-backup', '2026-11-10T01:40:00Z'), []);
    expect(run).toEqual({ same: true, reason: 'both are named for 2026-11-10T01:00:00Z' });
  });

  test('start times within the Schedule\'s longest interval (robfig runs of its spec.schedule)', () => {
    const schedules = [schedule('sys', '0 1 * * *'), schedule('user', '0 1 * * *')];
    const within = sameRun(labelled('a', 'sys', '2026-11-10T01:00:00Z'), labelled('b', 'user', '2026-11-10T20:00:00Z'), schedules);
    expect(within.same).toBe(true);
    expect(within.reason).toMatch(/19h apart, within the Schedule's longest interval \(1d\)/);
    const beyond = sameRun(labelled('a', 'sys', '2026-11-09T01:00:00Z'), labelled('b', 'user', '2026-11-10T02:00:00Z'), schedules);
    expect(beyond).toEqual({ same: false, reason: 'a started 2026-11-09T01:00:00Z, b started 2026-11-10T02:00:00Z: 1d1h apart, more than the Schedule\'s longest interval (1d)' });
  });

  test('the longer interval of the two: weekdays only, the weekend gap counts', () => {
    // Mon-Fri at 01:00: the longest interval is Friday to Monday, three days.
    expect(scheduleIntervalSeconds('0 1 * * 1-5', NOW)).toBe(3 * 86_400);
    expect(scheduleIntervalSeconds('@every 6h', NOW)).toBe(6 * 3600);
    expect(scheduleIntervalSeconds('not a schedule', NOW)).toBeUndefined();
  });
});

describe('the dry-run preview', () => {
  const LIST = {
    'v1/Namespace': ['shop', 'kyma-system'],
    'v1/ConfigMap': ['shop/a', 'shop/b', 'kyma-system/c'],
    'apps/v1/Deployment': ['shop/app'],
    'v1/Event': ['shop/e1'],
    'v1/Node': ['node-1'],
    'rbac.authorization.k8s.io/v1/ClusterRole': ['reader'],
    'apiextensions.k8s.io/v1/CustomResourceDefinition': ['widgets.e2e.example.com'],
    'e2e.example.com/v1/Widget': ['shop/w'],
  };
  const RESOURCES: Record<string, string> = {
    'v1/Namespace': 'namespaces',
    'v1/ConfigMap': 'configmaps',
    'apps/v1/Deployment': 'deployments',
    'v1/Event': 'events',
    'v1/Node': 'nodes',
    'rbac.authorization.k8s.io/v1/ClusterRole': 'clusterroles',
    'apiextensions.k8s.io/v1/CustomResourceDefinition': 'customresourcedefinitions',
  };
  const resourceOf = (apiVersion: string, kind: string): ResourceName => {
    const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
    const known = RESOURCES[`${apiVersion}/${kind}`];
    return known ? { plural: known, group } : { plural: guessPlural(kind), group, guessed: true };
  };

  test('everything Velero restores: events and nodes never', () => {
    const preview = previewRestore(restore('r', { includeClusterResources: true }), LIST, resourceOf);
    expect(preview.items).toEqual([
      'apiextensions.k8s.io/v1/CustomResourceDefinition widgets.e2e.example.com',
      'apps/v1/Deployment shop/app',
      'e2e.example.com/v1/Widget shop/w',
      'rbac.authorization.k8s.io/v1/ClusterRole reader',
      'v1/ConfigMap kyma-system/c', 'v1/ConfigMap shop/a', 'v1/ConfigMap shop/b',
      'v1/Namespace kyma-system', 'v1/Namespace shop',
    ]);
    expect(preview.counts.find(c => c.namespace === 'shop' && c.kind === 'v1/ConfigMap')?.count).toBe(2);
    expect(preview.notes.join('\n')).toMatch(/does not serve e2e\.example\.com\/v1\/Widget now: .*guessed .*e2e\.example\.com\/v1\/Widget as widgets\.e2e\.example\.com/);
    expect(NON_RESTORABLE).toEqual(expect.arrayContaining(['nodes', 'events', 'events.events.k8s.io', 'backups.velero.io', 'restores.velero.io']));
  });

  test('the data mover\'s and CSI snapshots\' records come back whatever the resource and namespace filters say', () => {
    const list = { ...LIST, 'velero.io/v2alpha1/DataUpload': ['kyma-backup/du-1'], 'snapshot.storage.k8s.io/v1/VolumeSnapshotContent': ['snapcontent-1'] };
    const known = (apiVersion: string, kind: string): ResourceName =>
      (kind === 'DataUpload' ? { plural: 'datauploads', group: 'velero.io' } : kind === 'VolumeSnapshotContent'
        ? { plural: 'volumesnapshotcontents', group: 'snapshot.storage.k8s.io' } : resourceOf(apiVersion, kind));
    const preview = previewRestore(restore('r', { includedNamespaces: ['shop'], includedResources: ['configmaps'], includeClusterResources: true }), list, known);
    expect(preview.items).toEqual(expect.arrayContaining(['velero.io/v2alpha1/DataUpload kyma-backup/du-1', 'snapshot.storage.k8s.io/v1/VolumeSnapshotContent snapcontent-1']));
    expect(preview.items).not.toContain('apps/v1/Deployment shop/app');
    // The cluster-scoped switch still holds.
    const off = previewRestore(restore('r', { includedResources: ['configmaps'], includeClusterResources: false }), list, known);
    expect(off.items).not.toContain('snapshot.storage.k8s.io/v1/VolumeSnapshotContent snapcontent-1');
  });

  test('the phase split: CRDs first, then the rest', () => {
    const first = previewRestore(restore('r', { includedResources: ['customresourcedefinitions.apiextensions.k8s.io', 'services', 'endpoints'], includeClusterResources: true }), LIST, resourceOf);
    expect(first.items).toEqual(['apiextensions.k8s.io/v1/CustomResourceDefinition widgets.e2e.example.com']);
    const rest = previewRestore(restore('r', { excludedResources: ['customresourcedefinitions.apiextensions.k8s.io', 'services', 'endpoints'], includeClusterResources: true }), LIST, resourceOf);
    expect(rest.items).not.toContain('apiextensions.k8s.io/v1/CustomResourceDefinition widgets.e2e.example.com');
    expect(rest.items).toContain('rbac.authorization.k8s.io/v1/ClusterRole reader');
  });

  test('namespace filters and mapping; cluster-scoped only when every namespace is included (unset) or asked for', () => {
    const mapped = previewRestore(restore('r', { includedNamespaces: ['shop'], namespaceMapping: { shop: 'shop-copy' } }), LIST, resourceOf);
    expect(mapped.items).toEqual([
      'apps/v1/Deployment shop-copy/app', 'e2e.example.com/v1/Widget shop-copy/w', 'v1/ConfigMap shop-copy/a', 'v1/ConfigMap shop-copy/b', 'v1/Namespace shop-copy',
    ]);
    const excluded = previewRestore(restore('r', { excludedNamespaces: ['sh*'], includeClusterResources: false }), LIST, resourceOf);
    expect(excluded.items).toEqual(['v1/ConfigMap kyma-system/c', 'v1/Namespace kyma-system']);
    // Unset: cluster-scoped objects only when every namespace is included and none excluded (Velero's IncludeEverything).
    expect(previewRestore(restore('r', { excludedNamespaces: ['sh*'] }), LIST, resourceOf).items).toEqual(excluded.items);
    expect(previewRestore(restore('r', { includedNamespaces: ['*'] }), LIST, resourceOf).items).toContain('rbac.authorization.k8s.io/v1/ClusterRole reader');
  });

  test('a label selector cannot be judged from the list, and the preview says so', () => {
    const preview = previewRestore(restore('r', { labelSelector: { matchLabels: { app: 'x' } } }), LIST, resourceOf);
    expect(preview.notes.join('\n')).toMatch(/label selector, which the resource list cannot evaluate .* at most/);
  });

  test('listedItems reads Velero\'s resource list', () => {
    expect(listedItems({ 'apps/v1/Deployment': ['shop/app'], 'v1/Namespace': ['shop'] })).toEqual([
      { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'app' },
      { apiVersion: 'v1', kind: 'Namespace', name: 'shop' },
    ]);
    expect(guessPlural('Policy')).toBe('policies');
    expect(guessPlural('Ingress')).toBe('ingresses');
  });
});

describe('verify and the restore results', () => {
  const LIST = {
    'v1/ConfigMap': ['shop/a(created)', 'shop/b(skipped)', 'shop/c(updated)', 'shop/d(failed)', 'shop/e(created)'],
    'networking.k8s.io/v1/IPAddress': ['10.0.0.5(created)'],
    'v1/Namespace': ['shop(created)'],
  };

  test('missing, skipped apart, failed, replaced by the control plane', () => {
    const items = restoredItems(LIST);
    expect(items.map(i => `${i.kind} ${i.namespace ?? ''}/${i.name} ${i.action}`)).toEqual([
      'IPAddress /10.0.0.5 created', 'ConfigMap shop/a created', 'ConfigMap shop/b skipped', 'ConfigMap shop/c updated', 'ConfigMap shop/d failed', 'ConfigMap shop/e created',
      'Namespace /shop created',
    ]);
    const here = new Set(['shop/a', 'shop/c', 'shop/d', '/shop']);
    const v = verifyRestored(items, i => here.has(`${i.namespace ?? ''}/${i.name}`));
    expect(v).toEqual({
      present: ['v1/ConfigMap shop/a', 'v1/ConfigMap shop/c', 'v1/Namespace shop'],
      missing: ['v1/ConfigMap shop/e'],
      skipped: ['v1/ConfigMap shop/b'],
      failedButPresent: ['v1/ConfigMap shop/d'],
      replaced: ['networking.k8s.io/v1/IPAddress 10.0.0.5'],
    });
    expect(REPLACED_BY_CONTROL_PLANE).toContain('networking.k8s.io/v1/IPAddress');
    expect(verifyRestored(restoredItems({ 'v1/ConfigMap': ['shop/d(failed)'] }), () => false).missing).toEqual(['v1/ConfigMap shop/d (Velero reported a warning or error for it)']);
  });

  test('the lines of RestoreResults', () => {
    expect(resultLines({ velero: ['v'], cluster: ['c'], namespaces: { shop: ['s1', 's2'], blog: ['b'] } })).toEqual([
      'velero: v', 'cluster: c', 'namespace blog: b', 'namespace shop: s1', 'namespace shop: s2',
    ]);
    expect(resultLines(undefined)).toEqual([]);
  });

  test('a Restore\'s progress line', () => {
    expect(restoreProgress({ metadata: { name: 'r' } })).toBe('New');
    expect(restoreProgress({ metadata: { name: 'r' }, status: { phase: 'InProgress', progress: { itemsRestored: 3, totalItems: 9 }, warnings: 2 } }))
      .toBe('InProgress, 3/9 items (2 warnings)');
    expect(restoreProgress({ metadata: { name: 'r' }, status: { phase: 'FailedValidation', validationErrors: ['no backup'] } })).toBe('FailedValidation: no backup');
  });
});

describe('small helpers', () => {
  test('formatAge: two units at most', () => {
    expect([0, 999, 40_000, 25 * 60_000, 3 * 86_400_000 + 4 * 3600_000 + 60_000, 86_400_000].map(formatAge)).toEqual(['0s', '1s', '40s', '25m', '3d4h', '1d']);
  });

  test('nameTimestamp: Velero\'s <schedule>-<yyyyMMddHHmmss>, UTC', () => {
    expect(nameTimestamp('kyma-backup-20261110013000')).toBe(Date.parse('2026-11-10T01:30:00Z'));
    expect(nameTimestamp('kyma-backup')).toBeUndefined();
  });

  test('schedulePairs: the guide\'s pair and each plan rule\'s, both halves present', () => {
    expect(schedulePairs(['kyma-backup', 'kyma-system-backup', 'kyma-system-backup-daily', 'kyma-backup-daily', 'kyma-system-backup-weekly', 'other'])).toEqual([
      { system: 'kyma-system-backup', user: 'kyma-backup' },
      { system: 'kyma-system-backup-daily', user: 'kyma-backup-daily' },
    ]);
  });
});
