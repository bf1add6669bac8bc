// Every call the totality issue found going wrong from plain JavaScript: each
// gives one problem at synth naming the argument, or a correct output; never a
// TypeError. (test/fuzz covers every public entry point generically.)
import { ApiObject, Duration, JsonPatch, Lazy, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  BackupNamespaces, BackupSchedule, KymaBackupAlerts, KymaBackupPlan, KymaBackupRule, KymaBackupSchedule, KymaBackupStorageLocation,
  KymaRestorePlan, KymaSystemBackup, KymaUserBackup, KymaVolumeSnapshotLocation, LabelSelector, LocationCredential, ResourceFilter,
  RestoreHook, VeleroValidation, WorkloadHookForm, WorkloadHooks,
} from '../src';
import { find, newChart, synthProblems, synthValid } from './helpers';

const js = (value: unknown): any => value;

describe('wrong arguments are problems naming the argument, never a TypeError', () => {
  test.each([
    ['excludeNamespaces("scratch")', (b: KymaSystemBackup) => b.excludeNamespaces(js('scratch')),
      'excludeNamespaces(namespaces) = "scratch": is a string ("scratch"); a BackupNamespaces, such as BackupNamespaces.named("scratch") (props error)'],
    ['addSystemNamespaces(null)', (b: KymaSystemBackup) => b.addSystemNamespaces(js(null)),
      'addSystemNamespaces(namespaces) = null: is null; a BackupNamespaces, such as BackupNamespaces.named("kyma-system") (props error)'],
    ['addHook(null)', (b: KymaSystemBackup) => b.addHook(js(null)), 'addHook(hook) = null: is null; an object of fields (props error)'],
    ['useVolumeSnapshotLocations(null)', (b: KymaSystemBackup) => b.useVolumeSnapshotLocations(js(null)),
      'useVolumeSnapshotLocations(locations)[0] = null: is null; a KymaVolumeSnapshotLocation of this app (props error)'],
    ['useStorageLocation("primary")', (b: KymaSystemBackup) => b.useStorageLocation(js('primary')),
      'useStorageLocation(location) = "primary": is a string ("primary"); a KymaBackupStorageLocation of this app; for a location by name, the storageLocation prop: { storageLocation: "primary" } (props error)'],
    ['addHookFor({...})', (b: KymaSystemBackup) => b.addHookFor(js({ kind: 'Deployment' }), { pre: [{ command: ['sync'] }] }),
      'addHookFor(workload) = {"kind":"Deployment"}: is an object; a construct of this app (props error)'],
    ['addHook with a command as a string', (b: KymaSystemBackup) => b.addHook({ name: 'h', pre: [{ command: js('sync') }] }),
      'addHook(hook).pre[0].command = "sync": is a string ("sync"); a list (an array) (props error)'],
    ['addOrLabelSelector({...})', (b: KymaSystemBackup) => b.addOrLabelSelector(js({ labels: { app: 'shop' } })),
      'addOrLabelSelector(selector) = {"labels":{"app":"shop"}}: is an object; a LabelSelector, such as LabelSelector.of({ labels: { app: "shop" } }) (props error)'],
    ['excludeResources(["a", "b"])', (b: KymaSystemBackup) => b.excludeResources(js(['a', 'b'])),
      'excludeResources(resources)[0] = ["a","b"]: is a list; a string (props error)'],
  ])('%s', (_name, call, expected) => {
    const chart = newChart();
    call(new KymaSystemBackup(chart, 'S'));
    expect(synthProblems(chart)).toEqual([`[test/S] ${expected}`]);
  });

  test('addHookFor without options, and with a misspelled form or phase', () => {
    const chart = newChart();
    const db = new kplus.Deployment(chart, 'Db', { containers: [{ image: 'postgres', name: 'postgres' }], metadata: { namespace: 'shop' } });
    const backup = new KymaUserBackup(chart, 'U');
    backup.addHookFor(db, js(undefined));
    backup.addHookFor(db, js({ form: 'pod-annotation', pre: [{ command: ['sync'] }] }));
    backup.addHookFor(db, js({ pree: [{ command: ['sync'] }] }));
    expect(synthProblems(chart)).toEqual([
      '[test/U] addHookFor(options) = undefined: is missing; this argument is required (props error)',
      '[test/U] addHookFor(options).form = "pod-annotation": is not one of the accepted values; "backup-spec", "pod-annotations" (props error)',
      '[test/U] addHookFor(options).pree = [{"command":["sync"]}]: is not a prop of this construct, so it would be ignored; did you mean `pre`? (props error)',
    ]);
  });

  test('null props of every construct', () => {
    const chart = newChart();
    for (const [id, make] of Object.entries({
      System: () => new KymaSystemBackup(chart, 'System', js(null)),
      User: () => new KymaUserBackup(chart, 'User', js(null)),
      Schedule: () => new KymaBackupSchedule(chart, 'Schedule', js(null)),
      Plan: () => new KymaBackupPlan(chart, 'Plan', js(null)),
      Ladder: () => KymaBackupPlan.dailyWeeklyMonthly1YearRetention(chart, 'Ladder', js(null)),
      Bsl: () => new KymaBackupStorageLocation(chart, 'Bsl', js(null)),
      Vsl: () => new KymaVolumeSnapshotLocation(chart, 'Vsl', js(null)),
      Restore: () => new KymaRestorePlan(chart, 'Restore', js(null)),
    })) {
      expect(make).not.toThrow();
      expect(id).toBeTruthy();
    }
    const problems = synthProblems(chart);
    for (const path of ['System', 'User', 'Schedule', 'Plan', 'Ladder', 'Bsl', 'Vsl', 'Restore']) {
      expect(problems).toContain(`[test/${path}] props = null: is null; an object of props (props error)`);
    }
  });

  test('a ttl given as a token is a problem, not a TypeError', () => {
    const chart = newChart();
    new KymaUserBackup(chart, 'U', { ttl: js(Lazy.any({ produce: () => '24h' })) });
    expect(synthProblems(chart)).toEqual(['[test/U] ttl = "(a token (Lazy))": is a token (Lazy); a cdk8s Duration of a finite length, such as Duration.days(7) (props error)']);
  });

  test('a value type made from wrong arguments carries its problems to where it is used', () => {
    const chart = newChart();
    new KymaBackupSchedule(chart, 'Every', { schedule: BackupSchedule.every(js('6h')) });
    new KymaSystemBackup(chart, 'Ns', { systemNamespaces: BackupNamespaces.of(js({ name: 'x' })) });
    new KymaSystemBackup(chart, 'Sel', { labelSelector: LabelSelector.of(js({ label: { app: 'shop' } })) });
    new KymaSystemBackup(chart, 'Tier', { labelSelector: LabelSelector.of(js({ labels: { tier: 1 } })) });
    new KymaSystemBackup(chart, 'Legacy', { resources: ResourceFilter.legacy(js({ exclud: ['secrets'] })) });
    new KymaSystemBackup(chart, 'Scoped', { resources: ResourceFilter.scoped(js({ namespace: { include: ['*'] } })) });
    new KymaRestorePlan(chart, 'Hook', { hooks: [RestoreHook.exec(js({ name: 'h', comand: ['x'] }))] });
    new KymaBackupStorageLocation(chart, 'Cred', { provider: 'aws', bucket: 'b', credential: LocationCredential.fromSecret(js(null), 'cloud') });
    const problems = synthProblems(chart);
    expect(problems).toEqual(expect.arrayContaining([
      '[test/Every] schedule.BackupSchedule.every(interval) = "6h": is a string ("6h"); a cdk8s Duration of a finite length, such as Duration.days(7) (props error)',
      '[test/Ns] systemNamespaces.BackupNamespaces.of(namespaces)[0] = {"name":"x"}: is not a construct; a Namespace construct (cdk8s-plus, or an ApiObject of kind Namespace); for names, BackupNamespaces.named(...) (props error)',
      '[test/Sel] labelSelector.LabelSelector.of(options).label = {"app":"shop"}: is not a prop of this construct, so it would be ignored; did you mean `labels`? (props error)',
      '[test/Tier] labelSelector.LabelSelector.of(options).labels["tier"] = 1: is a whole number; a string (props error)',
      expect.stringMatching(/^\[test\/Legacy\] resources\.ResourceFilter\.legacy\(options\)\.exclud = \["secrets"\]: is not a prop .* did you mean `exclude`\?/),
      expect.stringMatching(/^\[test\/Scoped\] resources\.ResourceFilter\.scoped\(options\)\.namespace = .*did you mean `namespaced`\?/),
      expect.stringMatching(/^\[test\/Hook\] hooks\[0\]\.RestoreHook\.exec\(options\)\.comand = \["x"\]: is not a prop .*did you mean `command`\?/),
      '[test/Hook] hooks[0].RestoreHook.exec(options).command = undefined: is missing; this prop is required (props error)',
      '[test/Cred] credential.LocationCredential.fromSecret(secret) = null: is null; a construct of this app (props error)',
    ]));
    // One problem for each mistake: nothing else is reported for these constructs.
    expect(problems).toHaveLength(9);
  });

  test('enum-typed props take their members only', () => {
    const chart = newChart();
    new KymaRestorePlan(chart, 'R', { order: js('crds_first') });
    new KymaBackupStorageLocation(chart, 'Bsl', { provider: 'aws', bucket: 'b', accessMode: js('readonly') });
    expect(synthProblems(chart)).toEqual([
      '[test/R] order = "crds_first": is not one of the accepted values; "system-then-user", "crds-first" (props error)',
      '[test/Bsl] accessMode = "readonly": is not one of the accepted values; "ReadWrite", "ReadOnly" (props error)',
    ]);
  });

  test('__proto__ keys are refused, not dropped', () => {
    const chart = newChart();
    new KymaUserBackup(chart, 'U', {
      orderedResources: JSON.parse('{"__proto__": ["a/b"], "pods": ["shop/web"]}'),
      backupLabels: JSON.parse('{"__proto__": "x"}'),
    });
    expect(synthProblems(chart)).toEqual([
      '[test/U] orderedResources["__proto__"] = ["a/b"]: has the key __proto__, which no Kubernetes name allows and JavaScript would drop; keys that are names (props error)',
      '[test/U] backupLabels["__proto__"] = "x": has the key __proto__, which no Kubernetes name allows and JavaScript would drop; keys that are names (props error)',
    ]);
  });

  test('a plan ttl that no rule uses is refused, not dropped', () => {
    const chart = newChart();
    KymaBackupPlan.dailyWeeklyMonthly1YearRetention(chart, 'Ladder', { ttl: Duration.days(3) });
    expect(synthProblems(chart)).toEqual([
      '[test/Ladder] ttl = "72h": is used by no rule: each sets keep or ttl of its own; leave ttl out, or give it to a rule that sets neither (KymaBackupRule.custom({ name, schedule })) (props error)',
    ]);
    const used = newChart();
    KymaBackupPlan.daily35DayRetention(used, 'Ladder', {
      ttl: Duration.days(40), rules: [KymaBackupRule.custom({ name: 'hourly', schedule: BackupSchedule.cron({ minute: '30' }) })],
    });
    expect(find(synthValid(used), 'Schedule', 'kyma-backup-hourly').spec.template.ttl).toBe('960h0m0s');
  });

  test('an unknown weekday is reported as such, not as a staggering clash', () => {
    const chart = newChart();
    new KymaBackupPlan(chart, 'Plan', { rules: [KymaBackupRule.daily({ keep: 7 }), KymaBackupRule.weekly({ keep: 4, weekDay: 'FUNDAY' })] });
    const problems = synthProblems(chart);
    expect(problems.join('\n')).not.toContain('same minute');
    expect(problems.join('\n')).toContain('"0 1 * * FUNDAY"');
  });

  test('a JSON patch adding a field the CRD does not know is reported: the change would be lost', () => {
    const chart = newChart();
    const backup = new KymaUserBackup(chart, 'U');
    backup.backup.addJsonPatch(JsonPatch.add('/spec/bogusField', true));
    expect(synthProblems(chart)).toEqual([
      '[test/U] spec.bogusField = true: is not a field of this kind in Velero\'s CRD, so it would not be written (and the API server would drop it); the fields the CRD declares; check the field name and its place (deliberate difference from Velero, see README)',
    ]);
  });

  test('VeleroValidation\'s static methods answer wrong input with a problem', () => {
    expect(VeleroValidation.validateObjects(js(null))).toEqual([expect.objectContaining({ resource: '(input)', field: 'manifests', message: expect.stringContaining('is not a list') })]);
    expect(VeleroValidation.validateFiles(['/nonexistent/file.yaml'])).toEqual([expect.objectContaining({ field: 'files', file: '/nonexistent/file.yaml' })]);
    expect(VeleroValidation.format(js(null))).toBe('[(input)] problems = null: is not a list; the list validateObjects or validateFiles returns (props error)');
    expect(() => VeleroValidation.addTo(js(null))).toThrow('VeleroValidation.addTo(scope) = null: is not a construct');
  });
});

describe('one problem for each mistake (review findings)', () => {
  test('numbers and flags the library computes with take no tokens', () => {
    const chart = newChart();
    new KymaBackupPlan(chart, 'Plan', { rules: [KymaBackupRule.daily({ keep: 7 })], retentionCheckYear: js(Lazy.any({ produce: () => 2028 })), stagger: js(Lazy.any({ produce: () => false })) });
    expect(synthProblems(chart)).toEqual([
      '[test/Plan] retentionCheckYear = "(a token (Lazy))": is a token (Lazy); a whole number (props error)',
      '[test/Plan] stagger = "(a token (Lazy))": is a token (Lazy); true or false (props error)',
    ]);
  });

  test('a preset spread into other options keeps its problems', () => {
    const chart = newChart();
    const db = new kplus.Deployment(chart, 'Db', { containers: [{ image: 'postgres', name: 'postgres' }], metadata: { namespace: 'shop' } });
    new KymaUserBackup(chart, 'U').addHookFor(db, { name: 'freeze', ...WorkloadHooks.fsfreeze(js(5), '/data') });
    expect(synthProblems(chart)).toEqual(['[test/U] addHookFor(options).WorkloadHooks.fsfreeze(container) = 5: is a whole number; a plain string (the library computes with it, so no token can stand for it) (props error)']);
  });

  test('a rule with a wrong name or no schedule is reported alone, not through its stand-ins', () => {
    const chart = newChart();
    new KymaBackupPlan(chart, 'Plan', {
      rules: [
        KymaBackupRule.custom(js({ name: 5, schedule: BackupSchedule.cron({ hour: '3' }), keep: 3 })),
        KymaBackupRule.custom(js({ name: 'x', keep: 3 })),
        KymaBackupRule.daily({ minute: '0' }),
      ],
    });
    expect(synthProblems(chart)).toEqual([
      '[test/Plan] rules[0].name = 5: is a whole number; a plain string (the library computes with it, so no token can stand for it) (props error)',
      '[test/Plan] rules[1].schedule = undefined: is missing; this prop is required (props error)',
    ]);
  });

  test('alerts for something that is no plan: one problem', () => {
    const chart = newChart();
    new KymaBackupAlerts(chart, 'A', js({ plan: {} }));
    new KymaBackupAlerts(chart, 'B', js(null));
    expect(synthProblems(chart)).toEqual([
      '[test/A] plan = "(a Object)": is not a backup plan; a KymaBackupPlan (an IKymaBackupPlan) (props error)',
      '[test/B] props = null: is null; an object of props (props error)',
    ]);
  });

  test('two wrong backupNow names: a problem each, and no follow-on from the stand-in pair', () => {
    const chart = newChart();
    const plan = new KymaBackupPlan(chart, 'Plan', { rules: [KymaBackupRule.daily({ keep: 7 })] });
    expect(plan.backupNow(js(5))).toBe(plan.backupNow(js(6)));
    expect(synthProblems(chart)).toEqual([
      '[test/Plan] backupNow(name) = 5: is a whole number; a plain string (the library computes with it, so no token can stand for it) (props error)',
      '[test/Plan] backupNow(name) = 6: is a whole number; a plain string (the library computes with it, so no token can stand for it) (props error)',
    ]);
  });

  test('the same wrong call twice is one line', () => {
    const chart = newChart();
    const plan = new KymaBackupPlan(chart, 'Plan', { rules: [KymaBackupRule.daily({ keep: 7 })] });
    plan.scheduleNames(js(null));
    plan.scheduleNames(js(null));
    expect(synthProblems(chart)).toEqual(['[test/Plan] scheduleNames(rule) = null: is null; a KymaBackupRule, such as KymaBackupRule.daily({ keep: 7 }) (props error)']);
  });
});

describe('duplicate calls', () => {
  test('backupNow with a name already used returns the same pair', () => {
    const chart = newChart();
    const plan = new KymaBackupPlan(chart, 'Plan', { rules: [KymaBackupRule.daily({ keep: 7 })] });
    const first = plan.backupNow('before-upgrade');
    expect(plan.backupNow('before-upgrade')).toBe(first);
    const manifests = synthValid(chart);
    expect(manifests.filter(m => m.kind === 'Backup').map(m => m.metadata.name)).toEqual(['kyma-system-backup-before-upgrade', 'kyma-backup-before-upgrade']);
  });

  test('addAlerts twice: the same alerts; with other options, a problem', () => {
    const chart = newChart();
    const plan = new KymaBackupPlan(chart, 'Plan', { rules: [KymaBackupRule.daily({ keep: 7 })] });
    const alerts = plan.addAlerts({ margin: Duration.hours(2) });
    expect(plan.addAlerts({ margin: Duration.hours(2) })).toBe(alerts);
    Testing.synth(chart);
    expect(plan.addAlerts({ severity: 'warning' })).toBe(alerts);
    expect(synthProblems(chart)).toEqual([
      '[test/Plan] addAlerts(options) = {"severity":"warning"}: differs from the options of the first addAlerts call, and a plan has one set of alerts; one addAlerts call, with all its options (props error)',
    ]);
  });

  test('addAlerts on a plan with two rules of one name: the plan reports the name', () => {
    const chart = newChart();
    const plan = new KymaBackupPlan(chart, 'Plan', { rules: [KymaBackupRule.daily({ keep: 7 }), KymaBackupRule.daily({ keep: 3, minute: '30' })] });
    expect(() => plan.addAlerts()).not.toThrow();
    expect(synthProblems(chart).join('\n')).toContain('[test/Plan] rules[1].name = "daily": is also the name of rules[0]');
  });

  test('rule names and backupNow names with a slash do not break construct ids', () => {
    const chart = newChart();
    const plan = new KymaBackupPlan(chart, 'Plan', { rules: [KymaBackupRule.custom({ name: 'a/b', schedule: BackupSchedule.cron({ hour: '3' }), keep: 7 })] });
    expect(() => plan.addAlerts()).not.toThrow();
    expect(() => plan.backupNow('x/y')).not.toThrow();
    // Velero refuses such names; the synth says so.
    expect(synthProblems(chart).join('\n')).toContain('kyma-backup-a/b');
  });
});

describe('hooks in the pod-annotation form go onto the pods', () => {
  const hook = { form: WorkloadHookForm.POD_ANNOTATIONS, pre: [{ command: ['/sbin/fsfreeze', '--freeze', '/data'], container: 'app' }] };
  const podSpec = { containers: [{ name: 'app', image: 'app' }] };

  test.each([
    ['Deployment', 'apps/v1', { selector: { matchLabels: { app: 'a' } }, template: { metadata: { labels: { app: 'a' } }, spec: podSpec } }, ['spec', 'template', 'metadata']],
    ['StatefulSet', 'apps/v1', { serviceName: 's', selector: {}, template: { spec: podSpec } }, ['spec', 'template', 'metadata']],
    ['Job', 'batch/v1', { template: { spec: podSpec } }, ['spec', 'template', 'metadata']],
    ['CronJob', 'batch/v1', { schedule: '@daily', jobTemplate: { spec: { template: { spec: podSpec } } } }, ['spec', 'jobTemplate', 'spec', 'template', 'metadata']],
  ])('a raw %s', (kind, apiVersion, spec, path) => {
    const chart = newChart();
    new ApiObject(chart, 'W', { apiVersion, kind, metadata: { name: 'w', namespace: 'shop' }, spec });
    new KymaUserBackup(chart, 'U').addHookFor(ApiObject.of(chart.node.findChild('W')), hook);
    const workload = find(Testing.synth(chart), kind, 'w');
    const metadata = path.reduce((node: any, part) => node[part], workload);
    expect(metadata.annotations).toEqual({
      'pre.hook.backup.velero.io/command': '["/sbin/fsfreeze","--freeze","/data"]',
      'pre.hook.backup.velero.io/container': 'app',
    });
    expect(workload.metadata.annotations).toBeUndefined();
  });

  test('a raw Pod carries them itself', () => {
    const chart = newChart();
    const pod = new ApiObject(chart, 'P', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'shop' }, spec: podSpec });
    new KymaUserBackup(chart, 'U').addHookFor(pod, hook);
    expect(find(Testing.synth(chart), 'Pod', 'p').metadata.annotations['pre.hook.backup.velero.io/container']).toBe('app');
  });

  test('a later patch that replaces the annotations is reported', () => {
    const chart = newChart();
    const job = new ApiObject(chart, 'J', { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', namespace: 'shop' }, spec: { template: { spec: podSpec } } });
    new KymaUserBackup(chart, 'U').addHookFor(job, hook);
    job.addJsonPatch(JsonPatch.replace('/spec/template/metadata/annotations', { team: 'shop' }));
    expect(synthProblems(chart)).toEqual([expect.stringMatching(/^\[test\/U\] addHookFor\[0\] = \[.*\]: is not on the pods of Job j as written/)]);
  });
});
