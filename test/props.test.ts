import { Duration, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  BackupNamespaces, BackupSchedule, HookErrorMode, KymaBackupSchedule, KymaSystemBackup, KymaUserBackup, LabelExpression, LabelSelector,
  ResourceFilter, velero,
} from '../src';
import { find, newChart, synthErrors, synthProblems, synthValid } from './helpers';

const SYSTEM_NAMESPACES = ['istio-system', 'kyma-system', 'kyma-integration', 'kyma-installer', 'default', 'natss'];

describe('namespace and name', () => {
  test('namespace moves every object and is excluded from both scopes', () => {
    const chart = newChart();
    new KymaSystemBackup(chart, 'S', { namespace: 'velero' });
    new KymaUserBackup(chart, 'U', { namespace: 'velero' });
    new KymaBackupSchedule(chart, 'Sch', { namespace: 'velero' });
    const manifests = synthValid(chart);
    expect(manifests.map(m => m.metadata.namespace)).toEqual(['velero', 'velero', 'velero', 'velero']);
    expect(find(manifests, 'Backup', 'kyma-system-backup').spec.excludedNamespaces).toEqual(['velero']);
    expect(find(manifests, 'Backup', 'kyma-backup').spec.excludedNamespaces).toEqual([...SYSTEM_NAMESPACES, 'velero']);
    expect(find(manifests, 'Schedule', 'kyma-backup').spec.template.excludedNamespaces).toEqual([...SYSTEM_NAMESPACES, 'velero']);
  });

  test('name names the Backup; the Schedule pair takes systemName and userName', () => {
    const chart = newChart();
    new KymaSystemBackup(chart, 'S', { name: 'before-upgrade-system' });
    new KymaUserBackup(chart, 'U', { name: 'before-upgrade-user' });
    new KymaBackupSchedule(chart, 'Sch', { systemName: 'nightly-system', userName: 'nightly-user' });
    expect(synthValid(chart).map(m => `${m.kind}/${m.metadata.name}`)).toEqual([
      'Backup/before-upgrade-system', 'Backup/before-upgrade-user', 'Schedule/nightly-system', 'Schedule/nightly-user',
    ]);
  });
});

describe('systemNamespaces', () => {
  test('the system scope includes exactly them; the user scope excludes them plus Velero\'s namespace', () => {
    const chart = newChart();
    const props = { systemNamespaces: BackupNamespaces.named('kyma-system', 'istio-system') };
    new KymaSystemBackup(chart, 'S', props);
    new KymaUserBackup(chart, 'U', props);
    const [system, user] = synthValid(chart);
    expect(system.spec.includedNamespaces).toEqual(['kyma-system', 'istio-system']);
    expect(system.spec.excludedNamespaces).toEqual(['kyma-backup']);
    expect(user.spec.includedNamespaces).toEqual(['*']);
    expect(user.spec.excludedNamespaces).toEqual(['kyma-system', 'istio-system', 'kyma-backup']);
  });

  test('cdk8s-plus Namespace objects are taken by name, beside strings, everywhere namespaces are taken', () => {
    const chart = newChart();
    const monitoring = new kplus.Namespace(chart, 'Monitoring', { metadata: { name: 'monitoring' } });
    const scratch = new kplus.Namespace(chart, 'Scratch');
    new KymaBackupSchedule(chart, 'Sch', {
      systemNamespaces: BackupNamespaces.named('kyma-system').and(BackupNamespaces.of(monitoring)),
      excludedNamespaces: BackupNamespaces.of(scratch),
      hooks: [{
        name: 'freeze',
        includedNamespaces: BackupNamespaces.of(monitoring),
        excludedNamespaces: BackupNamespaces.of(scratch).and(BackupNamespaces.named('x')),
        pre: [{ command: ['sync'] }],
      }],
    });
    const manifests = synthValid(chart);
    const system = find(manifests, 'Schedule', 'kyma-system-backup').spec.template;
    const user = find(manifests, 'Schedule', 'kyma-backup').spec.template;
    expect(system.includedNamespaces).toEqual(['kyma-system', 'monitoring']);
    expect(user.excludedNamespaces).toEqual(['kyma-system', 'monitoring', 'kyma-backup', scratch.name]);
    expect(scratch.name).toMatch(/^test-scratch-/);
    expect(user.hooks.resources[0].includedNamespaces).toEqual(['monitoring']);
    expect(user.hooks.resources[0].excludedNamespaces).toEqual([scratch.name, 'x']);
  });

  test('excludedNamespaces are added after the default exclusions', () => {
    const chart = newChart();
    new KymaSystemBackup(chart, 'S', { excludedNamespaces: BackupNamespaces.named('tmp-*') });
    new KymaUserBackup(chart, 'U', { excludedNamespaces: BackupNamespaces.named('tmp-*') });
    const [system, user] = synthValid(chart);
    expect(system.spec.excludedNamespaces).toEqual(['kyma-backup', 'tmp-*']);
    expect(user.spec.excludedNamespaces).toEqual([...SYSTEM_NAMESPACES, 'kyma-backup', 'tmp-*']);
  });
});

describe('ttl and other durations render as Go prints time.Duration', () => {
  test.each([
    [Duration.hours(24), '24h0m0s'],
    [Duration.minutes(90), '1h30m0s'],
    [Duration.seconds(45), '45s'],
    [Duration.days(30), '720h0m0s'],
    [Duration.millis(1500), '1.5s'],
  ])('ttl %p is %s in Backups and Schedule templates', (ttl, expected) => {
    const chart = newChart();
    new KymaSystemBackup(chart, 'S', { ttl });
    // Rendering is judged here; ttls below a day leave gaps in a daily Schedule.
    new KymaBackupSchedule(chart, 'Sch', { ttl, allowRetentionGap: true });
    const manifests = synthValid(chart);
    expect(manifests.map(m => m.kind === 'Backup' ? m.spec.ttl : m.spec.template.ttl)).toEqual([expected, expected, expected]);
  });

  test('timeouts are Go durations too', () => {
    const chart = newChart();
    new KymaUserBackup(chart, 'U', { csiSnapshotTimeout: Duration.minutes(20), itemOperationTimeout: Duration.hours(6) });
    const [user] = synthValid(chart);
    expect(user.spec.csiSnapshotTimeout).toBe('20m0s');
    expect(user.spec.itemOperationTimeout).toBe('6h0m0s');
  });
});

describe('locations and resource filters', () => {
  test('storageLocation and volumeSnapshotLocations replace the defaults', () => {
    const chart = newChart();
    new KymaUserBackup(chart, 'U', { storageLocation: 'gcs-eu', volumeSnapshotLocations: ['gcp-eu', 'csi'] });
    const [user] = synthValid(chart);
    expect(user.spec.storageLocation).toBe('gcs-eu');
    expect(user.spec.volumeSnapshotLocations).toEqual(['gcp-eu', 'csi']);
  });

  test('ResourceFilter.legacy: exclude is added to the guide\'s, include and clusterResources replace them', () => {
    const chart = newChart();
    new KymaSystemBackup(chart, 'S', { resources: ResourceFilter.legacy({ exclude: ['events', 'events.events.k8s.io'], clusterResources: false }) });
    new KymaUserBackup(chart, 'U', { resources: ResourceFilter.legacy({ include: ['deployments', 'configmaps'], exclude: ['secrets'], clusterResources: false }) });
    const [system, user] = synthValid(chart);
    expect(system.spec.excludedResources).toEqual(['testdefinitions.testing.kyma-project.io', 'pods', 'events', 'events.events.k8s.io']);
    expect(system.spec.includeClusterResources).toBe(false);
    expect(user.spec.includedResources).toEqual(['deployments', 'configmaps']);
    expect(user.spec.excludedResources).toEqual(['pods', 'secrets']);
    expect(user.spec.includeClusterResources).toBe(false);
  });

  test('ResourceFilter.scoped replaces the old-style defaults', () => {
    const chart = newChart();
    new KymaUserBackup(chart, 'U', {
      resources: ResourceFilter.scoped({
        cluster: { include: ['storageclasses'], exclude: ['nodes'] },
        namespaced: { include: ['*'], exclude: ['pods', 'events'] },
      }),
    });
    const [user] = synthValid(chart);
    expect(user.spec.includedClusterScopedResources).toEqual(['storageclasses']);
    expect(user.spec.excludedClusterScopedResources).toEqual(['nodes']);
    expect(user.spec.includedNamespaceScopedResources).toEqual(['*']);
    expect(user.spec.excludedNamespaceScopedResources).toEqual(['pods', 'events']);
    expect(user.spec).not.toHaveProperty('includedResources');
    expect(user.spec).not.toHaveProperty('excludedResources');
    expect(user.spec).not.toHaveProperty('includeClusterResources');
  });

  test('excludeResources() adds to the old-style exclusions, or to the namespace-scoped ones', () => {
    const chart = newChart();
    const legacy = new KymaUserBackup(chart, 'L', { name: 'legacy' });
    const scoped = new KymaUserBackup(chart, 'S', { name: 'scoped', resources: ResourceFilter.scoped({ namespaced: { include: ['*'] } }) });
    legacy.excludeResources('secrets');
    scoped.excludeResources('secrets');
    const [l, s] = synthValid(chart);
    expect(l.spec.excludedResources).toEqual(['pods', 'secrets']);
    expect(s.spec.excludedNamespaceScopedResources).toEqual(['secrets']);
  });
});

describe('selectors', () => {
  test('labelSelector renders matchLabels and matchExpressions', () => {
    const chart = newChart();
    new KymaUserBackup(chart, 'U', {
      labelSelector: LabelSelector.of({
        labels: { 'app.kubernetes.io/part-of': 'shop' },
        expressions: [
          LabelExpression.in('tier', ['web', 'db']),
          LabelExpression.doesNotExist('velero.io/skip'),
        ],
      }),
    });
    const [user] = synthValid(chart);
    expect(user.spec.labelSelector).toEqual({
      matchLabels: { 'app.kubernetes.io/part-of': 'shop' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['web', 'db'] },
        { key: 'velero.io/skip', operator: 'DoesNotExist' },
      ],
    });
  });

  test('orLabelSelectors render in order', () => {
    const chart = newChart();
    new KymaUserBackup(chart, 'U', { orLabelSelectors: [LabelSelector.of({ labels: { a: '1' } }), LabelSelector.of({ labels: { b: '2' } })] });
    const [user] = synthValid(chart);
    expect(user.spec.orLabelSelectors).toEqual([{ matchLabels: { a: '1' } }, { matchLabels: { b: '2' } }]);
    expect(user.spec).not.toHaveProperty('labelSelector');
  });
});

describe('every other BackupSpec field is reachable through typed props', () => {
  test('volumes, data mover, hooks, order, policy, uploader, groups and backup labels', () => {
    const chart = newChart();
    new KymaSystemBackup(chart, 'S', {
      snapshotVolumes: false,
      defaultVolumesToFsBackup: true,
      snapshotMoveData: true,
      datamover: 'velero',
      hooks: [{
        name: 'freeze-db',
        includedNamespaces: BackupNamespaces.named('kyma-system'),
        includedResources: ['pods'],
        excludedResources: ['jobs'],
        labelSelector: LabelSelector.of({ labels: { app: 'db' } }),
        pre: [{ command: ['/sbin/fsfreeze', '--freeze', '/data'], container: 'fsfreeze', onError: HookErrorMode.FAIL, timeout: Duration.seconds(30) }],
        post: [{ command: ['/sbin/fsfreeze', '--unfreeze', '/data'], onError: HookErrorMode.CONTINUE }],
      }],
      orderedResources: { pods: ['kyma-system/a', 'kyma-system/b'], persistentvolumes: ['pv-1'] },
      resourcePolicyConfigMap: 'backup-policy',
      parallelFilesUpload: 8,
      volumeGroupSnapshotLabelKey: 'velero.io/volume-group',
      backupLabels: { team: 'platform' },
    });
    const [system] = synthValid(chart);
    expect(system.spec).toMatchObject({
      snapshotVolumes: false,
      defaultVolumesToFsBackup: true,
      snapshotMoveData: true,
      datamover: 'velero',
      hooks: {
        resources: [{
          name: 'freeze-db',
          includedNamespaces: ['kyma-system'],
          includedResources: ['pods'],
          excludedResources: ['jobs'],
          labelSelector: { matchLabels: { app: 'db' } },
          pre: [{ exec: { command: ['/sbin/fsfreeze', '--freeze', '/data'], container: 'fsfreeze', onError: 'Fail', timeout: '30s' } }],
          post: [{ exec: { command: ['/sbin/fsfreeze', '--unfreeze', '/data'], onError: 'Continue' } }],
        }],
      },
      orderedResources: { pods: 'kyma-system/a,kyma-system/b', persistentvolumes: 'pv-1' },
      resourcePolicy: { kind: 'configmap', name: 'backup-policy' },
      uploaderConfig: { parallelFilesUpload: 8 },
      volumeGroupSnapshotLabelKey: 'velero.io/volume-group',
      metadata: { labels: { team: 'platform' } },
    });
  });
});

test('an orderedResources name with a comma fails the synth, since Velero would split it', () => {
  const chart = newChart();
  new KymaUserBackup(chart, 'U', { orderedResources: { pods: ['ns/a,ns/b'] } });
  expect(synthErrors(chart)).toContain('[test/U] orderedResources["pods"][0] = "ns/a,ns/b": contains a comma');
});

test('two Velero objects of one kind and name in a namespace fail the synth, as one would replace the other', () => {
  const chart = newChart();
  new KymaSystemBackup(chart, 'A');
  new KymaSystemBackup(chart, 'B');
  new KymaSystemBackup(chart, 'C', { namespace: 'velero' });
  new KymaBackupSchedule(chart, 'Sch', { userName: 'kyma-system-backup' });
  const problems = synthProblems(chart);
  // One problem per shared name, on its first object, listing the others.
  expect(problems).toEqual([
    expect.stringMatching(/^\[test\/A\] metadata.name = "kyma-system-backup": names a Backup in namespace kyma-backup that 1 other object also creates \(test\/B\)/),
    expect.stringMatching(/^\[test\/Sch\] System: metadata.name = "kyma-system-backup": names a Schedule in namespace kyma-backup that 1 other object also creates \(test\/Sch\/User\)/),
  ]);
  // The same name in another namespace, or for another kind, is another object.
  expect(problems.filter(p => p.startsWith('[test/C]'))).toEqual([]);
});

describe('KymaBackupSchedule', () => {
  test('BackupSchedule.cron writes the fields, a left-out minute as 0 and the zone as CRON_TZ', () => {
    const chart = newChart();
    new KymaBackupSchedule(chart, 'A', { schedule: BackupSchedule.cron({ minute: '30', hour: '2', weekDay: 'SUN' }), systemName: 'a-system', userName: 'a-user', ttl: Duration.days(8) });
    new KymaBackupSchedule(chart, 'B', { schedule: BackupSchedule.cron({ hour: '1', timeZone: 'Europe/Berlin' }), systemName: 'b-system', userName: 'b-user' });
    new KymaBackupSchedule(chart, 'C', { schedule: BackupSchedule.cron({ day: '1' }), systemName: 'c-system', userName: 'c-user', ttl: Duration.days(31) });
    new KymaBackupSchedule(chart, 'D', { schedule: BackupSchedule.cron({ minute: '*/15' }), systemName: 'd-system', userName: 'd-user' });
    const manifests = synthValid(chart);
    expect(manifests.map(m => m.spec.schedule)).toEqual([
      '30 2 * * SUN', '30 2 * * SUN',
      'CRON_TZ=Europe/Berlin 0 1 * * *', 'CRON_TZ=Europe/Berlin 0 1 * * *',
      '0 0 1 * *', '0 0 1 * *',
      '*/15 * * * *', '*/15 * * * *',
    ]);
  });

  test('BackupSchedule.every and .expression write @every and the raw string', () => {
    const chart = newChart();
    new KymaBackupSchedule(chart, 'A', { schedule: BackupSchedule.every(Duration.hours(6)), systemName: 'a-system', userName: 'a-user' });
    new KymaBackupSchedule(chart, 'B', { schedule: BackupSchedule.expression('TZ=Asia/Kolkata @weekly'), systemName: 'b-system', userName: 'b-user' });
    const manifests = synthValid(chart);
    expect(manifests.map(m => m.spec.schedule)).toEqual(['@every 6h0m0s', '@every 6h0m0s', 'TZ=Asia/Kolkata @weekly', 'TZ=Asia/Kolkata @weekly']);
  });

  test('a blank or spaced cron field or zone fails the synth as a props error', () => {
    const chart = newChart();
    new KymaBackupSchedule(chart, 'Sch', { schedule: BackupSchedule.cron({ hour: '1 2', timeZone: 'Europe/ Berlin' }) });
    const message = synthErrors(chart);
    expect(message).toContain('[test/Sch] schedule.hour = "1 2": is empty or contains white space; one cron field, such as 0, 1-5, */15 or MON (props error)');
    expect(message).toContain('[test/Sch] schedule.timeZone = "Europe/ Berlin": is empty or contains white space');
  });

  test('a schedule that is not a BackupSchedule is a props error', () => {
    const chart = newChart();
    new KymaBackupSchedule(chart, 'Sch', { schedule: '0 1 * * *' as any });
    expect(synthErrors(chart)).toContain('[test/Sch] schedule = "0 1 * * *": is a string ("0 1 * * *"); a BackupSchedule, such as BackupSchedule.cron({ hour: "1" }) (props error)');
  });

  test('paused, useOwnerReferencesInBackup and skipImmediately render on both Schedules', () => {
    const chart = newChart();
    new KymaBackupSchedule(chart, 'Sch', { paused: true, useOwnerReferencesInBackup: true, skipImmediately: false });
    for (const schedule of synthValid(chart)) {
      expect(schedule.spec).toMatchObject({ paused: true, useOwnerReferencesInBackup: true, skipImmediately: false });
    }
  });

  test('unset schedule flags are left out', () => {
    const chart = newChart();
    new KymaBackupSchedule(chart, 'Sch');
    for (const schedule of synthValid(chart)) {
      expect(Object.keys(schedule.spec).sort()).toEqual(['schedule', 'template']);
    }
  });
});

describe('escape hatches', () => {
  test('each construct exposes its generated Velero object, also as defaultChild', () => {
    const chart = newChart();
    const system = new KymaSystemBackup(chart, 'S');
    const schedule = new KymaBackupSchedule(chart, 'Sch');
    expect(system.backup).toBeInstanceOf(velero.Backup);
    expect(system.node.defaultChild).toBe(system.backup);
    expect(schedule.systemSchedule).toBeInstanceOf(velero.Schedule);
    expect(schedule.userSchedule).toBeInstanceOf(velero.Schedule);
    system.backup.metadata.addLabel('team', 'platform');
    schedule.userSchedule.addJsonPatch(JsonPatch.add('/spec/template/includeClusterResources', false));
    const manifests = synthValid(chart);
    expect(find(manifests, 'Backup', 'kyma-system-backup').metadata.labels).toEqual({ team: 'platform' });
    expect(find(manifests, 'Schedule', 'kyma-backup').spec.template.includeClusterResources).toBe(false);
  });
});

test('all problems of an app are reported together, each with its construct path', () => {
  const chart = newChart();
  new KymaSystemBackup(chart, 'S', { name: 'Bad_Name', storageLocation: 'S3 EU' });
  new KymaBackupSchedule(chart, 'Sch', { schedule: BackupSchedule.expression('0 25 * * *') });
  const message = synthErrors(chart);
  expect(message).toContain('[test/S] metadata.name = "Bad_Name": is not a DNS-1123 subdomain');
  expect(message).toContain('[test/S] spec.storageLocation = "S3 EU": is not a DNS-1123 subdomain');
  expect(message).toContain('[test/Sch] spec.schedule = "0 25 * * *": has an invalid hour field "25": 25 is above the maximum 23');
});
