import { ApiObject, JsonPatch, Testing } from 'cdk8s';
import { find, newChart, synthProblems, synthValid } from './helpers';
import {
  KymaBackupPlan, KymaBackupRule, KymaBackupSchedule, KymaRepositoryPassword, KymaResourcePolicy, KymaUserBackup, PvcPhase, ResourceFilter,
  VeleroValidation, VolumePolicy, VolumeType,
} from '../src';

describe('KymaResourcePolicy', () => {
  test('writes one data key holding the policy as JSON, deterministic', () => {
    const chart = newChart();
    new KymaResourcePolicy(chart, 'Policy', {
      volumePolicies: [
        VolumePolicy.snapshot().whereStorageClass('premium'),
        VolumePolicy.skip().whereStorageClass('standard'),
      ],
    });
    const manifests = Testing.synth(chart);
    const cm = find(manifests, 'ConfigMap', 'kyma-resource-policy');
    expect(cm.metadata.namespace).toBe('kyma-backup');
    expect(Object.keys(cm.data)).toEqual(['policy.yaml']);
    expect(cm.data['policy.yaml']).toBe([
      '{',
      '  "version": "v1",',
      '  "volumePolicies": [',
      '    {',
      '      "conditions": {',
      '        "storageClass": [',
      '          "premium"',
      '        ]',
      '      },',
      '      "action": {',
      '        "type": "snapshot"',
      '      }',
      '    },',
      '    {',
      '      "conditions": {',
      '        "storageClass": [',
      '          "standard"',
      '        ]',
      '      },',
      '      "action": {',
      '        "type": "skip"',
      '      }',
      '    }',
      '  ]',
      '}',
      '',
    ].join('\n'));
  });

  test('every condition, in a fixed order; map keys sorted', () => {
    const chart = newChart();
    const policy = new KymaResourcePolicy(chart, 'Policy', { name: 'volumes', dataKey: 'p.json' });
    policy.addVolumePolicy(VolumePolicy.fsBackup()
      .wherePvcPhase(PvcPhase.BOUND)
      .wherePvcLabels({ tier: 'gold', app: 'db' })
      .whereVolumeTypes(VolumeType.CSI)
      .whereCsi({ driver: 'ebs.csi.aws.com', volumeAttributes: { type: 'gp3' } })
      .whereCapacity({ atLeast: '1Gi', atMost: '100Gi' })
      .whereStorageClass('fast'));
    policy.addVolumePolicy(VolumePolicy.skip().whereNfs({ server: '10.0.0.1' }));
    const doc = JSON.parse(find(Testing.synth(chart), 'ConfigMap', 'volumes').data['p.json']);
    expect(doc.volumePolicies[0]).toEqual({
      conditions: {
        capacity: '1Gi,100Gi',
        storageClass: ['fast'],
        csi: { driver: 'ebs.csi.aws.com', volumeAttributes: { type: 'gp3' } },
        volumeTypes: ['csi'],
        pvcLabels: { app: 'db', tier: 'gold' },
        pvcPhase: ['Bound'],
      },
      action: { type: 'fs-backup' },
    });
    expect(Object.keys(doc.volumePolicies[0].conditions)).toEqual(['capacity', 'storageClass', 'csi', 'volumeTypes', 'pvcLabels', 'pvcPhase']);
    expect(Object.keys(doc.volumePolicies[0].conditions.pvcLabels)).toEqual(['app', 'tier']);
    expect(doc.volumePolicies[1]).toEqual({ conditions: { nfs: { server: '10.0.0.1' } }, action: { type: 'skip' } });
    expect(policy.usesFsBackup).toBe(true);
  });

  test('the include/exclude policy', () => {
    const chart = newChart();
    new KymaResourcePolicy(chart, 'Policy', { includeExclude: { namespaced: { exclude: ['events'] }, cluster: { include: ['storageclasses'] } } });
    const doc = JSON.parse(find(Testing.synth(chart), 'ConfigMap', 'kyma-resource-policy').data['policy.yaml']);
    expect(doc).toEqual({ version: 'v1', includeExcludePolicy: { includedClusterScopedResources: ['storageclasses'], excludedNamespaceScopedResources: ['events'] } });
  });

  test('Velero\'s refusals and the deliberate ones are reported at the construct', () => {
    const chart = newChart();
    new KymaResourcePolicy(chart, 'Policy', {
      volumePolicies: [
        VolumePolicy.skip().whereCapacity({ atLeast: '100Gi', atMost: '10Gi' }),
        VolumePolicy.skip(),
        VolumePolicy.snapshot().whereStorageClass('premium'),
      ],
      includeExclude: { namespaced: { include: ['*'] } },
    });
    expect(synthProblems(chart)).toEqual([
      '[test/Policy] data["policy.yaml"].volumePolicies[0].conditions.capacity = "100Gi,10Gi": has its upper bound below its lower bound; the lower bound first, then the upper (an empty upper bound means no limit)',
      '[test/Policy] data["policy.yaml"].includeExcludePolicy.includedNamespaceScopedResources[0] = "*": is a wildcard, which the include/exclude policy refuses; resource names; to take every resource, leave the include list out',
      '[test/Policy] data["policy.yaml"].volumePolicies[2] = "snapshot": is never reached: every volume it matches is matched first by volumePolicies[1] (the first matching policy wins); put the narrower policy first, or drop this one (deliberate difference from Velero, see README)',
    ]);
  });

  test('a patched ConfigMap is judged as written', () => {
    const chart = newChart();
    const policy = new KymaResourcePolicy(chart, 'Policy');
    policy.configMap.addJsonPatch(JsonPatch.add('/data/second', 'x'));
    expect(synthProblems(chart)).toEqual([
      '[test/Policy] data = {"policy.yaml":"{\\n  \\"version\\": \\"v1\\"\\n}\\n","second":"x"}: has 2 keys; a resource policy ConfigMap holds exactly one data key, the policy document; Velero refuses any other count',
    ]);
  });

  test('wrong calls and props are problems, never exceptions', () => {
    const chart = newChart();
    const policy = new KymaResourcePolicy(chart, 'Policy', { name: 'Bad Name' });
    policy.addVolumePolicy('skip' as any);
    new KymaResourcePolicy(chart, 'Other', { name: 'other', volumePolicies: [VolumePolicy.skip().whereStorageClass('a').whereStorageClass('b'), VolumePolicy.skip().whereVolumeTypes('EmptyDir' as any)] });
    const problems = synthProblems(chart);
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringContaining('[test/Policy] name = "Bad Name": is not a DNS-1123 subdomain'),
      expect.stringContaining('[test/Other] volumePolicies[0].whereStorageClass(names) = ["b"]: sets storageClass a second time'),
      expect.stringContaining('[test/Other] volumePolicies[1].whereVolumeTypes(types)[0] = "EmptyDir": is not one of the accepted values'),
    ]));
  });
});

describe('VolumePolicy: calls whose meaning Velero would turn around are refused', () => {
  const chartOf = (...policies: VolumePolicy[]) => {
    const chart = newChart();
    new KymaResourcePolicy(chart, 'Policy', { volumePolicies: policies });
    return chart;
  };
  const problemsOf = (...policies: VolumePolicy[]) => synthProblems(chartOf(...policies));

  test('a catch-all "any size" after a narrower capacity is reached (a zero upper bound is none)', () => {
    const chart = newChart();
    new KymaResourcePolicy(chart, 'Policy', { volumePolicies: [VolumePolicy.skip().whereCapacity({ atMost: '10Gi' }), VolumePolicy.snapshot().whereCapacity({})] });
    const doc = JSON.parse(find(Testing.synth(chart), 'ConfigMap', 'kyma-resource-policy').data['policy.yaml']);
    expect(doc.volumePolicies.map((p: any) => p.conditions.capacity)).toEqual([',10Gi', ',']);
  });

  test('atMost zero is refused: Velero reads it as no upper bound', () => {
    for (const atMost of ['0', '0Gi', ' 0 ', '0.0']) {
      expect(problemsOf(VolumePolicy.skip().whereCapacity({ atMost }))).toEqual([
        `[test/Policy] volumePolicies[0].whereCapacity(range).atMost = ${JSON.stringify(atMost)}: is zero, which Velero reads as no upper bound, the opposite of what it says; `
        + 'a size above zero, such as "10Gi"; leave atMost out for no upper limit (props error)',
      ]);
    }
    expect(problemsOf(VolumePolicy.skip().whereCapacity({ atLeast: '10Gi', atMost: '0' }))).toHaveLength(1);
    expect(Testing.synth(chartOf(VolumePolicy.skip().whereCapacity({ atLeast: '0', atMost: '1Gi' })))).toHaveLength(1);
  });

  test('a condition with no values is refused: Velero reads it as every volume', () => {
    expect(problemsOf(VolumePolicy.skip().whereStorageClass())).toEqual([
      '[test/Policy] volumePolicies[0].whereStorageClass(names) = []: is empty, which Velero reads as no condition at all, so the policy would match every volume; '
      + 'at least one storage class name; for every volume, leave the condition out (props error)',
    ]);
    expect(problemsOf(VolumePolicy.skip().whereVolumeTypes())[0]).toMatch(/^\[test\/Policy\] volumePolicies\[0\]\.whereVolumeTypes\(types\) = \[\]: is empty.*at least one VolumeType/);
    expect(problemsOf(VolumePolicy.skip().wherePvcPhase())[0]).toMatch(/^\[test\/Policy\] volumePolicies\[0\]\.wherePvcPhase\(phases\) = \[\]: is empty.*at least one PvcPhase/);
    expect(problemsOf(VolumePolicy.skip().wherePvcLabels({}))[0]).toMatch(/^\[test\/Policy\] volumePolicies\[0\]\.wherePvcLabels\(labels\) = \{\}: is empty.*at least one label/);
    // The refused call adds no condition, so a later call with values is not a second one.
    expect(problemsOf(VolumePolicy.skip().whereStorageClass().whereStorageClass('a'))).toHaveLength(1);
  });

  test('VolumeType.AWS_AZURE_DISK never matches (Velero never reports it): refused at synth', () => {
    expect(problemsOf(VolumePolicy.skip().whereVolumeTypes(VolumeType.AWS_AZURE_DISK))).toEqual([
      expect.stringContaining('[test/Policy] data["policy.yaml"].volumePolicies[0].conditions.volumeTypes[0] = "awsAzureDisk": is a type Velero declares but never reports for a volume'),
    ]);
  });

  test('an include/exclude policy naming no resource is refused', () => {
    for (const includeExclude of [{}, { cluster: {} }, { namespaced: { include: [], exclude: [] } }]) {
      const chart = newChart();
      new KymaResourcePolicy(chart, 'Policy', { includeExclude });
      expect(synthProblems(chart)).toEqual([
        `[test/Policy] includeExclude = ${JSON.stringify(includeExclude)}: names no resource, so it does nothing in Velero (yet Velero refuses it on a backup with the old-style filters); `
        + 'at least one resource in cluster or namespaced, include or exclude; leave includeExclude out for no include/exclude policy (props error)',
      ]);
    }
  });
});

describe('useResourcePolicy', () => {
  test('sets resourcePolicy on backups and every Schedule of a plan', () => {
    const chart = newChart();
    const policy = new KymaResourcePolicy(chart, 'Policy', { volumePolicies: [VolumePolicy.skip().whereStorageClass('standard')] });
    const backup = new KymaUserBackup(chart, 'User');
    backup.useResourcePolicy(policy);
    const schedule = new KymaBackupSchedule(chart, 'Schedule');
    schedule.useResourcePolicy(policy);
    const plan = new KymaBackupPlan(chart, 'Plan', { systemName: 'plan-system', userName: 'plan-user', rules: [KymaBackupRule.daily({ name: 'daily' })] });
    plan.useResourcePolicy(policy);
    const manifests = synthValid(chart);
    const ref = { kind: 'configmap', name: 'kyma-resource-policy' };
    expect(find(manifests, 'Backup', 'kyma-backup').spec.resourcePolicy).toEqual(ref);
    const schedules = manifests.filter(m => m.kind === 'Schedule');
    expect(schedules).toHaveLength(4);
    for (const s of schedules) expect(s.spec.template.resourcePolicy).toEqual(ref);
  });

  test('the bare name still works', () => {
    const chart = newChart();
    new KymaUserBackup(chart, 'User', { resourcePolicyConfigMap: 'made-elsewhere' });
    expect(find(synthValid(chart), 'Backup', 'kyma-backup').spec.resourcePolicy).toEqual({ kind: 'configmap', name: 'made-elsewhere' });
  });

  test('the include/exclude policy is refused beside the guide\'s old-style filters, naming ResourceFilter.scoped', () => {
    const chart = newChart();
    const policy = new KymaResourcePolicy(chart, 'Policy', { includeExclude: { namespaced: { exclude: ['events'] } } });
    new KymaUserBackup(chart, 'User').useResourcePolicy(policy);
    const problems = synthProblems(chart);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^\[test\/User\] spec\.resourcePolicy\.name = "kyma-resource-policy": names a policy with an includeExcludePolicy/);
    expect(problems[0]).toContain('ResourceFilter.scoped');
  });

  test('with scoped filters the include/exclude policy is taken', () => {
    const chart = newChart();
    const policy = new KymaResourcePolicy(chart, 'Policy', { includeExclude: { namespaced: { exclude: ['events'] } } });
    new KymaUserBackup(chart, 'User', { resources: ResourceFilter.scoped({ namespaced: { exclude: ['pods'] } }) }).useResourcePolicy(policy);
    const backup = find(synthValid(chart), 'Backup', 'kyma-backup');
    expect(backup.spec.excludedResources).toBeUndefined();
    expect(backup.spec.excludedNamespaceScopedResources).toEqual(['pods']);
    expect(backup.spec.resourcePolicy.name).toBe('kyma-resource-policy');
  });

  test('a scoped include of * overrides the policy\'s exclusion (measured): refused', () => {
    const chart = newChart();
    const policy = new KymaResourcePolicy(chart, 'Policy', { includeExclude: { namespaced: { exclude: ['events'] } } });
    new KymaUserBackup(chart, 'User', { resources: ResourceFilter.scoped({ namespaced: { include: ['*'] } }) }).useResourcePolicy(policy);
    expect(synthProblems(chart)).toEqual([
      '[test/User] spec.resourcePolicy.name = "kyma-resource-policy": names a policy whose excludedNamespaceScopedResources has "events" (ConfigMap kyma-backup/kyma-resource-policy at test/Policy/Resource), '
      + 'but this backup\'s includedNamespaceScopedResources has "*", and Velero lets the backup\'s own lists win, so the policy\'s exclusion never acts; '
      + 'leave "*" out of the backup\'s includedNamespaceScopedResources (for example ResourceFilter.scoped with only an exclude list), or drop it from the policy (deliberate difference from Velero, see README)',
    ]);
  });

  test('fs-backup and pod-volume policies are refused on the guide\'s backups, which leave pods out', () => {
    const chart = newChart();
    const policy = new KymaResourcePolicy(chart, 'Policy', {
      volumePolicies: [VolumePolicy.fsBackup().whereStorageClass('nfs'), VolumePolicy.skip().whereVolumeTypes(VolumeType.EMPTY_DIR)],
    });
    new KymaBackupSchedule(chart, 'Schedule').useResourcePolicy(policy);
    const problems = synthProblems(chart);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^\[test\/Schedule\] spec\.template\.resourcePolicy\.name = "kyma-resource-policy": names a policy whose volumePolicies\[0\] takes file-system backups/);
    expect(problems[1]).toContain('volumePolicies[1] matches pod volumes (emptyDir');
  });

  test('a raw ConfigMap a raw Backup names is judged too', () => {
    const chart = newChart();
    new KymaUserBackup(chart, 'User');
    new ApiObject(chart, 'RawPolicy', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'raw', namespace: 'kyma-backup' }, data: { p: '{"version": "v2"}' } });
    new ApiObject(chart, 'Unrelated', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'other', namespace: 'kyma-backup' }, data: { a: '1', b: '2' } });
    new ApiObject(chart, 'RawBackup', { apiVersion: 'velero.io/v1', kind: 'Backup', metadata: { name: 'raw', namespace: 'kyma-backup' }, spec: { resourcePolicy: { kind: 'configmap', name: 'raw' } } });
    expect(synthProblems(chart)).toEqual([
      '[test/RawPolicy] data["p"].version = "v2": is not a version Velero v1.18.1 reads; the only version is "v1"',
    ]);
  });

  test('one policy per backup: refused beside resourcePolicyConfigMap, or after another policy', () => {
    const chart = newChart();
    const policy = new KymaResourcePolicy(chart, 'Policy', { volumePolicies: [VolumePolicy.skip().whereStorageClass('standard')] });
    const other = new KymaResourcePolicy(chart, 'Other', { name: 'other', volumePolicies: [VolumePolicy.skip().whereStorageClass('premium')] });
    new KymaUserBackup(chart, 'User', { resourcePolicyConfigMap: 'made-elsewhere' }).useResourcePolicy(policy);
    const twice = new KymaBackupSchedule(chart, 'Schedule');
    twice.useResourcePolicy(policy);
    twice.useResourcePolicy(other);
    expect(synthProblems(chart)).toEqual([
      '[test/User] useResourcePolicy(policy) = "test/Policy": is given beside resourcePolicyConfigMap ("made-elsewhere"), and a backup names one resource policy; '
      + 'either resourcePolicyConfigMap (a ConfigMap the app does not write) or useResourcePolicy(policy) (props error)',
      '[test/Schedule] useResourcePolicy(policy) = "test/Other": is a second policy (the first is test/Policy), and a backup names one resource policy; '
      + 'one call of useResourcePolicy, or one KymaResourcePolicy holding every volume policy (props error)',
    ]);
  });

  test('the same policy twice is one', () => {
    const chart = newChart();
    const policy = new KymaResourcePolicy(chart, 'Policy', { volumePolicies: [VolumePolicy.skip().whereStorageClass('standard')] });
    const backup = new KymaUserBackup(chart, 'User');
    backup.useResourcePolicy(policy);
    backup.useResourcePolicy(policy);
    expect(find(synthValid(chart), 'Backup', 'kyma-backup').spec.resourcePolicy).toEqual({ kind: 'configmap', name: 'kyma-resource-policy' });
  });

  test('a policy in another namespace is refused', () => {
    const chart = newChart();
    const policy = new KymaResourcePolicy(chart, 'Policy', { namespace: 'velero' });
    new KymaUserBackup(chart, 'User').useResourcePolicy(policy);
    expect(synthProblems(chart)).toEqual([
      expect.stringContaining('[test/User] useResourcePolicy(policy) = "test/Policy": is in namespace velero, but Velero reads a backup\'s policy from the backup\'s namespace, kyma-backup'),
    ]);
  });
});

describe('KymaRepositoryPassword', () => {
  test('without the opt-in, file-system backups synthesize (Velero takes them)', () => {
    const chart = newChart();
    new KymaUserBackup(chart, 'User', { defaultVolumesToFsBackup: true });
    synthValid(chart);
  });

  test('requireIn: a backup that writes to a repository needs a password', () => {
    const chart = newChart();
    new KymaUserBackup(chart, 'User', { snapshotMoveData: true });
    KymaRepositoryPassword.requireIn(chart);
    const problems = synthProblems(chart);
    expect(problems).toEqual([expect.stringContaining('[test/User/Resource] spec = "kyma-backup": writes to a backup repository (snapshotMoveData is true), and the app has no KymaRepositoryPassword')]);
    new KymaRepositoryPassword(chart, 'Password');
    synthValid(chart);
  });

  test('a Secret of the app is checked: name, namespace, key', () => {
    const chart = newChart();
    const secret = new ApiObject(chart, 'Secret', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'repo', namespace: 'default' }, stringData: { password: 'x' } });
    new KymaRepositoryPassword(chart, 'Password', { secret });
    expect(synthProblems(chart)).toEqual([
      expect.stringContaining('secret = "repo": names the Secret repo, where Velero reads only velero-repo-credentials'),
      expect.stringContaining('secret = "default": is a Secret in namespace default'),
      expect.stringContaining('secret = ["password"]: has no key repository-password'),
    ]);
    const ok = newChart();
    const good = new ApiObject(ok, 'Secret', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'velero-repo-credentials', namespace: 'kyma-backup' }, stringData: { 'repository-password': 'x' } });
    new KymaRepositoryPassword(ok, 'Password', { secret: good });
    expect(Testing.synth(ok)).toHaveLength(1);
  });
});

describe('VeleroValidation over manifests', () => {
  test('a ConfigMap a Backup names is judged with it; others are passed over', () => {
    const backup = { apiVersion: 'velero.io/v1', kind: 'Backup', metadata: { name: 'b', namespace: 'velero' }, spec: { excludedResources: ['pods'], resourcePolicy: { kind: 'configmap', name: 'p' } } };
    const policy = (document: unknown) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'p', namespace: 'velero' }, data: { 'policy.yaml': JSON.stringify(document) } });
    expect(VeleroValidation.validateObjects([backup, policy({ version: 'v1' })])).toEqual([]);
    expect(VeleroValidation.format(VeleroValidation.validateObjects([backup, policy({ version: 'v1', includeExcludePolicy: { excludedNamespaceScopedResources: ['events'] } })])))
      .toContain('[Backup velero/b] spec.resourcePolicy.name = "p": names a policy with an includeExcludePolicy (ConfigMap velero/p)');
    expect(VeleroValidation.validateObjects([backup, policy({ version: 'v2' })]).map(p => [p.resource, p.field])).toEqual([['ConfigMap velero/p', 'data["policy.yaml"].version']]);
    const unnamed = { ...policy({ version: 'v2' }), metadata: { name: 'other', namespace: 'velero' } };
    expect(VeleroValidation.validateObjects([backup, unnamed])).toEqual([]);
  });
});
