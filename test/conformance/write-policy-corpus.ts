// Writes test/conformance/testdata/policies.json for the Go conformance suite
// (policies_test.go): resource policy ConfigMaps, some paired with a backup
// spec, each with the library's verdict. The Go side loads each with Velero
// v1.18.1's own loader and validator (internal/resourcepolicies) and the
// backup controller's old-filter rule, and counts disagreements.
import * as fs from 'fs';
import * as path from 'path';
import { ProblemKind, formatProblem } from '../../src/validation/problem';
import { policyPairingProblems, readPolicyConfigMap } from '../../src/validation/resource-policy';
import { INVALID_CASES } from '../e2e/policies';

const OUT = path.join(__dirname, 'testdata', 'policies.json');

/** One case: the ConfigMap's data, and optionally the spec of the Backup that names it. */
export interface PolicyCase {
  readonly name: string;
  readonly data: { [key: string]: string } | null;
  readonly spec?: { [key: string]: unknown };
}

const doc = (document: unknown): { [key: string]: string } => ({ 'policy.yaml': JSON.stringify(document, null, 2) });
const v1 = (rest: object) => doc({ version: 'v1', ...rest });
const vp = (conditions: unknown, type = 'skip', extra: object = {}) => v1({ volumePolicies: [{ conditions, action: { type, ...extra } }] });
const ie = (policy: unknown) => v1({ includeExcludePolicy: policy });

const CAPACITIES = [
  '0,10Gi', '10Gi,', ',10Gi', '10Gi,100Gi', ' 1Gi , 2Gi ', '1Ti,1Ti', '500M,1Gi', '1e3,2k', '', ',', '0,0', '1Gi,0',
  '10Gi', '1Gi,2Gi,3Gi', '10GB,20GB', '100Gi,10Gi', '1Gi,1000Mi', '1Gi,1024Mi', '-2Gi,-1Gi', '-1Gi,1Gi', '5Gi,-1Gi',
  'Gi,1Gi', '.,1', '1.,2', '.5Gi,1Gi', '1.Gi,2Gi', '+1Gi,2Gi', '1e-12,1n', '1n,1e-12', '1K,2K', '1e,2', '1E,2E', '1.5Gi,1610612736',
  '1610612737,1.5Gi', '0.1,100m', '100m,0.1', '1 Gi,2Gi', 'abc,', '1Gi ,', '\t1Gi,\n2Gi', '1Ei,1Ei', '12345678901234567890,1',
  // A zero upper bound is no bound to Velero: "X,0" (X > 0) is refused deliberately; ",0" and "0,0" are every size.
  '10Gi,0', ' 1Gi , 0Mi ', '1Gi,0.0', ',0', '0Gi,0', '-1Gi,0',
];

export const POLICY_CASES: PolicyCase[] = [
  // The ConfigMap itself.
  { name: 'no data', data: null },
  { name: 'empty data', data: {} },
  { name: 'two data keys', data: { a: JSON.stringify({ version: 'v1' }), b: JSON.stringify({ version: 'v1' }) } },
  { name: 'minimal valid', data: v1({}) },
  { name: 'duplicate key', data: { p: '{"version": "v1", "version": "v1"}' } },
  { name: 'duplicate nested key', data: { p: '{"version": "v1", "volumePolicies": [{"action": {"type": "skip", "type": "skip"}}]}' } },
  { name: 'compact JSON', data: { p: '{"version":"v1","volumePolicies":[{"action":{"type":"skip"}}]}' } },
  { name: 'a JSON list', data: { p: '[]' } },
  { name: 'JSON null', data: { p: 'null' } },
  { name: 'a JSON string', data: { p: '"v1"' } },
  // Version.
  { name: 'version v2', data: doc({ version: 'v2' }) },
  { name: 'version missing', data: doc({ volumePolicies: [] }) },
  { name: 'version a number', data: doc({ version: 1 }) },
  { name: 'version V1', data: doc({ version: 'V1' }) },
  // Unknown keys.
  { name: 'unknown top key', data: v1({ volumePolicy: [] }) },
  { name: 'unknown policy key', data: v1({ volumePolicies: [{ action: { type: 'skip' }, name: 'x' }] }) },
  { name: 'unknown action key', data: vp(undefined, 'skip', { param: 1 }) },
  { name: 'unknown condition key', data: vp({ storageclass: ['a'] }) },
  { name: 'unknown nfs key', data: vp({ nfs: { host: 'h' } }) },
  { name: 'unknown csi key', data: vp({ csi: { drivers: 'd' } }) },
  { name: 'unknown include/exclude key', data: ie({ excludedResources: ['a'] }) },
  // Actions.
  { name: 'action skip', data: vp({ storageClass: ['a'] }, 'skip') },
  { name: 'action snapshot', data: vp({ storageClass: ['a'] }, 'snapshot') },
  { name: 'action fs-backup', data: vp({ storageClass: ['a'] }, 'fs-backup') },
  { name: 'action custom', data: vp({ storageClass: ['a'] }, 'custom', { parameters: { driver: 'x', n: 1 } }) },
  { name: 'action Skip', data: vp(undefined, 'Skip') },
  { name: 'action fsBackup', data: vp(undefined, 'fsBackup') },
  { name: 'action missing', data: v1({ volumePolicies: [{ conditions: { storageClass: ['a'] } }] }) },
  { name: 'action null', data: v1({ volumePolicies: [{ action: null }] }) },
  { name: 'action a string', data: v1({ volumePolicies: [{ action: 'skip' }] }) },
  { name: 'action parameters a list', data: vp(undefined, 'skip', { parameters: ['a'] }) },
  { name: 'policy null', data: v1({ volumePolicies: [null] }) },
  { name: 'volumePolicies a map', data: v1({ volumePolicies: { a: 1 } }) },
  { name: 'volumePolicies null', data: v1({ volumePolicies: null }) },
  { name: 'conditions a list', data: v1({ volumePolicies: [{ conditions: [], action: { type: 'skip' } }] }) },
  { name: 'conditions null', data: v1({ volumePolicies: [{ conditions: null, action: { type: 'skip' } }] }) },
  // Capacity.
  ...CAPACITIES.map((capacity): PolicyCase => ({ name: `capacity ${JSON.stringify(capacity)}`, data: vp({ capacity }) })),
  { name: 'capacity a number', data: vp({ capacity: 5 }) },
  { name: 'capacity null', data: vp({ capacity: null }) },
  { name: 'capacity a list', data: vp({ capacity: ['1Gi', '2Gi'] }) },
  // Lists and maps.
  { name: 'storageClass a string', data: vp({ storageClass: 'premium' }) },
  { name: 'storageClass numbers', data: vp({ storageClass: [1, true, null] }) },
  { name: 'storageClass only null', data: vp({ storageClass: [null] }) },
  { name: 'capacity with a tab and a line break', data: vp({ capacity: '1Gi,\n\t2Gi' }) },
  { name: 'storage class with a leading tab and a line break', data: vp({ storageClass: ['\ta\nb'] }) },
  { name: 'pvc label value with a leading tab and a line break', data: vp({ pvcLabels: { a: '\ta\nb' } }) },
  { name: 'policies with null items', data: v1({ volumePolicies: [null, { action: { type: 'skip' } }, null] }) },
  { name: 'storageClass a nested map', data: vp({ storageClass: [{ a: 1 }] }) },
  { name: 'storageClass empty name', data: vp({ storageClass: [''] }) },
  { name: 'volumeTypes valid', data: vp({ volumeTypes: ['csi', 'nfs', 'hostPath'] }) },
  { name: 'volumeTypes typo', data: vp({ volumeTypes: ['emptydir'] }) },
  { name: 'volumeTypes awsAzureDisk (declared, never reported)', data: vp({ volumeTypes: ['awsAzureDisk'] }) },
  { name: 'volumeTypes empty', data: vp({ volumeTypes: [] }) },
  { name: 'storageClass empty', data: vp({ storageClass: [] }) },
  { name: 'pvcPhase empty', data: vp({ pvcPhase: [] }) },
  { name: 'pvcLabels empty', data: vp({ pvcLabels: {} }) },
  { name: 'volumeTypes a string', data: vp({ volumeTypes: 'csi' }) },
  { name: 'pvcPhase valid', data: vp({ pvcPhase: ['Bound', 'Pending'] }) },
  { name: 'pvcPhase lowercase', data: vp({ pvcPhase: ['bound'] }) },
  { name: 'pvcLabels valid', data: vp({ pvcLabels: { 'app': 'db', 'example.com/tier': 'gold' } }) },
  { name: 'pvcLabels null', data: vp({ pvcLabels: null }) },
  { name: 'pvcLabels a list', data: vp({ pvcLabels: ['a'] }) },
  { name: 'pvcLabels a nested map', data: vp({ pvcLabels: { a: { b: 'c' } } }) },
  { name: 'pvcLabels a number value', data: vp({ pvcLabels: { a: 1 } }) },
  { name: 'pvcLabels an invalid value', data: vp({ pvcLabels: { app: 'not valid!' } }) },
  { name: 'nfs empty', data: vp({ nfs: {} }) },
  { name: 'nfs server and path', data: vp({ nfs: { server: '10.0.0.1', path: '/export' } }) },
  { name: 'nfs a string', data: vp({ nfs: 'server' }) },
  { name: 'nfs with volumeTypes csi', data: vp({ nfs: {}, volumeTypes: ['csi'] }) },
  { name: 'csi empty', data: vp({ csi: {} }) },
  { name: 'csi driver', data: vp({ csi: { driver: 'ebs.csi.aws.com' } }) },
  { name: 'csi driver and attributes', data: vp({ csi: { driver: 'ebs.csi.aws.com', volumeAttributes: { type: 'gp3' } } }) },
  { name: 'csi attributes without driver', data: vp({ csi: { volumeAttributes: { type: 'gp3' } } }) },
  { name: 'csi empty attributes without driver', data: vp({ csi: { volumeAttributes: {} } }) },
  { name: 'csi null attributes without driver', data: vp({ csi: { volumeAttributes: null } }) },
  { name: 'csi empty driver and attributes', data: vp({ csi: { driver: '', volumeAttributes: { a: 'b' } } }) },
  { name: 'csi attributes a list', data: vp({ csi: { driver: 'd', volumeAttributes: ['a'] } }) },
  { name: 'csi and nfs', data: vp({ csi: { driver: 'd' }, nfs: {} }) },
  { name: 'pod volumes with a storage class', data: vp({ volumeTypes: ['emptyDir'], storageClass: ['standard'] }) },
  { name: 'pod volumes with a lower capacity', data: vp({ volumeTypes: ['configMap', 'secret'], capacity: '1Gi,' }) },
  // Shadowing (Velero accepts all of these).
  {
    name: 'shadowed by a catch-all',
    data: v1({ volumePolicies: [{ action: { type: 'skip' } }, { conditions: { storageClass: ['a'] }, action: { type: 'snapshot' } }] }),
  },
  {
    name: 'shadowed by a wider capacity',
    data: v1({ volumePolicies: [{ conditions: { capacity: '0,10Gi' }, action: { type: 'skip' } }, { conditions: { capacity: '1Gi,2Gi' }, action: { type: 'snapshot' } }] }),
  },
  {
    name: 'a "," catch-all after an upper capacity bound (not shadowed)',
    data: v1({ volumePolicies: [{ conditions: { capacity: ',10Gi' }, action: { type: 'skip' } }, { conditions: { capacity: ',' }, action: { type: 'snapshot' } }] }),
  },
  {
    name: 'a "0,0" catch-all after a range (not shadowed)',
    data: v1({ volumePolicies: [{ conditions: { capacity: '0,10Gi' }, action: { type: 'skip' } }, { conditions: { capacity: '0,0' }, action: { type: 'snapshot' } }] }),
  },
  {
    name: 'shadowed by a "0,0" capacity (every size)',
    data: v1({ volumePolicies: [{ conditions: { capacity: '0,0' }, action: { type: 'skip' } }, { conditions: { capacity: '5Gi,' }, action: { type: 'snapshot' } }] }),
  },
  {
    name: 'premium snapshot, standard skip',
    data: v1({ volumePolicies: [{ conditions: { storageClass: ['premium'] }, action: { type: 'snapshot' } }, { conditions: { storageClass: ['standard'] }, action: { type: 'skip' } }] }),
  },
  // The include/exclude policy.
  { name: 'include/exclude valid', data: ie({ includedClusterScopedResources: ['storageclasses'], excludedNamespaceScopedResources: ['events'] }) },
  { name: 'include/exclude empty', data: ie({}) },
  { name: 'include/exclude null', data: ie(null) },
  { name: 'include/exclude wildcard include', data: ie({ includedNamespaceScopedResources: ['*'] }) },
  { name: 'include/exclude wildcard exclude', data: ie({ excludedClusterScopedResources: ['*'] }) },
  { name: 'include/exclude item in both', data: ie({ includedNamespaceScopedResources: ['a'], excludedNamespaceScopedResources: ['a'] }) },
  { name: 'include/exclude same item across scopes', data: ie({ includedClusterScopedResources: ['a'], excludedNamespaceScopedResources: ['a'] }) },
  { name: 'include/exclude a string list', data: ie({ excludedNamespaceScopedResources: 'events' }) },
  { name: 'include/exclude a list', data: v1({ includeExcludePolicy: ['events'] }) },
  // Paired with a backup.
  { name: 'include/exclude with old-style excludes', data: ie({ excludedNamespaceScopedResources: ['events'] }), spec: { excludedResources: ['pods'] } },
  { name: 'include/exclude with includeClusterResources', data: ie({ excludedNamespaceScopedResources: ['events'] }), spec: { includeClusterResources: false } },
  { name: 'include/exclude with includedResources', data: ie({ excludedNamespaceScopedResources: ['events'] }), spec: { includedResources: ['*'] } },
  { name: 'empty include/exclude with old-style excludes', data: ie({}), spec: { excludedResources: ['pods'] } },
  { name: 'include/exclude with scoped filters', data: ie({ excludedNamespaceScopedResources: ['events'] }), spec: { excludedNamespaceScopedResources: ['pods'] } },
  { name: 'include/exclude exclusion overridden by the backup\'s include *', data: ie({ excludedNamespaceScopedResources: ['events'] }), spec: { includedNamespaceScopedResources: ['*'] } },
  { name: 'include/exclude inclusion overridden by the backup\'s exclude', data: ie({ includedClusterScopedResources: ['storageclasses'] }), spec: { excludedClusterScopedResources: ['storageclasses'] } },
  { name: 'include/exclude with empty old lists', data: ie({ excludedNamespaceScopedResources: ['events'] }), spec: { includedResources: [], excludedResources: [] } },
  { name: 'fs-backup with pods excluded', data: vp({ storageClass: ['a'] }, 'fs-backup'), spec: { excludedResources: ['pods'] } },
  { name: 'emptyDir with pods excluded (scoped)', data: vp({ volumeTypes: ['emptyDir'] }, 'skip'), spec: { excludedNamespaceScopedResources: ['pods'] } },
  { name: 'fs-backup with pods backed up', data: vp({ storageClass: ['a'] }, 'fs-backup'), spec: { excludedResources: ['secrets'] } },
];

/** The library's verdict on one case: Velero's refusals and the deliberate ones. */
export function ourVerdict(c: PolicyCase): { refused: boolean; deliberate: boolean; problems: string[] } {
  const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'p', namespace: 'velero' }, ...(c.data === null ? {} : { data: c.data }) };
  const read = readPolicyConfigMap(configMap);
  if (read.unread) throw new Error(`${c.name}: the corpus holds JSON documents only`);
  const spec = { ...c.spec, resourcePolicy: { kind: 'configmap', name: 'p' } };
  const problems = [...read.problems, ...(c.spec && read.document !== undefined ? policyPairingProblems(spec, read.document, 'spec', 'ConfigMap velero/p') : [])];
  return {
    refused: problems.some(p => p.kind === ProblemKind.VELERO),
    deliberate: problems.some(p => p.kind === ProblemKind.DELIBERATE),
    problems: problems.map(formatProblem),
  };
}

/** The e2e's invalid policies (test/e2e/policies.ts), so that the server's outcome, ours and Velero's code meet on each. */
const E2E_CASES: PolicyCase[] = INVALID_CASES.map(c => ({ name: `e2e ${c.id}`, data: c.data, ...(c.spec ? { spec: c.spec } : {}) }));

if (require.main === module) {
  const names = new Set<string>();
  const cases = [...POLICY_CASES, ...E2E_CASES].map(c => {
    if (names.has(c.name)) throw new Error(`two cases named ${c.name}`);
    names.add(c.name);
    return { ...c, ours: ourVerdict(c) };
  });
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, JSON.stringify(cases, null, 1) + '\n');
  console.log(`wrote ${cases.length} resource policy cases to ${path.relative(process.cwd(), OUT)}`);
}
