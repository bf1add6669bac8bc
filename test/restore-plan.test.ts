// KymaRestorePlan: the restore half of Kyma's guide, with its two slips
// fixed (each Restore names its own source, and only one kind of source).
import { Chart, Duration, JsonPatch, Testing } from 'cdk8s';
import {
  ExistingResourcePolicy, HookErrorMode, KymaBackupSchedule, KymaRestorePlan, LabelExpression, LabelSelector, RestoreHook, RestoreOrder,
} from '../src';
import { newChart, synthErrors, synthProblems, synthValid } from './helpers';

/** Every phase chart of the plan, synthesized (and schema-checked) in order. */
function phases(plan: KymaRestorePlan): any[][] {
  return plan.phases.map(chart => synthValid(chart));
}

describe('defaults: the guide\'s two Restores, slips fixed', () => {
  const plan = new KymaRestorePlan(newChart(), 'Restore');
  const [[system], [user]] = phases(plan);

  test('system first, then user, one phase (chart, file) each', () => {
    expect(plan.phases).toHaveLength(2);
    expect(plan.phases[1].node.dependencies).toEqual([plan.phases[0]]);
    expect(system.metadata).toEqual({ name: 'kyma-system-restore', namespace: 'kyma-backup' });
    expect(user.metadata).toEqual({ name: 'kyma-restore', namespace: 'kyma-backup' });
  });

  test('each names its own Schedule, the latest completed backup, and no backupName', () => {
    expect(system.spec).toEqual({ scheduleName: 'kyma-system-backup', restorePVs: true, includeClusterResources: true });
    expect(user.spec).toEqual({ scheduleName: 'kyma-backup', restorePVs: true, includeClusterResources: true });
  });

  test('node.defaultChild-style escape hatches: the Restores are exposed', () => {
    expect(plan.systemRestores.map(r => r.name)).toEqual(['kyma-system-restore']);
    expect(plan.userRestores.map(r => r.name)).toEqual(['kyma-restore']);
  });
});

describe('sources', () => {
  test('a KymaBackupSchedule gives its names, whatever they are', () => {
    const chart = newChart();
    const schedule = new KymaBackupSchedule(chart, 'Nightly', { systemName: 'nightly-system', userName: 'nightly-user' });
    const plan = new KymaRestorePlan(chart, 'Restore', { schedule });
    const [[system], [user]] = phases(plan);
    expect(system.spec.scheduleName).toBe('nightly-system');
    expect(user.spec.scheduleName).toBe('nightly-user');
  });

  test('a restore point names the two backups of one run, as Velero names them (UTC yyyyMMddHHmmss)', () => {
    const chart = newChart();
    const schedule = new KymaBackupSchedule(chart, 'Nightly', { systemName: 'nightly-system', userName: 'nightly-user' });
    const plan = new KymaRestorePlan(chart, 'Restore', { schedule, restorePoint: new Date('2026-11-27T02:00:05+01:00') });
    const [[system], [user]] = phases(plan);
    expect(system.spec).toEqual({ backupName: 'nightly-system-20261127010005', restorePVs: true, includeClusterResources: true });
    expect(user.spec.backupName).toBe('nightly-user-20261127010005');
    expect(user.spec).not.toHaveProperty('scheduleName');
  });

  test('explicit backup names', () => {
    const plan = new KymaRestorePlan(newChart(), 'Restore', { systemBackupName: 'before-upgrade-system', userBackupName: 'before-upgrade-user' });
    const [[system], [user]] = phases(plan);
    expect(system.spec.backupName).toBe('before-upgrade-system');
    expect(user.spec.backupName).toBe('before-upgrade-user');
  });

  test('one backup name without the other, or names with a restore point, are props errors', () => {
    const chart = newChart();
    new KymaRestorePlan(chart, 'Half', { systemBackupName: 'a' });
    new KymaRestorePlan(chart, 'Both', {
      systemBackupName: 'a',
      userBackupName: 'b',
      restorePoint: new Date('2026-01-01T00:00:00Z'),
      systemRestoreName: 'r1',
      userRestoreName: 'r2',
    });
    expect(synthProblems(chart)).toEqual([
      '[test/Half] systemBackupName = "a": is given without its other half; give both systemBackupName and userBackupName, so that the two halves are chosen together (props error)',
      '[test/Both] restorePoint = "2026-01-01T00:00:00.000Z": is given together with backup names; give a restore point or the backup names (props error)',
    ]);
  });
});

test('CRDS_FIRST: CRDs, Services and Endpoints of both backups first, then the system rest, then the user rest', () => {
  const plan = new KymaRestorePlan(newChart(), 'Restore', { order: RestoreOrder.CRDS_FIRST, excludedResources: ['secrets'] });
  const [first, second, third] = phases(plan);
  const first3 = ['customresourcedefinitions.apiextensions.k8s.io', 'services', 'endpoints'];
  expect(first.map(r => [r.metadata.name, r.spec.scheduleName, r.spec.includedResources, r.spec.excludedResources])).toEqual([
    ['kyma-system-restore-crds', 'kyma-system-backup', first3, ['secrets']],
    ['kyma-restore-crds', 'kyma-backup', first3, ['secrets']],
  ]);
  expect(second.map(r => [r.metadata.name, r.spec.excludedResources])).toEqual([['kyma-system-restore', [...first3, 'secrets']]]);
  expect(third.map(r => [r.metadata.name, r.spec.excludedResources])).toEqual([['kyma-restore', [...first3, 'secrets']]]);
});

test('every RestoreSpec prop renders', () => {
  const plan = new KymaRestorePlan(newChart(), 'Restore', {
    includedNamespaces: ['shop-*'],
    excludedNamespaces: ['shop-tmp'],
    includedResources: ['deployments', 'configmaps'],
    excludedResources: ['secrets'],
    includeClusterResources: false,
    restorePVs: false,
    namespaceMapping: { shop: 'shop-restored' },
    labelSelector: LabelSelector.of({ labels: { app: 'shop' }, expressions: [LabelExpression.in('tier', ['web'])] }),
    restoreStatus: { includedResources: ['workflows'] },
    existingResourcePolicy: ExistingResourcePolicy.UPDATE,
    preserveNodePorts: true,
    itemOperationTimeout: Duration.hours(2),
    hooks: [
      RestoreHook.exec({ name: 'warm', includedNamespaces: ['shop'], command: ['/bin/warm'], container: 'app', onError: HookErrorMode.FAIL, execTimeout: Duration.minutes(2), waitForReady: true }),
      RestoreHook.init({ name: 'restore-db', initContainers: [{ name: 'restore', image: 'postgres:16', command: ['/restore.sh'] }], timeout: Duration.minutes(10) }),
    ],
    resourceModifierConfigMap: 'modifiers',
    writeSparseFiles: true,
    parallelFilesDownload: 4,
  });
  const [[system]] = phases(plan);
  expect(system.spec).toEqual({
    scheduleName: 'kyma-system-backup',
    includedNamespaces: ['shop-*'],
    excludedNamespaces: ['shop-tmp'],
    includedResources: ['deployments', 'configmaps'],
    excludedResources: ['secrets'],
    includeClusterResources: false,
    restorePVs: false,
    namespaceMapping: { shop: 'shop-restored' },
    labelSelector: { matchLabels: { app: 'shop' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['web'] }] },
    restoreStatus: { includedResources: ['workflows'] },
    existingResourcePolicy: 'update',
    preserveNodePorts: true,
    itemOperationTimeout: '2h0m0s',
    hooks: {
      resources: [
        { name: 'warm', includedNamespaces: ['shop'], postHooks: [{ exec: { command: ['/bin/warm'], container: 'app', onError: 'Fail', execTimeout: '2m0s', waitForReady: true } }] },
        { name: 'restore-db', postHooks: [{ init: { initContainers: [{ name: 'restore', image: 'postgres:16', command: ['/restore.sh'] }], timeout: '10m0s' } }] },
      ],
    },
    resourceModifier: { kind: 'ConfigMap', name: 'modifiers' },
    uploaderConfig: { writeSparseFiles: true, parallelFilesDownload: 4 },
  });
});

test('the restore phases are written to their own files, in order, apart from any backup', () => {
  const app = Testing.app();
  const backups = new Chart(app, 'kyma-backup');
  new KymaBackupSchedule(backups, 'Schedule');
  new KymaRestorePlan(app, 'restore');
  const charts = app.charts.map(c => [c.node.path, c.toJson().map((o: any) => `${o.kind}/${o.metadata.name}`)]);
  expect(charts).toEqual([
    ['kyma-backup', ['Schedule/kyma-system-backup', 'Schedule/kyma-backup']],
    ['restore/phase-1-system', ['Restore/kyma-system-restore']],
    ['restore/phase-2-user', ['Restore/kyma-restore']],
  ]);
});

test('a Restore with both sources, or with none, is refused as Velero refuses it', () => {
  const chart = newChart();
  const plan = new KymaRestorePlan(chart, 'Restore');
  plan.systemRestores[0].addJsonPatch(JsonPatch.add('/spec/backupName', 'kyma-system-backup-20261127010000'));
  expect(synthProblems(chart)).toEqual([
    '[test/Restore] System: spec = {"backupName":"kyma-system-backup-20261127010000","scheduleName":"kyma-system-backup"}: names both a backup and a schedule as its source; '
    + 'Velero restores from backupName or from scheduleName (its latest completed backup), exactly one of them',
  ]);
});

describe('Velero\'s restore checks, at synth', () => {
  test.each([
    [{ includedResources: ['nodes'] }, 'spec.includedResources[0] = "nodes": is a resource Velero never restores'],
    [{ includedResources: ['*', 'pods'] }, 'spec.includedResources = ["*","pods"]: "*" stands beside other items'],
    [{ excludedNamespaces: ['*'] }, 'spec.excludedNamespaces[0] = "*": "*" is not allowed in an exclude list'],
    // An enum-typed prop takes its members only, before Velero's own check (which refuses it too).
    [{ existingResourcePolicy: 'replace' }, 'existingResourcePolicy = "replace": is not one of the accepted values; "none", "update" (props error)'],
    [{ labelSelector: LabelSelector.of({ labels: { a: 'b' } }), orLabelSelectors: [LabelSelector.of({ labels: { c: 'd' } })] }, 'spec.orLabelSelectors = [{"matchLabels":{"c":"d"}}]: is set together with labelSelector'],
    [{ hooks: [RestoreHook.init({ name: 'i', initContainers: [{ name: 'x', image: 'busybox' }] })] }, 'spec.hooks.resources[0].postHooks[0].init.initContainers[0] = {"image":"busybox","name":"x"}: has no command'],
    [{ resourceModifierConfigMap: 'Bad_Name' }, 'spec.resourceModifier.name = "Bad_Name": is not a DNS-1123 subdomain'],
    [{ systemBackupName: 'Bad_Name', userBackupName: 'ok' }, 'spec.backupName = "Bad_Name": is not a DNS-1123 subdomain'],
  ])('%j', (props, expected) => {
    const chart = newChart();
    new KymaRestorePlan(chart, 'Restore', props as any);
    // A problem both Restores share is reported once, without the Restore's label.
    const label = 'systemBackupName' in props ? 'System: ' : '';
    expect(synthErrors(chart)).toContain(`[test/Restore] ${label}${expected}`);
  });

  test('restores take namespace globs Velero\'s backups refuse: they match them, never expand them', () => {
    const plan = new KymaRestorePlan(newChart(), 'Restore', { includedNamespaces: ['shop-{a,b}', '**'] });
    expect(phases(plan)[0][0].spec.includedNamespaces).toEqual(['shop-{a,b}', '**']);
  });

  test('a derived backup name fits: a 63-character Schedule name and the timestamp', () => {
    const chart = newChart();
    const schedule = new KymaBackupSchedule(chart, 'S', { systemName: 's'.repeat(63), userName: 'u'.repeat(63) });
    const plan = new KymaRestorePlan(chart, 'Restore', { schedule, restorePoint: new Date('2026-11-27T01:00:00Z') });
    expect(phases(plan)[0][0].spec.backupName).toBe(`${'s'.repeat(63)}-20261127010000`);
  });
});
