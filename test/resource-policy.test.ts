import { ProblemKind, formatProblem } from '../src/validation/problem';
import {
  duplicateKey, excludesPods, parseQuantity, policyPairingProblems, readPolicyConfigMap, resourcePolicyProblems, usesOldResourceFilters,
} from '../src/validation/resource-policy';

const judge = (document: unknown) => resourcePolicyProblems(document, 'doc');
const lines = (document: unknown) => judge(document).map(formatProblem);
const velero = (document: unknown) => judge(document).filter(p => p.kind === ProblemKind.VELERO);
const deliberate = (document: unknown) => judge(document).filter(p => p.kind === ProblemKind.DELIBERATE);
const policy = (conditions: unknown, type = 'skip') => ({ version: 'v1', volumePolicies: [{ conditions, action: { type } }] });

describe('Velero\'s rules', () => {
  test('a complete valid document has no problems', () => {
    expect(lines({
      version: 'v1',
      volumePolicies: [
        { conditions: { capacity: '0,10Gi', storageClass: ['premium'], pvcLabels: { app: 'db' }, pvcPhase: ['Bound'] }, action: { type: 'snapshot' } },
        { conditions: { csi: { driver: 'ebs.csi.aws.com', volumeAttributes: { type: 'gp3' } } }, action: { type: 'fs-backup', parameters: { a: 1 } } },
        { conditions: { nfs: { server: '10.0.0.1', path: '/export' } }, action: { type: 'skip' } },
        { conditions: { volumeTypes: ['emptyDir', 'hostPath'] }, action: { type: 'custom' } },
      ],
      includeExcludePolicy: { includedClusterScopedResources: ['storageclasses'], excludedNamespaceScopedResources: ['events'] },
    })).toEqual([]);
  });

  test('the version must be v1', () => {
    expect(lines({ version: 'v2' })).toEqual(['doc.version = "v2": is not a version Velero v1.18.1 reads; the only version is "v1"']);
    expect(velero({})).toHaveLength(1);
    expect(velero({ version: 1 })).toHaveLength(1);
  });

  test('unknown keys are refused at every level, as Go\'s strict decoder does', () => {
    expect(velero({ version: 'v1', volumePolicy: [] })[0].field).toBe('doc.volumePolicy');
    expect(velero(policy({ storageclass: ['a'] }))[0].field).toBe('doc.volumePolicies[0].conditions.storageclass');
    expect(velero(policy({ nfs: { host: 'x' } }))[0].field).toBe('doc.volumePolicies[0].conditions.nfs.host');
    expect(velero(policy({ csi: { drivers: 'x' } }))[0].field).toBe('doc.volumePolicies[0].conditions.csi.drivers');
    expect(velero({ version: 'v1', volumePolicies: [{ action: { type: 'skip', param: {} } }] })[0].field).toBe('doc.volumePolicies[0].action.param');
    expect(velero({ version: 'v1', includeExcludePolicy: { excludedResources: ['a'] } })[0].field).toBe('doc.includeExcludePolicy.excludedResources');
  });

  test('action types', () => {
    for (const type of ['skip', 'snapshot', 'fs-backup', 'custom']) expect(velero(policy(undefined, type))).toEqual([]);
    expect(lines(policy(undefined, 'Skip'))).toEqual(['doc.volumePolicies[0].action.type = "Skip": is not an action type Velero knows; one of skip, snapshot, fs-backup, custom']);
    expect(velero({ version: 'v1', volumePolicies: [{ conditions: {} }] })).toHaveLength(1);
    // Go's YAML decoder leaves a null item out of a list.
    expect(judge({ version: 'v1', volumePolicies: [null] })).toEqual([]);
    expect(velero(policy({ capacity: '\t1Gi,\n2Gi' }))).toHaveLength(1);
    expect(velero(policy({ capacity: '1Gi,\n\t2Gi' }))).toEqual([]);
  });

  test('capacity: syntax and order', () => {
    for (const ok of ['0,10Gi', '10Gi,', ',10Gi', '10Gi,100Gi', ' 1Gi , 2Gi ', '1Ti,1Ti', '500M,1Gi', '1e3,2k', '', ',']) {
      expect([ok, velero(policy({ capacity: ok }))]).toEqual([ok, []]);
    }
    expect(lines(policy({ capacity: '10Gi' }))[0]).toContain('has 0 commas');
    expect(lines(policy({ capacity: '1Gi,2Gi,3Gi' }))[0]).toContain('has 2 commas');
    expect(lines(policy({ capacity: '10GB,20GB' }))[0]).toContain('a lower bound "10GB" that is not a Kubernetes quantity');
    expect(lines(policy({ capacity: '100Gi,10Gi' }))[0]).toContain('upper bound below its lower bound');
    expect(velero(policy({ capacity: '1Gi,1000Mi' }))).toHaveLength(1);
    expect(velero(policy({ capacity: 5 }))).toHaveLength(1);
  });

  test('list and map types', () => {
    expect(velero(policy({ storageClass: 'premium' }))[0].wrong).toBe('is a string, not a list');
    expect(velero(policy({ storageClass: [{ a: 1 }] }))[0].field).toBe('doc.volumePolicies[0].conditions.storageClass[0]');
    expect(velero(policy({ pvcLabels: null }))).toHaveLength(1);
    expect(velero(policy({ pvcLabels: ['a'] }))).toHaveLength(1);
    expect(velero(policy({ pvcLabels: { a: { b: 1 } } }))).toHaveLength(1);
    expect(velero(policy({ storageClass: null, nfs: null, csi: null }))).toEqual([]);
  });

  test('csi volume attributes need a driver', () => {
    expect(lines(policy({ csi: { volumeAttributes: { a: 'b' } } }))).toEqual([
      'doc.volumePolicies[0].conditions.csi.volumeAttributes = {"a":"b"}: is given without a driver; a csi condition with volumeAttributes names its driver',
    ]);
    expect(velero(policy({ csi: { volumeAttributes: {} } }))).toHaveLength(1);
    expect(velero(policy({ csi: { volumeAttributes: null } }))).toEqual([]);
    expect(velero(policy({ csi: {} }))).toEqual([]);
  });

  test('the include/exclude policy: no wildcard, no item in both lists', () => {
    expect(lines({ version: 'v1', includeExcludePolicy: { includedNamespaceScopedResources: ['*'] } })[0])
      .toContain('doc.includeExcludePolicy.includedNamespaceScopedResources[0] = "*": is a wildcard');
    expect(lines({ version: 'v1', includeExcludePolicy: { includedClusterScopedResources: ['a'], excludedClusterScopedResources: ['a'] } }))
      .toEqual(['doc.includeExcludePolicy.excludedClusterScopedResources[0] = "a": is also in includedClusterScopedResources; a resource in one of the two lists']);
    // Across scopes the same name is fine.
    expect(velero({ version: 'v1', includeExcludePolicy: { includedClusterScopedResources: ['a'], excludedNamespaceScopedResources: ['a'] } })).toEqual([]);
  });

  test('the document must be a map', () => {
    expect(velero(null)).toHaveLength(1);
    expect(velero([])).toHaveLength(1);
  });
});

describe('deliberate refusals: policies that can never act', () => {
  test('unknown volume types and PVC phases never match', () => {
    expect(lines(policy({ volumeTypes: ['emptydir'] }))).toEqual([
      'doc.volumePolicies[0].conditions.volumeTypes[0] = "emptydir": is no volume type Velero reports, so this volume policy can never match; did you mean emptyDir? (deliberate difference from Velero, see README)',
    ]);
    expect(deliberate(policy({ pvcPhase: ['bound'] }))).toHaveLength(1);
    expect(deliberate(policy({ storageClass: [''] }))).toHaveLength(1);
    expect(deliberate(policy({ pvcLabels: { app: 'not valid!' } }))).toHaveLength(1);
    expect(deliberate(policy({ capacity: '-2Gi,-1Gi' }))).toHaveLength(1);
    expect(velero(policy({ capacity: '-2Gi,-1Gi' }))).toEqual([]);
  });

  test('contradictory conditions never match', () => {
    expect(deliberate(policy({ nfs: {}, volumeTypes: ['csi'] }))).toHaveLength(1);
    expect(deliberate(policy({ csi: { driver: 'd' }, volumeTypes: ['nfs'] }))).toHaveLength(1);
    expect(deliberate(policy({ nfs: {}, csi: {} })).length).toBeGreaterThan(0);
    expect(deliberate(policy({ volumeTypes: ['emptyDir'], storageClass: ['standard'] }))).toHaveLength(1);
    expect(deliberate(policy({ volumeTypes: ['emptyDir'], capacity: '1Gi,' }))).toHaveLength(1);
    expect(deliberate(policy({ volumeTypes: ['emptyDir', 'csi'], storageClass: ['standard'] }))).toEqual([]);
  });

  test('a later policy shadowed by an earlier one (the first match wins)', () => {
    const shadowed = (first: unknown, second: unknown) => deliberate({
      version: 'v1', volumePolicies: [{ conditions: first, action: { type: 'skip' } }, { conditions: second, action: { type: 'snapshot' } }],
    }).map(p => p.field);
    expect(shadowed(undefined, { storageClass: ['a'] })).toEqual(['doc.volumePolicies[1]']);
    expect(shadowed({ storageClass: ['a', 'b'] }, { storageClass: ['a'], capacity: '1Gi,2Gi' })).toEqual(['doc.volumePolicies[1]']);
    expect(shadowed({ capacity: '0,10Gi' }, { capacity: '1Gi,2Gi' })).toEqual(['doc.volumePolicies[1]']);
    expect(shadowed({ capacity: '1Gi,' }, { capacity: '2Gi,' })).toEqual(['doc.volumePolicies[1]']);
    expect(shadowed({ csi: {} }, { csi: { driver: 'd', volumeAttributes: { a: 'b' } } })).toEqual(['doc.volumePolicies[1]']);
    expect(shadowed({ pvcLabels: { a: 'b' } }, { pvcLabels: { a: 'b', c: 'd' } })).toEqual(['doc.volumePolicies[1]']);
    // Not shadowed:
    expect(shadowed({ storageClass: ['a'] }, { storageClass: ['a', 'b'] })).toEqual([]);
    expect(shadowed({ storageClass: ['a'] }, undefined)).toEqual([]);
    expect(shadowed({ capacity: '1Gi,2Gi' }, { capacity: '1Gi,3Gi' })).toEqual([]);
    expect(shadowed({ capacity: '2Gi,' }, { capacity: '1Gi,' })).toEqual([]);
    expect(shadowed({ nfs: { server: 's' } }, { nfs: {} })).toEqual([]);
    expect(shadowed({ storageClass: ['premium'] }, { storageClass: ['standard'] })).toEqual([]);
  });
});

describe('capacity: a zero bound is no bound (Velero\'s isInRange)', () => {
  const shadowed = (first: unknown, second: unknown) => deliberate({
    version: 'v1', volumePolicies: [{ conditions: first, action: { type: 'skip' } }, { conditions: second, action: { type: 'snapshot' } }],
  }).map(p => p.field);

  test('"," and "0,0" are every size, so a catch-all after a narrower policy is reached', () => {
    for (const every of [',', '0,0', '', ' , ', '0Gi,0']) {
      expect([every, shadowed({ capacity: '0,10Gi' }, { capacity: every })]).toEqual([every, []]);
      expect([every, deliberate(policy({ capacity: every }))]).toEqual([every, []]);
    }
    expect(shadowed({ capacity: ',10Gi' }, undefined)).toEqual([]);
    expect(shadowed({ capacity: '1Gi,' }, { capacity: '0,0' })).toEqual([]);
  });

  test('an every-size capacity shadows whatever follows it', () => {
    for (const every of [',', '0,0', '']) {
      expect([every, shadowed({ capacity: every }, { capacity: '1Gi,2Gi' })]).toEqual([every, ['doc.volumePolicies[1]']]);
      expect([every, shadowed({ capacity: every }, undefined)]).toEqual([every, ['doc.volumePolicies[1]']]);
      expect([every, shadowed({ capacity: every }, { capacity: '5Gi,' })]).toEqual([every, ['doc.volumePolicies[1]']]);
    }
    // Narrower ones shadow only what lies within them.
    expect(shadowed({ capacity: '0,10Gi' }, { capacity: ',10Gi' })).toEqual(['doc.volumePolicies[1]']);
    expect(shadowed({ capacity: '0,10Gi' }, { capacity: '10Gi,' })).toEqual([]);
    expect(shadowed({ capacity: '-1Gi,' }, { capacity: '0,0' })).toEqual(['doc.volumePolicies[1]']);
  });

  test('"X,0" with X above zero is X or more to Velero: refused deliberately, Velero takes it', () => {
    expect(lines(policy({ capacity: '10Gi,0' }))).toEqual([
      'doc.volumePolicies[0].conditions.capacity = "10Gi,0": has an upper bound of zero after a lower bound above zero, which Velero reads as no upper limit at all; '
      + 'leave the upper side empty for no upper limit (such as "10Gi,"), or give an upper bound at or above the lower (deliberate difference from Velero, see README)',
    ]);
    expect(velero(policy({ capacity: '10Gi,0' }))).toEqual([]);
    expect(deliberate(policy({ capacity: '1Gi, 0Mi ' }))).toHaveLength(1);
    expect(deliberate(policy({ capacity: '1Gi,0.0' }))).toHaveLength(1);
    // No lower bound, or an empty upper side: as meant.
    expect(deliberate(policy({ capacity: '10Gi,' }))).toEqual([]);
    expect(deliberate(policy({ capacity: '0,0' }))).toEqual([]);
    expect(deliberate(policy({ capacity: ',0' }))).toEqual([]);
  });
});

describe('volume types Velero never reports', () => {
  test('awsAzureDisk is declared by Velero but never reported for a volume: refused deliberately', () => {
    expect(lines(policy({ volumeTypes: ['awsAzureDisk'] }))).toEqual([
      'doc.volumePolicies[0].conditions.volumeTypes[0] = "awsAzureDisk": is a type Velero declares but never reports for a volume, so this volume policy can never match; '
      + 'azureDisk or awsElasticBlockStore (deliberate difference from Velero, see README)',
    ]);
    expect(deliberate(policy({ volumeTypes: ['azureDisk', 'awsElasticBlockStore'] }))).toEqual([]);
  });
});

describe('quantities', () => {
  test('parse as Kubernetes does', () => {
    const value = (text: string) => { const q = parseQuantity(text)!; return Number(q.num) / Number(q.den); };
    expect(value('1Gi')).toBe(1073741824);
    expect(value('1.5k')).toBe(1500);
    expect(value('100m')).toBe(0.1);
    expect(value('1e3')).toBe(1000);
    expect(value('1E')).toBe(1e18);
    expect(value('-1.5Gi')).toBe(-1.5 * 2 ** 30);
    // Kubernetes rounds up to whole nanos.
    expect(value('1e-12')).toBe(1e-9);
    expect(value('Gi')).toBe(0); // Kubernetes reads a bare suffix as zero
    for (const bad of ['', '1GB', '1K', '1 Gi', '1e', '1.2.3', 'abc']) expect([bad, parseQuantity(bad)]).toEqual([bad, undefined]);
  });
});

describe('the ConfigMap', () => {
  const cm = (data: unknown) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'p' }, data });
  test('exactly one data key', () => {
    expect(readPolicyConfigMap(cm({})).problems.map(formatProblem)).toEqual(['data = {}: has 0 keys; a resource policy ConfigMap holds exactly one data key, the policy document; Velero refuses any other count']);
    expect(readPolicyConfigMap(cm(undefined)).problems).toHaveLength(1);
    expect(readPolicyConfigMap(cm({ a: '{"version":"v1"}', b: '' })).problems).toHaveLength(1);
    expect(readPolicyConfigMap(cm({ a: '{"version":"v1"}' })).problems).toEqual([]);
  });
  test('JSON text is judged, other YAML passed over', () => {
    expect(readPolicyConfigMap(cm({ a: '{"version":"v2"}' })).problems[0].field).toBe('data["a"].version');
    expect(readPolicyConfigMap(cm({ a: 'version: v2\n' }))).toEqual({ problems: [], unread: true });
  });
  test('duplicate keys are refused, as Go\'s YAML decoder does', () => {
    expect(duplicateKey('{"a":1,"b":{"a":2},"c":[{"a":1},{"a":2}]}')).toBeUndefined();
    expect(duplicateKey('{"a":1,"b":{"x":"a","x":2}}')).toBe('x');
    expect(duplicateKey('{"a\\"":1,"a\\"":2}')).toBe('a"');
    expect(readPolicyConfigMap(cm({ a: '{"version":"v1","version":"v1"}' })).problems).toHaveLength(1);
  });
});

describe('a backup paired with its policy', () => {
  const withIe = { version: 'v1', includeExcludePolicy: { excludedNamespaceScopedResources: ['events'] } };
  test('the include/exclude policy is refused beside old-style filters', () => {
    const old = { excludedResources: ['pods'], resourcePolicy: { kind: 'configmap', name: 'p' } };
    const found = policyPairingProblems(old, withIe, 'spec', 'ConfigMap kyma-backup/p');
    expect(found.map(p => [p.kind, p.field])).toEqual([[ProblemKind.VELERO, 'spec.resourcePolicy.name']]);
    expect(formatProblem(found[0])).toContain('ResourceFilter.scoped');
    expect(policyPairingProblems({ excludedNamespaceScopedResources: ['pods'] }, withIe, 'spec', '')).toEqual([]);
    expect(usesOldResourceFilters({ includeClusterResources: false })).toBe(true);
    expect(usesOldResourceFilters({ includedResources: [] })).toBe(false);
  });
  test('a policy list the backup\'s own scoped lists override is refused (Velero lets the backup win)', () => {
    const found = policyPairingProblems({ includedNamespaceScopedResources: ['*'], resourcePolicy: { name: 'p' } }, withIe, 'spec', 'x');
    expect(found.map(p => p.kind)).toEqual([ProblemKind.DELIBERATE]);
    expect(found[0].wrong).toContain('the policy\'s exclusion never acts');
    expect(policyPairingProblems({ includedNamespaceScopedResources: ['events'] }, withIe, 'spec', 'x')).toHaveLength(1);
    expect(policyPairingProblems({ includedNamespaceScopedResources: ['configmaps'] }, withIe, 'spec', 'x')).toEqual([]);
    const includes = { version: 'v1', includeExcludePolicy: { includedClusterScopedResources: ['storageclasses'] } };
    expect(policyPairingProblems({ excludedClusterScopedResources: ['*'] }, includes, 'spec', 'x')).toHaveLength(1);
  });

  test('fs-backup and pod-volume types are refused when pods are left out', () => {
    const doc = { version: 'v1', volumePolicies: [{ action: { type: 'fs-backup' } }, { conditions: { volumeTypes: ['emptyDir'] }, action: { type: 'skip' } }] };
    const found = policyPairingProblems({ excludedResources: ['pods'] }, doc, 'spec.template', 'x');
    expect(found.map(p => p.kind)).toEqual([ProblemKind.DELIBERATE, ProblemKind.DELIBERATE]);
    expect(policyPairingProblems({ excludedResources: ['secrets'] }, doc, 'spec', 'x')).toEqual([]);
    expect(excludesPods({ excludedNamespaceScopedResources: ['pods'] }, {})).toBe(true);
    expect(excludesPods({ includedResources: ['configmaps'] }, {})).toBe(true);
    expect(excludesPods({ includedResources: ['*'] }, {})).toBe(false);
    expect(excludesPods({}, { includeExcludePolicy: { excludedNamespaceScopedResources: ['pods'] } })).toBe(true);
  });
});
