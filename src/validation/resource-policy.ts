// Velero v1.18.1's resource policies (internal/resourcepolicies and the backup
// controller's prepareBackupRequest), judged over the parsed document: what
// Velero refuses (the Backup ends FailedValidation), plus a few deliberate
// refusals of policies that can never act. Pure functions; the app validation
// feeds them the final JSON of ConfigMaps and the Backups that name them.
import { labelKeyError, labelValueError } from './kube-names';
import { Problem, ProblemKind, problem } from './problem';

/** The `version` Velero v1.18.1 reads. */
export const POLICY_VERSION = 'v1';

/** The action types Velero knows. */
export const POLICY_ACTIONS: readonly string[] = ['skip', 'snapshot', 'fs-backup', 'custom'];

/**
 * Every volume type Velero's matcher can report for a volume (from a PV's
 * source or, for file-system backup, a pod volume's source). Velero takes any
 * string here; any other never matches.
 */
export const VOLUME_TYPES: readonly string[] = [
  'awsElasticBlockStore', 'azureDisk', 'azureFile', 'cinder', 'cephfs', 'configMap', 'csi',
  'downwardAPI', 'emptyDir', 'ephemeral', 'fc', 'flocker', 'flexVolume', 'gitRepo', 'glusterfs', 'gcePersistentDisk',
  'hostPath', 'iscsi', 'local', 'nfs', 'photonPersistentDisk', 'portworxVolume', 'projected', 'quobyte', 'rbd',
  'scaleIO', 'secret', 'storageOS', 'vsphereVolume',
];

/**
 * Types Velero v1.18.1 declares but never reports for a volume (neither
 * getVolumeTypeFromPV nor getVolumeTypeFromVolume returns them), with the
 * types it reports for such volumes instead.
 */
export const UNREPORTED_VOLUME_TYPES: { readonly [type: string]: string } = { awsAzureDisk: 'azureDisk or awsElasticBlockStore' };

/**
 * Volume types only a pod volume has (never a PersistentVolume): Velero meets
 * them only while backing up pods, for file-system backup.
 */
export const POD_VOLUME_TYPES: readonly string[] = ['configMap', 'downwardAPI', 'emptyDir', 'ephemeral', 'gitRepo', 'projected', 'secret'];

/** The phases a PVC reports. */
export const PVC_PHASES: readonly string[] = ['Pending', 'Bound', 'Lost'];

const TOP_KEYS = ['version', 'volumePolicies', 'includeExcludePolicy'];
const POLICY_KEYS = ['conditions', 'action'];
const ACTION_KEYS = ['type', 'parameters'];
const CONDITION_KEYS = ['capacity', 'storageClass', 'nfs', 'csi', 'volumeTypes', 'pvcLabels', 'pvcPhase'];
const NFS_KEYS = ['server', 'path'];
const CSI_KEYS = ['driver', 'volumeAttributes'];
const INCLUDE_EXCLUDE_KEYS = ['includedClusterScopedResources', 'excludedClusterScopedResources',
  'includedNamespaceScopedResources', 'excludedNamespaceScopedResources'];
const POD_RESOURCE_NAMES = ['pods', 'pod', 'po'];

// ---------------------------------------------------------------- values as Go's YAML decoder reads them

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A YAML scalar decodes into a Go string (null as ""); a mapping or list does not. */
function isScalar(value: unknown): boolean {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** The Go string a scalar decodes into (numbers as JSON writes them). */
function scalarText(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

function unknownKeys(value: Record<string, unknown>, known: readonly string[], at: string, what: string): Problem[] {
  return Object.keys(value).filter(key => !known.includes(key)).map(key =>
    problem(`${at}.${key}`, value[key], `is not a field of ${what}, and Velero decodes policies strictly`, `the fields are ${known.join(', ')}`));
}

/** A list of strings as Go decodes `[]string`: null or absent is none, each item a scalar. */
function stringList(value: unknown, at: string, problems: Problem[]): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    problems.push(problem(at, value, `is ${describe(value)}, not a list`, 'a list of strings'));
    return undefined;
  }
  const bad = value.findIndex(item => !isScalar(item));
  if (bad >= 0) {
    problems.push(problem(`${at}[${bad}]`, value[bad], `is ${describe(value[bad])}`, 'a string'));
    return undefined;
  }
  // Go's YAML decoder leaves a null item out of a list.
  return value.filter(item => item !== null).map(scalarText);
}

/** A map of strings as Go decodes `map[string]string`: each value a scalar. */
function stringMap(value: unknown, at: string, problems: Problem[]): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isMap(value)) {
    problems.push(problem(at, value, `is ${describe(value)}, not a map`, 'a map of strings to strings'));
    return undefined;
  }
  const bad = Object.keys(value).find(key => !isScalar(value[key]));
  if (bad !== undefined) {
    problems.push(problem(`${at}.${bad}`, value[bad], `is ${describe(value[bad])}`, 'a string'));
    return undefined;
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scalarText(v)]));
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  return `a ${typeof value}`;
}

// ---------------------------------------------------------------- capacities (Kubernetes' resource.Quantity)

/** An exact rational quantity: numerator / denominator. */
export interface Quantity {
  readonly num: bigint;
  readonly den: bigint;
}

const BINARY_SUFFIXES: { readonly [s: string]: number } = { Ki: 10, Mi: 20, Ti: 40, Gi: 30, Pi: 50, Ei: 60 };
const DECIMAL_SUFFIXES: { readonly [s: string]: number } = { '': 0, 'n': -9, 'u': -6, 'm': -3, 'k': 3, 'M': 6, 'G': 9, 'T': 12, 'P': 15, 'E': 18 };
const QUANTITY = /^([+-]?)([0-9]*)(?:\.([0-9]*))?([eEinumkKMGTP]*[+-]?[0-9]*)$/;
const NANO = 1_000_000_000n;

/** A Kubernetes quantity (resource.ParseQuantity) as an exact number, or undefined when Kubernetes refuses it. */
export function parseQuantity(text: string): Quantity | undefined {
  const m = QUANTITY.exec(text);
  if (text === '' || !m) return undefined;
  const [, sign, whole, fraction = '', suffix] = m;
  // Kubernetes' suffix grammar: letters, then an optional signed exponent of digits only.
  let scale10 = 0;
  let scale2 = 0;
  if (suffix in DECIMAL_SUFFIXES) {scale10 = DECIMAL_SUFFIXES[suffix];} else if (suffix in BINARY_SUFFIXES) {scale2 = BINARY_SUFFIXES[suffix];} else if (/^[eE][+-]?[0-9]+$/.test(suffix)) {
    const exponent = Number(suffix.slice(1));
    if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 1000) return undefined;
    scale10 = exponent;
  } else {return undefined;}
  let num = BigInt(`${whole}${fraction}` || '0') * (sign === '-' ? -1n : 1n);
  let den = 10n ** BigInt(fraction.length);
  if (scale10 >= 0) num *= 10n ** BigInt(scale10); else den *= 10n ** BigInt(-scale10);
  num *= 2n ** BigInt(scale2);
  // Kubernetes rounds a non-zero amount away from zero to whole nanos.
  const nanos = num * NANO;
  if (nanos % den !== 0n) {
    const rounded = nanos / den + (num < 0n ? -1n : 1n);
    return { num: rounded, den: NANO };
  }
  return { num, den };
}

function compare(a: Quantity, b: Quantity): number {
  const left = a.num * b.den;
  const right = b.num * a.den;
  return left < right ? -1 : left > right ? 1 : 0;
}

const ZERO: Quantity = { num: 0n, den: 1n };

/**
 * A capacity condition as Velero reads it: `lower,upper`, an empty side being
 * zero, and a zero bound being no bound (Velero's isInRange: ",", "0,0" and
 * "1Gi,0" have no upper limit).
 */
interface CapacityRange {
  readonly lower: Quantity;
  readonly upper: Quantity;
  /** True when the upper side is written as a zero quantity (such as "0" or "0Gi"), not left empty. */
  readonly upperWrittenZero: boolean;
  /** The condition as written. */
  readonly text: string;
}

/** Every size: the capacity condition Velero uses when none is given. */
const EVERY_SIZE: CapacityRange = { lower: ZERO, upper: ZERO, upperWrittenZero: false, text: ',' };

/** Whether a capacity bound text is a quantity equal to zero (Velero then reads no bound on that side). */
export function isZeroCapacityBound(text: string): boolean {
  const q = parseQuantity(goTrimSpace(text));
  return q !== undefined && q.num === 0n;
}

function parseCapacity(text: string, at: string, problems: Problem[]): CapacityRange | undefined {
  const sides = (text === '' ? ',' : text).split(',');
  if (sides.length !== 2) {
    problems.push(problem(at, text, `has ${sides.length - 1} commas`,
      'Velero reads "lower,upper" with exactly one comma, either side a Kubernetes quantity or empty (for example "10Gi,100Gi", ",5Gi", "1Ti,")'));
    return undefined;
  }
  const parsed = sides.map(side => {
    const trimmed = goTrimSpace(side);
    return trimmed === '' ? ZERO : parseQuantity(trimmed);
  });
  const badSide = parsed.findIndex(q => q === undefined);
  if (badSide >= 0) {
    problems.push(problem(at, text, `has ${badSide === 0 ? 'a lower' : 'an upper'} bound "${goTrimSpace(sides[badSide])}" that is not a Kubernetes quantity`,
      'quantities such as 500Mi, 10Gi, 1.5Ti or 100G'));
    return undefined;
  }
  const [lower, upper] = parsed as Quantity[];
  const upperZero = compare(upper, ZERO) === 0;
  const upperWrittenZero = upperZero && goTrimSpace(sides[1]) !== '';
  if (!(compare(upper, lower) >= 0 || (compare(lower, ZERO) !== 0 && upperZero))) {
    problems.push(problem(at, text, 'has its upper bound below its lower bound',
      'the lower bound first, then the upper (an empty upper bound means no limit)'));
    return undefined;
  }
  return { lower, upper, upperWrittenZero, text };
}

const GO_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

/** Go's strings.TrimSpace: Unicode white space, but not the byte-order mark JavaScript's trim() removes. */
function goTrimSpace(text: string): string {
  return text.replace(GO_SPACE, '');
}

/** A bound of a capacity range, or undefined when it is zero (Velero then reads no bound on that side). */
function bound(q: Quantity): Quantity | undefined {
  return compare(q, ZERO) === 0 ? undefined : q;
}

/** Whether every size (zero or more) within `inner` is within `outer`. */
function rangeWithin(inner: CapacityRange, outer: CapacityRange): boolean {
  const innerLo = bound(inner.lower);
  const outerLo = bound(outer.lower);
  const innerHi = bound(inner.upper);
  const outerHi = bound(outer.upper);
  // A lower bound of zero or less leaves out no size.
  const lowOk = outerLo === undefined || compare(outerLo, ZERO) <= 0 || (innerLo !== undefined && compare(outerLo, innerLo) <= 0);
  const highOk = outerHi === undefined || (innerHi !== undefined && compare(innerHi, outerHi) <= 0);
  return lowOk && highOk;
}

// ---------------------------------------------------------------- the document

/** One volume policy as read, for the deliberate checks. */
interface ReadPolicy {
  readonly index: number;
  readonly action?: string;
  readonly capacity?: CapacityRange;
  readonly storageClass?: string[];
  readonly volumeTypes?: string[];
  readonly pvcPhase?: string[];
  readonly pvcLabels?: Record<string, string>;
  readonly nfs?: { server: string; path: string };
  readonly csi?: { driver: string; attributes?: Record<string, string> };
  /** False when the policy itself has a problem (it is then not compared with others). */
  readonly valid: boolean;
}

/**
 * Every problem of a resource policy document (the parsed YAML of the
 * ConfigMap's one data key), each field named from `at`: Velero's refusals,
 * then the deliberate ones (a volume policy that can never match, one that an
 * earlier one shadows).
 */
export function resourcePolicyProblems(document: unknown, at: string): Problem[] {
  if (!isMap(document)) {
    return [problem(at, document, `is ${describe(document)}, not a map`, 'a resource policy: a map with version: v1 and volumePolicies or includeExcludePolicy')];
  }
  const problems = unknownKeys(document, TOP_KEYS, at, 'a resource policy');
  if (document.version !== POLICY_VERSION) {
    problems.push(problem(`${at}.version`, document.version, document.version === undefined ? 'is missing' : 'is not a version Velero v1.18.1 reads',
      `the only version is "${POLICY_VERSION}"`));
  }
  const read: ReadPolicy[] = [];
  const policies = document.volumePolicies;
  if (policies !== undefined && policies !== null) {
    if (!Array.isArray(policies)) {
      problems.push(problem(`${at}.volumePolicies`, policies, `is ${describe(policies)}, not a list`, 'a list of volume policies, each with conditions and an action'));
    } else {
      policies.forEach((policy, i) => {
        // Go's YAML decoder leaves a null item out of a list.
        if (policy !== null) read.push(volumePolicy(policy, i, `${at}.volumePolicies[${i}]`, problems));
      });
    }
  }
  problems.push(...includeExcludeProblems(document.includeExcludePolicy, `${at}.includeExcludePolicy`));
  problems.push(...zeroUpperBoundProblems(read, `${at}.volumePolicies`));
  problems.push(...neverMatchProblems(read, `${at}.volumePolicies`));
  problems.push(...shadowProblems(read, `${at}.volumePolicies`));
  return problems;
}

function volumePolicy(policy: unknown, index: number, at: string, problems: Problem[]): ReadPolicy {
  const before = problems.length;
  if (!isMap(policy)) {
    problems.push(problem(at, policy, `is ${describe(policy)}, not a map`, 'a volume policy: conditions and an action'));
    return { index, valid: false };
  }
  problems.push(...unknownKeys(policy, POLICY_KEYS, at, 'a volume policy'));
  const action = actionType(policy.action, `${at}.action`, problems);
  const conditions = policy.conditions;
  let read: Partial<ReadPolicy> = {};
  if (conditions !== undefined && conditions !== null) {
    if (!isMap(conditions)) {
      problems.push(problem(`${at}.conditions`, conditions, `is ${describe(conditions)}, not a map`, `a map of conditions: ${CONDITION_KEYS.join(', ')}`));
    } else {
      read = readConditions(conditions, `${at}.conditions`, problems);
    }
  }
  return { ...read, index, action, valid: problems.length === before };
}

function actionType(action: unknown, at: string, problems: Problem[]): string | undefined {
  if (action === undefined || action === null) {
    problems.push(problem(at, action, 'is missing, so the policy has no action type', `an action with a type: ${POLICY_ACTIONS.join(', ')}`));
    return undefined;
  }
  if (!isMap(action)) {
    problems.push(problem(at, action, `is ${describe(action)}, not a map`, `an action with a type: ${POLICY_ACTIONS.join(', ')}`));
    return undefined;
  }
  problems.push(...unknownKeys(action, ACTION_KEYS, at, 'an action'));
  if (action.parameters !== undefined && action.parameters !== null && !isMap(action.parameters)) {
    problems.push(problem(`${at}.parameters`, action.parameters, `is ${describe(action.parameters)}, not a map`, 'a map of parameters'));
  }
  if (!isScalar(action.type) && action.type !== undefined) {
    problems.push(problem(`${at}.type`, action.type, `is ${describe(action.type)}`, `one of ${POLICY_ACTIONS.join(', ')}`));
    return undefined;
  }
  const type = scalarText(action.type);
  if (!POLICY_ACTIONS.includes(type)) {
    problems.push(problem(`${at}.type`, action.type, action.type === undefined ? 'is missing' : 'is not an action type Velero knows', `one of ${POLICY_ACTIONS.join(', ')}`));
    return undefined;
  }
  return type;
}

function readConditions(c: Record<string, unknown>, at: string, problems: Problem[]): Partial<ReadPolicy> {
  problems.push(...unknownKeys(c, CONDITION_KEYS, at, 'the volume conditions'));
  problems.push(...unreadableStrings(c, at));
  let capacity: CapacityRange | undefined;
  if (c.capacity !== undefined) {
    if (!isScalar(c.capacity)) {
      problems.push(problem(`${at}.capacity`, c.capacity, `is ${describe(c.capacity)}`, 'a string "lower,upper", such as "10Gi,100Gi"'));
    } else {
      capacity = parseCapacity(scalarText(c.capacity), `${at}.capacity`, problems);
    }
  }
  const storageClass = stringList(c.storageClass, `${at}.storageClass`, problems);
  const volumeTypes = stringList(c.volumeTypes, `${at}.volumeTypes`, problems);
  const pvcPhase = stringList(c.pvcPhase, `${at}.pvcPhase`, problems);
  let pvcLabels: Record<string, string> | undefined;
  if ('pvcLabels' in c) {
    if (!isMap(c.pvcLabels)) {
      // Velero checks this key's type itself, before decoding: null is refused too.
      problems.push(problem(`${at}.pvcLabels`, c.pvcLabels, `is ${describe(c.pvcLabels)}, not a map`, 'a map of label keys to values'));
    } else {
      pvcLabels = stringMap(c.pvcLabels, `${at}.pvcLabels`, problems);
    }
  }
  let nfs: ReadPolicy['nfs'];
  if (c.nfs !== undefined && c.nfs !== null) {
    if (!isMap(c.nfs)) {
      problems.push(problem(`${at}.nfs`, c.nfs, `is ${describe(c.nfs)}, not a map`, 'a map with server and path'));
    } else {
      problems.push(...unknownKeys(c.nfs, NFS_KEYS, `${at}.nfs`, 'the nfs condition'));
      for (const key of NFS_KEYS) {
        if (!isScalar(c.nfs[key]) && c.nfs[key] !== undefined) problems.push(problem(`${at}.nfs.${key}`, c.nfs[key], `is ${describe(c.nfs[key])}`, 'a string'));
      }
      nfs = { server: scalarText(c.nfs.server), path: scalarText(c.nfs.path) };
    }
  }
  let csi: ReadPolicy['csi'];
  if (c.csi !== undefined && c.csi !== null) {
    if (!isMap(c.csi)) {
      problems.push(problem(`${at}.csi`, c.csi, `is ${describe(c.csi)}, not a map`, 'a map with driver and volumeAttributes'));
    } else {
      problems.push(...unknownKeys(c.csi, CSI_KEYS, `${at}.csi`, 'the csi condition'));
      if (!isScalar(c.csi.driver) && c.csi.driver !== undefined) problems.push(problem(`${at}.csi.driver`, c.csi.driver, `is ${describe(c.csi.driver)}`, 'a string'));
      const attributes = stringMap(c.csi.volumeAttributes, `${at}.csi.volumeAttributes`, problems);
      const driver = scalarText(c.csi.driver);
      if (driver === '' && isMap(c.csi.volumeAttributes)) {
        problems.push(problem(`${at}.csi.volumeAttributes`, c.csi.volumeAttributes, 'is given without a driver',
          'a csi condition with volumeAttributes names its driver'));
      }
      csi = { driver, attributes };
    }
  }
  return { capacity, storageClass, volumeTypes, pvcPhase, pvcLabels, nfs, csi };
}

/**
 * Velero writes the conditions back to YAML and reads them again; Go's YAML
 * encoder writes a string with a line break as a block, which its decoder
 * cannot read when the string starts with a tab.
 */
function unreadableStrings(value: unknown, at: string): Problem[] {
  const unreadable = (text: string) => text.startsWith('\t') && text.includes('\n');
  if (typeof value === 'string') {
    return unreadable(value) ? [problem(at, value, 'starts with a tab and has a line break, which Velero cannot read back when it re-encodes the conditions as YAML',
      'a string without leading tabs or line breaks')] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => unreadableStrings(item, `${at}[${i}]`));
  if (isMap(value)) {
    return Object.entries(value).flatMap(([key, item]) => [
      ...(unreadable(key) ? [problem(`${at}.${key}`, key, 'is a key that starts with a tab and has a line break, which Velero cannot read back', 'a plain key')] : []),
      ...unreadableStrings(item, `${at}.${key}`),
    ]);
  }
  return [];
}

function includeExcludeProblems(policy: unknown, at: string): Problem[] {
  if (policy === undefined || policy === null) return [];
  if (!isMap(policy)) {
    return [problem(at, policy, `is ${describe(policy)}, not a map`, `a map of resource lists: ${INCLUDE_EXCLUDE_KEYS.join(', ')}`)];
  }
  const problems = unknownKeys(policy, INCLUDE_EXCLUDE_KEYS, at, 'the include/exclude policy');
  const lists = Object.fromEntries(INCLUDE_EXCLUDE_KEYS.map(key => [key, stringList(policy[key], `${at}.${key}`, problems) ?? []]));
  for (const scope of ['ClusterScoped', 'NamespaceScoped']) {
    const include = lists[`included${scope}Resources`];
    const exclude = lists[`excluded${scope}Resources`];
    for (const [key, list] of [[`included${scope}Resources`, include], [`excluded${scope}Resources`, exclude]] as const) {
      const star = list.indexOf('*');
      if (star >= 0) {
        problems.push(problem(`${at}.${key}[${star}]`, '*', 'is a wildcard, which the include/exclude policy refuses',
          'resource names; to take every resource, leave the include list out'));
      }
    }
    if (include.includes('*') || exclude.includes('*')) continue;
    exclude.forEach((item, i) => {
      if (include.includes(item)) {
        problems.push(problem(`${at}.excluded${scope}Resources[${i}]`, item, `is also in included${scope}Resources`, 'a resource in one of the two lists'));
      }
    });
  }
  return problems;
}

// ---------------------------------------------------------------- deliberate: a zero upper bound after a lower one

/**
 * "10Gi,0" reads as "10Gi or more" in Velero (a zero upper bound is none),
 * though it looks like a range ending at zero: certainly a mistake either way.
 */
function zeroUpperBoundProblems(policies: readonly ReadPolicy[], at: string): Problem[] {
  return policies.filter(p => p.valid && p.capacity?.upperWrittenZero && compare(p.capacity.lower, ZERO) > 0).map(p =>
    problem(`${at}[${p.index}].conditions.capacity`, p.capacity!.text,
      'has an upper bound of zero after a lower bound above zero, which Velero reads as no upper limit at all',
      'leave the upper side empty for no upper limit (such as "10Gi,"), or give an upper bound at or above the lower', ProblemKind.DELIBERATE));
}

// ---------------------------------------------------------------- deliberate: policies that can never match

function neverMatchProblems(policies: readonly ReadPolicy[], at: string): Problem[] {
  const problems: Problem[] = [];
  const never = (p: ReadPolicy, field: string, value: unknown, why: string, accepted: string) =>
    problems.push(problem(`${at}[${p.index}].conditions.${field}`, value, `${why}, so this volume policy can never match`, accepted, ProblemKind.DELIBERATE));
  for (const p of policies) {
    if (!p.valid) continue;
    (p.volumeTypes ?? []).forEach((type, i) => {
      if (type in UNREPORTED_VOLUME_TYPES) {
        never(p, `volumeTypes[${i}]`, type, 'is a type Velero declares but never reports for a volume', UNREPORTED_VOLUME_TYPES[type]);
      } else if (!VOLUME_TYPES.includes(type)) {
        const near = VOLUME_TYPES.find(known => known.toLowerCase() === type.toLowerCase());
        never(p, `volumeTypes[${i}]`, type, 'is no volume type Velero reports', near ? `did you mean ${near}?` : `one of ${VOLUME_TYPES.join(', ')}`);
      }
    });
    (p.pvcPhase ?? []).forEach((phase, i) => {
      if (!PVC_PHASES.includes(phase)) never(p, `pvcPhase[${i}]`, phase, 'is no phase of a PVC', `one of ${PVC_PHASES.join(', ')} (case matters)`);
    });
    (p.storageClass ?? []).forEach((name, i) => {
      if (name === '') never(p, `storageClass[${i}]`, name, 'is empty, and Velero matches no volume without a storage class', 'a storage class name');
    });
    for (const [key, value] of Object.entries(p.pvcLabels ?? {})) {
      const error = labelKeyError(key) ?? labelValueError(value);
      if (error) never(p, `pvcLabels.${key}`, value, `is a label no PVC can carry (${labelKeyError(key) ? 'key' : 'value'} ${error})`, 'a valid label key and value');
    }
    if (p.capacity && compare(p.capacity.upper, ZERO) < 0) {
      never(p, 'capacity', `${show(p.capacity.lower)},${show(p.capacity.upper)}`, 'allows only negative sizes', 'a range of sizes of zero or more');
    }
    const types = p.volumeTypes ?? [];
    if (p.nfs && p.csi) never(p, 'csi', p.csi, 'is given with nfs, and a volume has one source', 'one of nfs and csi');
    if (p.nfs && types.length > 0 && !types.includes('nfs')) never(p, 'nfs', p.nfs, 'requires an NFS volume, which volumeTypes leaves out', 'add nfs to volumeTypes, or drop one of the two');
    if (p.csi && types.length > 0 && !types.includes('csi')) never(p, 'csi', p.csi, 'requires a CSI volume, which volumeTypes leaves out', 'add csi to volumeTypes, or drop one of the two');
    if (types.length > 0 && types.every(t => POD_VOLUME_TYPES.includes(t))) {
      // Only pod volumes have these types; Velero gives them no storage class and no size.
      if ((p.storageClass ?? []).length > 0) never(p, 'storageClass', p.storageClass, `is given for pod volumes only (${types.join(', ')}), which have no storage class`, 'no storageClass with pod-volume types');
      if (p.capacity && compare(p.capacity.lower, ZERO) > 0) never(p, 'capacity', `${show(p.capacity.lower)},…`, `needs a size, which pod volumes (${types.join(', ')}) do not report`, 'no lower capacity bound with pod-volume types');
    }
  }
  return problems;
}

function show(q: Quantity): string {
  return q.den === 1n ? q.num.toString() : `${q.num}/${q.den}`;
}

/**
 * Whether every volume `later` matches is matched by `earlier`: judged only
 * where certain, condition by condition (each of `earlier`'s must be as wide
 * as `later`'s).
 */
function covers(earlier: ReadPolicy, later: ReadPolicy): boolean {
  const setCovers = (outer: string[] | undefined, inner: string[] | undefined) =>
    !outer || outer.length === 0 || (!!inner && inner.length > 0 && inner.every(x => outer.includes(x)));
  // No capacity condition is Velero's "," (every size).
  if (earlier.capacity && !rangeWithin(later.capacity ?? EVERY_SIZE, earlier.capacity)) return false;
  if (!setCovers(earlier.storageClass, later.storageClass)) return false;
  if (!setCovers(earlier.volumeTypes, later.volumeTypes)) return false;
  if (!setCovers(earlier.pvcPhase, later.pvcPhase)) return false;
  const labels = Object.entries(earlier.pvcLabels ?? {});
  if (labels.length > 0 && !labels.every(([k, v]) => later.pvcLabels?.[k] === v)) return false;
  if (earlier.nfs) {
    if (!later.nfs) return false;
    if (earlier.nfs.server !== '' && earlier.nfs.server !== later.nfs.server) return false;
    if (earlier.nfs.path !== '' && earlier.nfs.path !== later.nfs.path) return false;
  }
  if (earlier.csi) {
    if (!later.csi) return false;
    if (earlier.csi.driver !== '') {
      if (earlier.csi.driver !== later.csi.driver) return false;
      const attributes = Object.entries(earlier.csi.attributes ?? {});
      if (attributes.length > 0 && !attributes.every(([k, v]) => later.csi?.attributes?.[k] === v)) return false;
    }
  }
  return true;
}

function shadowProblems(policies: readonly ReadPolicy[], at: string): Problem[] {
  const problems: Problem[] = [];
  policies.forEach((later, j) => {
    if (!later.valid) return;
    const earlier = policies.slice(0, j).find(p => p.valid && covers(p, later));
    if (earlier) {
      problems.push(problem(`${at}[${later.index}]`, later.action, `is never reached: every volume it matches is matched first by volumePolicies[${earlier.index}] (the first matching policy wins)`,
        'put the narrower policy first, or drop this one', ProblemKind.DELIBERATE));
    }
  });
  return problems;
}

// ---------------------------------------------------------------- the ConfigMap and the backups that name it

/** The policy document of a ConfigMap's final JSON, with the problems of the ConfigMap itself. */
export interface PolicyConfigMap {
  readonly problems: Problem[];
  /** The parsed document, when its text is JSON (see below). */
  readonly document?: unknown;
  /** True when the text is YAML that is not JSON: the library does not parse YAML at run time, so it is not judged further. */
  readonly unread?: boolean;
}

/**
 * Reads a resource policy ConfigMap as Velero does: exactly one key in
 * `data`, its value the document. The library writes the document as JSON
 * (a subset of YAML); other YAML is passed over (it has no YAML parser at run
 * time), but a JSON text is judged, duplicate keys included (Go's YAML
 * decoder refuses them; JSON.parse would keep the last).
 */
export function readPolicyConfigMap(manifest: any): PolicyConfigMap {
  const data = manifest?.data;
  const keys = isMap(data) ? Object.keys(data) : [];
  if (keys.length !== 1) {
    return {
      problems: [problem('data', data, `has ${keys.length} keys`,
        'a resource policy ConfigMap holds exactly one data key, the policy document; Velero refuses any other count')],
    };
  }
  const field = `data[${JSON.stringify(keys[0])}]`;
  const text = data[keys[0]];
  if (typeof text !== 'string') return { problems: [problem(field, text, `is ${describe(text)}`, 'the policy document as text')] };
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return { problems: [], unread: true };
  }
  const duplicate = duplicateKey(text);
  if (duplicate !== undefined) {
    return { problems: [problem(field, duplicate, 'has this key twice in one map', 'each key once; Go\'s YAML decoder refuses a repeated key')], document };
  }
  return { problems: resourcePolicyProblems(document, field), document };
}

/** The first key that a JSON text repeats within one object, if any (the text must be valid JSON). */
export function duplicateKey(text: string): string | undefined {
  const stack: Array<Set<string> | null> = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const keys = stack[stack.length - 1];
      if (expectKey && keys) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (keys.has(key)) return key;
        keys.add(key);
        expectKey = false;
      }
      i = j;
    } else if (ch === '{') {
      stack.push(new Set());
      expectKey = true;
    } else if (ch === '[') {
      stack.push(null);
    } else if (ch === '}' || ch === ']') {
      stack.pop();
    } else if (ch === ',') {
      expectKey = stack[stack.length - 1] !== null && stack.length > 0;
    }
  }
  return undefined;
}

/** Whether a Backup spec uses Velero's old-style resource filters (collections.UseOldResourceFilters). */
export function usesOldResourceFilters(spec: any): boolean {
  const nonEmpty = (list: unknown) => Array.isArray(list) && list.length > 0;
  return (spec?.includeClusterResources !== undefined && spec?.includeClusterResources !== null)
    || nonEmpty(spec?.includedResources) || nonEmpty(spec?.excludedResources);
}

/** Whether a Backup spec (with its policy's include/exclude lists) leaves pods out. */
export function excludesPods(spec: any, document: unknown): boolean {
  const names = (list: unknown): string[] => (Array.isArray(list) ? list.filter(x => typeof x === 'string') : []);
  const hasPods = (list: unknown) => names(list).some(name => POD_RESOURCE_NAMES.includes(name.toLowerCase()));
  const includeLacksPods = (list: unknown) => names(list).length > 0 && !names(list).includes('*') && !hasPods(list);
  const ie = isMap(document) && isMap(document.includeExcludePolicy) ? document.includeExcludePolicy : {};
  return hasPods(spec?.excludedResources) || hasPods(spec?.excludedNamespaceScopedResources) || hasPods(ie.excludedNamespaceScopedResources)
    || includeLacksPods(spec?.includedResources) || includeLacksPods(spec?.includedNamespaceScopedResources)
    || includeLacksPods(ie.includedNamespaceScopedResources);
}

/**
 * Problems of a backup spec (at `at`, such as `spec` or `spec.template`)
 * paired with the policy document it names: Velero refuses an
 * include/exclude policy beside the old-style filters; and, deliberately, a
 * file-system backup action or a pod-volume type on a backup that leaves pods
 * out can never act, since Velero meets pod volumes only in pods.
 */
export function policyPairingProblems(spec: any, document: unknown, at: string, policyWhere: string): Problem[] {
  const problems: Problem[] = [];
  if (!isMap(document)) return problems;
  const name = spec?.resourcePolicy?.name;
  if (document.includeExcludePolicy !== undefined && document.includeExcludePolicy !== null && usesOldResourceFilters(spec)) {
    problems.push(problem(`${at}.resourcePolicy.name`, name,
      `names a policy with an includeExcludePolicy (${policyWhere}), which Velero refuses on a backup with the old-style filters (includedResources, excludedResources, includeClusterResources)`,
      'the scoped filters instead: resources: ResourceFilter.scoped({ namespaced: { exclude: ["pods"] } }), or the policy without includeExcludePolicy'));
  }
  if (!usesOldResourceFilters(spec)) problems.push(...overriddenListProblems(spec, document, at, policyWhere));
  if (!excludesPods(spec, document) || !Array.isArray(document.volumePolicies)) return problems;
  document.volumePolicies.forEach((policy, i) => {
    if (!isMap(policy)) return;
    if (isMap(policy.action) && policy.action.type === 'fs-backup') {
      problems.push(problem(`${at}.resourcePolicy.name`, name,
        `names a policy whose volumePolicies[${i}] takes file-system backups (${policyWhere}), but this backup leaves pods out, and file-system backup works through pods, so the policy can never act`,
        'back up pods (drop "pods" from the excluded resources), or use snapshot or skip', ProblemKind.DELIBERATE));
    }
    const types = isMap(policy.conditions) && Array.isArray(policy.conditions.volumeTypes) ? policy.conditions.volumeTypes : [];
    const podTypes = types.filter((t: unknown) => typeof t === 'string' && POD_VOLUME_TYPES.includes(t));
    if (podTypes.length > 0) {
      problems.push(problem(`${at}.resourcePolicy.name`, name,
        `names a policy whose volumePolicies[${i}] matches pod volumes (${podTypes.join(', ')}; ${policyWhere}), but this backup leaves pods out, so Velero never meets such a volume`,
        'back up pods, or drop the pod-volume types', ProblemKind.DELIBERATE));
    }
  });
  return problems;
}

/**
 * The policy's resource lists that never act: Velero adds an item of the
 * include/exclude policy only where the backup's own scoped lists say
 * nothing of it (CombineWithPolicy), so an exclusion of `events` is dropped
 * on a backup whose include list has `*` or `events` (measured on the e2e
 * cluster: such a backup holds its events).
 */
function overriddenListProblems(spec: any, document: Record<string, unknown>, at: string, policyWhere: string): Problem[] {
  const ie = document.includeExcludePolicy;
  if (!isMap(ie)) return [];
  const names = (list: unknown): string[] => (Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : []);
  const problems: Problem[] = [];
  for (const scope of ['NamespaceScoped', 'ClusterScoped']) {
    const pairs: Array<[string, string, string]> = [[`excluded${scope}Resources`, `included${scope}Resources`, 'exclusion'], [`included${scope}Resources`, `excluded${scope}Resources`, 'inclusion']];
    for (const [policyList, backupList, what] of pairs) {
      const backupItems = names(spec?.[backupList]);
      for (const item of names(ie[policyList])) {
        const by = backupItems.includes('*') ? '*' : backupItems.includes(item) ? item : undefined;
        if (by === undefined) continue;
        problems.push(problem(`${at}.resourcePolicy.name`, spec?.resourcePolicy?.name,
          `names a policy whose ${policyList} has ${JSON.stringify(item)} (${policyWhere}), but this backup's ${backupList} has ${JSON.stringify(by)}, and Velero lets the backup's own lists win, so the policy's ${what} never acts`,
          `leave ${JSON.stringify(by)} out of the backup's ${backupList} (for example ResourceFilter.scoped with only an exclude list), or drop it from the policy`, ProblemKind.DELIBERATE));
      }
    }
  }
  return problems;
}

/**
 * The problems of resource policies among a set of manifests: each
 * ConfigMap a Backup or Schedule names (same namespace and name), or that
 * `always` marks (one our construct writes), judged by itself; and each
 * Backup or Schedule judged with the policy it names. `where` names a
 * ConfigMap in messages. Problems by entry.
 */
export function policyObjectProblems<T extends { readonly manifest: any }>(
  velero: readonly T[], configMaps: readonly T[], always: (configMap: T) => boolean, where: (configMap: T) => string): Map<T, Problem[]> {
  const found = new Map<T, Problem[]>();
  const users = new Map<string, Array<{ readonly entry: T; readonly spec: any; readonly at: string }>>();
  for (const entry of velero) {
    const { manifest } = entry;
    const at = manifest?.kind === 'Backup' ? 'spec' : manifest?.kind === 'Schedule' ? 'spec.template' : undefined;
    const spec = at === 'spec' ? manifest.spec : manifest?.spec?.template;
    const ref = spec?.resourcePolicy;
    if (!at || typeof ref?.kind !== 'string' || ref.kind.toLowerCase() !== 'configmap' || typeof ref.name !== 'string') continue;
    const key = `${manifest.metadata?.namespace ?? ''}/${ref.name}`;
    users.set(key, [...users.get(key) ?? [], { entry, spec, at }]);
  }
  for (const configMap of configMaps) {
    const { manifest } = configMap;
    const named = users.get(`${manifest?.metadata?.namespace ?? ''}/${manifest?.metadata?.name}`) ?? [];
    if (named.length === 0 && !always(configMap)) continue;
    const read = readPolicyConfigMap(manifest);
    found.set(configMap, read.problems);
    if (read.document === undefined) continue;
    for (const user of named) {
      const pairing = policyPairingProblems(user.spec, read.document, user.at, where(configMap));
      if (pairing.length > 0) found.set(user.entry, [...found.get(user.entry) ?? [], ...pairing]);
    }
  }
  return found;
}

/** True for a core ConfigMap manifest. */
export function isConfigMapManifest(manifest: unknown): boolean {
  return (manifest as any)?.apiVersion === 'v1' && (manifest as any)?.kind === 'ConfigMap';
}
