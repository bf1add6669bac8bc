// The hand-kept tables of the jsii fuzz test (see README.md here):
// - TYPE_EXAMPLES: a valid base value and valid alternatives per jsii type;
//   a type of .jsii without an entry fails the test;
// - OVERRIDES: per parameter or struct field, where the type's example is not
//   valid or not telling there (cron fields, names that must agree);
// - NO_CHANGE: parameters and fields that legitimately cannot change the output, with the reason;
// - UNREPORTABLE: parameters where no app exists to report in;
// - RECEIVERS: an instance to call each class's methods on;
// - CONSUMERS: how a produced value reaches the output;
// - COMPLETERS: what makes a construct synthesize on its own.
// Constructs an example needs are made through `ctx.pool`, base and alternative
// together, so that comparing two runs compares the call, not the examples.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import * as lib from '../../src';

/** What an example or consumer may use: the case's app and chart, a pool of shared constructs, a record of returned data. */
export interface Ctx {
  readonly app: App;
  readonly chart: Chart;
  /** Made once per case (both the base and the alternative construct), so that every run of a comparison has them. */
  pool<T>(key: string, make: () => T): T;
  /** Data an entry point returned or reported (a plugin's report), part of the compared output. */
  record(label: string, value: unknown): void;
}

export type Make = (ctx: Ctx) => unknown;

export interface Example {
  /** A valid value: for a required parameter or field, what every other case passes. */
  readonly base: Make;
  /** Valid values, at least one of which must change the output against the base (or the omitted optional). */
  readonly alts: readonly Make[];
  /** For a class or interface type: whether a value is of it (default: `instanceof` the class of that name in src). */
  readonly is?: (value: unknown) => boolean;
}

export interface Override {
  readonly base?: Make;
  readonly alts?: readonly Make[];
  /** Narrows a type jsii states too loosely (`any` for a Kubernetes object): values it refuses count as wrong. */
  readonly valid?: (value: unknown) => boolean;
  /** Sibling fields that must be set for this one to be valid, set in every case of the field. */
  readonly companions?: { readonly [field: string]: Make };
}

const v = (value: unknown): Make => () => value;

/** A value JSON can write as it is: no undefined, NaN, function or class instance. */
function isJsonValue(x: unknown): boolean {
  if (x === null || typeof x === 'string' || typeof x === 'boolean') return true;
  if (typeof x === 'number') return Number.isFinite(x);
  if (typeof x !== 'object') return false;
  if (Array.isArray(x)) return x.every(isJsonValue);
  const prototype = Object.getPrototypeOf(x);
  return (prototype === Object.prototype || prototype === null) && Object.values(x as object).every(isJsonValue);
}

function isJsonObject(x: unknown): boolean {
  return isJsonValue(x) && typeof x === 'object' && x !== null && !Array.isArray(x);
}

// ---------------------------------------------------------------------------
// Constructs the examples share, made in pairs (A is the base, B the alternative).

const VELERO_NS = 'kyma-backup';

function pair<T>(ctx: Ctx, key: string, make: (id: string, name: string) => T): [T, T] {
  return ctx.pool(key, () => [make(`Pool-${key}-A`, 'fuzz-a'), make(`Pool-${key}-B`, 'fuzz-b')] as [T, T]);
}

const namespaces = (ctx: Ctx) => pair(ctx, 'Namespace', (id, name) =>
  new ApiObject(ctx.chart, id, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }));

const secrets = (ctx: Ctx) => pair(ctx, 'Secret', (id, name) =>
  new ApiObject(ctx.chart, id, {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace: VELERO_NS },
    stringData: { 'fuzz-a': 'a', 'fuzz-b': 'b', 'cloud': 'c' },
  }));

/** Deployments in namespace `shop` (a user namespace), with containers fuzz-a and fuzz-b. */
export const deployments = (ctx: Ctx) => pair(ctx, 'Deployment', (id, name) =>
  new ApiObject(ctx.chart, id, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'shop' },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'fuzz-a', image: 'busybox' }, { name: 'fuzz-b', image: 'busybox' }] },
      },
    },
  }));

const storageLocations = (ctx: Ctx) => pair(ctx, 'BSL', (id, name) =>
  new lib.KymaBackupStorageLocation(ctx.chart, id, { provider: 'aws', bucket: name, name }));

const snapshotLocations = (ctx: Ctx) => pair(ctx, 'VSL', (id, name) =>
  new lib.KymaVolumeSnapshotLocation(ctx.chart, id, { provider: 'aws', name }));

const schedules = (ctx: Ctx) => pair(ctx, 'Schedule', (id, name) =>
  new lib.KymaBackupSchedule(ctx.chart, id, { systemName: `${name}-system`, userName: `${name}-user` }));

const resourcePolicies = (ctx: Ctx) => pair(ctx, 'ResourcePolicy', (id, name) =>
  new lib.KymaResourcePolicy(ctx.chart, id, { name, volumePolicies: [lib.VolumePolicy.skip().whereStorageClass(name)] }));

/** The repository password Secret as Velero reads it (name, namespace and key fixed). */
const repositorySecrets = (ctx: Ctx) => pair(ctx, 'RepositorySecret', (id, name) =>
  new ApiObject(ctx.chart, id, {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'velero-repo-credentials', namespace: VELERO_NS, labels: { fuzz: name } },
    stringData: { 'repository-password': name },
  }));

const plans = (ctx: Ctx) => pair(ctx, 'Plan', (id, name) =>
  new lib.KymaBackupPlan(ctx.chart, id, {
    systemName: `${name}-system`,
    userName: `${name}-user`,
    stagger: false,
    rules: [name === 'fuzz-a' ? lib.KymaBackupRule.daily() : lib.KymaBackupRule.weekly()],
  }));

// The cdk8s CLI's plugin context (what VeleroValidation.validate reads), reporting into the case's record.
const BACKUP = { apiVersion: 'velero.io/v1', kind: 'Backup', metadata: { name: 'fuzz-a', namespace: VELERO_NS }, spec: {} };
const BAD_BACKUP = { ...BACKUP, spec: { ttl: 'forever' } };

export function pluginContext(ctx: Ctx, manifests: unknown[]): unknown {
  return {
    manifests: ['fuzz.yaml'],
    parseManifest: () => manifests,
    report: {
      addViolation: (violation: unknown) => ctx.record('violation', violation),
      submit: (status: unknown, properties: unknown) => ctx.record('submit', { status, properties }),
    },
  };
}

let fileDir: string | undefined;
function yamlFile(name: string, manifest: unknown): string {
  fileDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'jsii-fuzz-'));
  const file = path.join(fileDir, name);
  if (!fs.existsSync(file)) fs.writeFileSync(file, JSON.stringify(manifest));
  return file;
}

function enumExample(e: object): Example {
  const members = Object.values(e);
  return { base: v(members[0]), alts: members.map(m => v(m)) };
}

// ---------------------------------------------------------------------------

/** Per jsii type: primitives by name, classes, interfaces and enums by fqn. Structs and collections are built from their parts. */
export const TYPE_EXAMPLES: { readonly [type: string]: Example } = {
  'string': { base: v('fuzz-a'), alts: [v('fuzz-b')] },
  'number': { base: v(7), alts: [v(9)] },
  // Both: whichever is not the default changes the output.
  'boolean': { base: v(false), alts: [v(true), v(false)] },
  'date': { base: () => new Date('2026-01-01T01:00:00Z'), alts: [() => new Date('2026-02-01T01:00:00Z')] },
  'any': { base: v({}), alts: [v({ fuzz: 'b' })] },
  'json': { base: v({}), alts: [v({ fuzz: 'b' })] },

  // Longer than Velero's default ttl (720h), so no retention gap opens.
  'cdk8s.Duration': { base: () => Duration.hours(800), alts: [() => Duration.hours(900)], is: x => x instanceof Duration },
  'constructs.Construct': { base: ctx => ctx.chart, alts: [], is: x => Construct.isConstruct(x) },
  'constructs.IConstruct': { base: ctx => namespaces(ctx)[0], alts: [ctx => namespaces(ctx)[1]], is: x => Construct.isConstruct(x) },

  'cdk8s-kyma-backup.BackupNamespaces': { base: () => lib.BackupNamespaces.named('fuzz-a'), alts: [() => lib.BackupNamespaces.named('fuzz-b')] },
  'cdk8s-kyma-backup.BackupSchedule': { base: () => lib.BackupSchedule.cron({ hour: '1' }), alts: [() => lib.BackupSchedule.cron({ hour: '3' })] },
  // Named apart from the presets' rules (daily, weekly, monthly), which a plan may hold already.
  'cdk8s-kyma-backup.KymaBackupRule': {
    base: () => lib.KymaBackupRule.weekly({ name: 'fuzz-a', keep: 4 }),
    alts: [() => lib.KymaBackupRule.daily({ name: 'fuzz-b', keep: 3 })],
  },
  'cdk8s-kyma-backup.KymaBackupSchedule': { base: ctx => schedules(ctx)[0], alts: [ctx => schedules(ctx)[1]] },
  'cdk8s-kyma-backup.KymaBackupStorageLocation': { base: ctx => storageLocations(ctx)[0], alts: [ctx => storageLocations(ctx)[1]] },
  'cdk8s-kyma-backup.KymaVolumeSnapshotLocation': { base: ctx => snapshotLocations(ctx)[0], alts: [ctx => snapshotLocations(ctx)[1]] },
  'cdk8s-kyma-backup.IKymaBackupPlan': { base: ctx => plans(ctx)[0], alts: [ctx => plans(ctx)[1]], is: x => x instanceof lib.KymaBackupPlan },
  'cdk8s-kyma-backup.LabelExpression': { base: () => lib.LabelExpression.exists('fuzz-a'), alts: [() => lib.LabelExpression.exists('fuzz-b')] },
  'cdk8s-kyma-backup.LabelSelector': {
    base: () => lib.LabelSelector.of({ labels: { 'fuzz-key': 'fuzz-a' } }),
    alts: [() => lib.LabelSelector.of({ labels: { 'fuzz-key': 'fuzz-b' } })],
  },
  'cdk8s-kyma-backup.LocationCredential': {
    base: () => lib.LocationCredential.fromSecretName('fuzz-a', 'cloud'),
    alts: [() => lib.LocationCredential.fromSecretName('fuzz-b', 'cloud')],
  },
  'cdk8s-kyma-backup.ResourceFilter': {
    base: () => lib.ResourceFilter.legacy({ exclude: ['fuzz-a'] }),
    alts: [() => lib.ResourceFilter.legacy({ exclude: ['fuzz-b'] })],
  },
  'cdk8s-kyma-backup.RestoreHook': {
    base: () => lib.RestoreHook.exec({ name: 'fuzz-a', command: ['sync'] }),
    alts: [() => lib.RestoreHook.exec({ name: 'fuzz-b', command: ['sync'] })],
  },
  'cdk8s-kyma-backup.JsonPatch': {
    base: () => lib.JsonPatch.replace('/spec/replicas', 0),
    alts: [() => lib.JsonPatch.replace('/spec/replicas', 1)],
  },
  'cdk8s-kyma-backup.ResourceModifierRule': {
    base: () => lib.ResourceModifierRule.jsonPatch({ groupResource: 'deployments.apps' }, [lib.JsonPatch.replace('/spec/replicas', 0)]),
    alts: [() => lib.ResourceModifierRule.mergePatch({ groupResource: 'configmaps' }, [{ data: { 'fuzz-key': 'fuzz-b' } }])],
  },
  'cdk8s-kyma-backup.NamespaceMapping': {
    base: () => lib.NamespaceMapping.of({ 'fuzz-a': 'fuzz-a-new' }),
    alts: [() => lib.NamespaceMapping.of({ 'fuzz-b': 'fuzz-b-new' })],
  },
  // One per Velero namespace (Velero refuses two plugin configs of a kind), so no alternative in the same app.
  'cdk8s-kyma-backup.KymaRestoreRemapping': {
    base: ctx => ctx.pool('remapping', () => new lib.KymaRestoreRemapping(ctx.chart, 'Pool-remapping', { storageClasses: { 'fuzz-a': 'fuzz-b' } })),
    alts: [],
  },

  'cdk8s-kyma-backup.KymaResourcePolicy': { base: ctx => resourcePolicies(ctx)[0], alts: [ctx => resourcePolicies(ctx)[1]] },
  'cdk8s-kyma-backup.VolumePolicy': {
    base: () => lib.VolumePolicy.skip().whereStorageClass('fuzz-a'),
    alts: [() => lib.VolumePolicy.snapshot().whereStorageClass('fuzz-b')],
  },

  'cdk8s-kyma-backup.BackupStorageAccessMode': enumExample(lib.BackupStorageAccessMode),
  'cdk8s-kyma-backup.PvcPhase': enumExample(lib.PvcPhase),
  'cdk8s-kyma-backup.VolumePolicyAction': enumExample(lib.VolumePolicyAction),
  // AWS_AZURE_DISK is refused at synth (Velero never reports it, so a policy on it never matches).
  'cdk8s-kyma-backup.VolumeType': enumExample(Object.fromEntries(Object.entries(lib.VolumeType).filter(([, m]) => m !== lib.VolumeType.AWS_AZURE_DISK))),
  'cdk8s-kyma-backup.BackupScopeKind': enumExample(lib.BackupScopeKind),
  'cdk8s-kyma-backup.ExistingResourcePolicy': enumExample(lib.ExistingResourcePolicy),
  'cdk8s-kyma-backup.HookErrorMode': enumExample(lib.HookErrorMode),
  'cdk8s-kyma-backup.LabelSelectorOperator': enumExample(lib.LabelSelectorOperator),
  'cdk8s-kyma-backup.ProblemKind': enumExample(lib.ProblemKind),
  'cdk8s-kyma-backup.RestoreOrder': enumExample(lib.RestoreOrder),
  'cdk8s-kyma-backup.WorkloadHookForm': enumExample(lib.WorkloadHookForm),
};

/**
 * Per parameter (`Class.method.param`, `Class.new.param` for constructors,
 * `*.param` for every parameter of that name) or struct field
 * (`Struct.field`, the struct that declares it); `[]` after a key: its
 * collection's items.
 */
export const OVERRIDES: { readonly [key: string]: Override } = {
  // Conditions that need at least one value (an empty one would match every volume): the base call passes one.
  'VolumePolicy.whereStorageClass.names': { base: v('fuzz-a') },
  'VolumePolicy.whereVolumeTypes.types': { base: v(lib.VolumeType.CSI) },
  'VolumePolicy.wherePvcPhase.phases': { base: v(lib.PvcPhase.BOUND) },
  // An include/exclude policy naming no resource is refused: each list is given beside a resource in the other.
  'PolicyResourceList.include': { companions: { exclude: v(['fuzz-companion-excluded']) } },
  'PolicyResourceList.exclude': { companions: { include: v(['fuzz-companion-included']) } },
  // Cron fields: a value of that field (the consumer allows retention gaps).
  'BackupCronOptions.minute': { alts: [v('5')] },
  'BackupCronOptions.hour': { alts: [v('3')] },
  'BackupCronOptions.day': { alts: [v('15')] },
  'BackupCronOptions.month': { alts: [v('6')] },
  'BackupCronOptions.weekDay': { alts: [v('MON')] },
  'BackupCronOptions.timeZone': { alts: [v('Europe/Berlin')] },
  'KymaBackupRuleTimeOptions.hour': { alts: [v('3')] },
  'KymaBackupRuleTimeOptions.minute': { alts: [v('5')] },
  'KymaBackupRuleTimeOptions.timeZone': { alts: [v('Europe/Berlin')] },
  'KymaBackupWeeklyRuleOptions.weekDay': { alts: [v('MON')] },
  'KymaBackupMonthlyRuleOptions.day': { alts: [v('15')] },
  'BackupSchedule.expression.expression': { base: v('@daily'), alts: [v('@weekly')] },
  'BackupSchedule.every.interval': { base: () => Duration.hours(6), alts: [() => Duration.hours(12)] },
  // Object keys of orderedResources are resources; items are namespace/name.
  'KymaBackupScopeOptions.orderedResources': { alts: [v({ pods: ['shop/fuzz-b'] })] },
  'KymaBackupScopeOptions.orderedResources[]': { base: v(['shop/fuzz-a']), alts: [v(['shop/fuzz-b'])] },
  'KymaBackupStorageLocationProps.provider': { base: v('aws'), alts: [v('gcp')] },
  'KymaVolumeSnapshotLocationProps.provider': { base: v('aws'), alts: [v('gcp')] },
  'KymaBackupAlertsOptions.severity': { alts: [v('warning')] },
  // One backup name without the other is refused.
  'KymaRestorePlanProps.systemBackupName': { companions: { userBackupName: v('fuzz-a') } },
  'KymaRestorePlanProps.userBackupName': { companions: { systemBackupName: v('fuzz-a') } },
  // Typed any in jsii; Kubernetes Containers, so objects.
  'RestoreInitHookOptions.initContainers[]': {
    valid: x => typeof x === 'object' && x !== null && !Array.isArray(x),
    base: v({ name: 'fuzz-a', image: 'busybox', command: ['sync'] }),
    alts: [v({ name: 'fuzz-b', image: 'busybox', command: ['sync'] })],
  },
  // Kubernetes quantities; volume attributes only with a driver (Velero refuses them without).
  'VolumeCapacityRange.atLeast': { base: v('1Gi'), alts: [v('2Gi')] },
  'VolumeCapacityRange.atMost': { base: v('10Gi'), alts: [v('20Gi')] },
  'CsiVolumeCondition.volumeAttributes': { companions: { driver: v('fuzz-a') } },
  // JSON pointers of the Deployments the rules' consumers patch.
  '*.path': { base: v('/metadata/labels/fuzz-a'), alts: [v('/metadata/labels/fuzz-b')] },
  '*.from': { base: v('/metadata/labels/fuzz-c'), alts: [v('/metadata/labels/fuzz-d')] },
  'ResourceModifierMatch.path': { base: v('/metadata/labels/fuzz-a'), alts: [v('/metadata/labels/fuzz-b')] },
  'ResourceModifierConditions.groupResource': { base: v('deployments.apps'), alts: [v('statefulsets.apps')] },
  // Typed any in jsii: JSON values (patches: objects), which the factories refuse otherwise.
  'ResourceModifierMatch.value': { valid: isJsonValue, base: v('fuzz-a'), alts: [v(2)] },
  'JsonPatch.add.value': { valid: isJsonValue, base: v(0), alts: [v(1)] },
  'JsonPatch.replace.value': { valid: isJsonValue, base: v(0), alts: [v(1)] },
  'JsonPatch.test.value': { valid: isJsonValue, base: v(0), alts: [v(1)] },
  // A ConfigMap's name is used only when it has something to hold.
  'KymaRestoreRemappingProps.imageConfigMapName': { companions: { images: v({ 'fuzz-a': 'fuzz-b' }) } },
  'KymaRestoreRemappingProps.storageClassConfigMapName': { companions: { storageClasses: v({ 'fuzz-a': 'fuzz-b' }) } },
  'ResourceModifierRule.mergePatch.patches[]': { valid: isJsonObject, base: v({}), alts: [v({ metadata: { labels: { 'fuzz-key': 'fuzz-b' } } })] },
  'ResourceModifierRule.strategicMergePatch.patches[]': { valid: isJsonObject, base: v({}), alts: [v({ metadata: { labels: { 'fuzz-key': 'fuzz-b' } } })] },
  // Named apart from the receiver's mapping (fuzz-r), so that no namespace is mapped twice.
  'NamespaceMapping.map.from': { base: v('fuzz-a'), alts: [v('fuzz-b')] },
  'NamespaceMapping.map.to': { base: v('fuzz-a-new'), alts: [v('fuzz-b-new')] },
  // Constructs of the kind the parameter names.
  'KymaRepositoryPasswordProps.secret': { base: ctx => repositorySecrets(ctx)[0], alts: [ctx => repositorySecrets(ctx)[1]] },
  'LocationCredential.fromSecret.secret': { base: ctx => secrets(ctx)[0], alts: [ctx => secrets(ctx)[1]] },
  'KymaBackupScopeConstruct.addHookFor.workload': { base: ctx => deployments(ctx)[0], alts: [ctx => deployments(ctx)[1]] },
  'VeleroValidation.addTo.scope': { base: ctx => ctx.chart },
  'VeleroValidation.validate.context': { base: ctx => pluginContext(ctx, [BACKUP]), alts: [ctx => pluginContext(ctx, [BAD_BACKUP])] },
  'VeleroValidation.validateObjects.manifests': { base: v([BACKUP]), alts: [v([BAD_BACKUP])] },
  'VeleroValidation.validateFiles.files': { base: () => [yamlFile('good.yaml', BACKUP)], alts: [() => [yamlFile('bad.yaml', BAD_BACKUP)]] },
};

/** Fields added to a struct's minimal value (its required fields), where that alone is not a useful base. */
export const STRUCT_BASE: { readonly [struct: string]: Make } = {
  // Staggering simulates a year of runs per rule (about 100 ms a synth under jest): off, except where `stagger` is the case.
  KymaBackupPlanProps: v({ stagger: false }),
  // A workload hook without commands writes nothing to compare.
  WorkloadHookOptions: v({ pre: [{ command: ['sync'] }] }),
  // A remapping that maps nothing writes nothing to compare.
  KymaRestoreRemappingProps: v({ storageClasses: { 'fuzz-a': 'fuzz-b' } }),
};

/**
 * Parameters and fields that legitimately cannot change the output, with the
 * reason: keys as in OVERRIDES, or an entry point and path as the summary
 * prints them (`KymaBackupPlan.daily35DayRetention props.stagger`).
 */
export const NO_CHANGE: { readonly [key: string]: string } = {
  '*.scope': 'the parent in the construct tree: moves the construct, not its YAML',
  '*.id': 'the construct id: its path, not its YAML (the objects are named by props)',
  'VeleroValidation.new.properties': 'the cdk8s CLI passes the entry\'s properties from cdk8s.yaml; there are none to set',
  'VeleroValidation.addTo.scope': 'one validation per app: any construct of the app gives the same',
  'KymaBackupRuleOptions.allowRetentionGap': 'only silences the retention-gap check',
  'KymaBackupScheduleProps.allowRetentionGap': 'only silences the retention-gap check',
  'KymaBackupScheduleProps.retentionCheckYear': 'only the year the retention-gap check simulates',
  'KymaBackupPlanProps.retentionCheckYear': 'the simulated year: the rules\' longest intervals (ttls from keep, alerts) are the same in every year',
  'KymaBackupPlan.daily35DayRetention props.stagger': 'one rule: nothing to stagger',
  // A plan's ttl is for rules that keep no count and set no ttl; the presets' rules all keep one, so a ttl alone
  // is refused (a ttl no rule uses would be dropped; test/totality.test.ts), and a rule of the caller's would be needed.
  'KymaBackupPlan.daily35DayRetention props.ttl': 'refused: every rule of the preset keeps a count',
  'KymaBackupPlan.dailyWeeklyMonthly1YearRetention props.ttl': 'refused: every rule of the preset keeps a count',
  'KymaBackupPlan.dailyWeeklyMonthly5YearRetention props.ttl': 'refused: every rule of the preset keeps a count',
  'KymaRepositoryPasswordProps.secret': 'the construct writes nothing: it references the Secret, whose name, namespace and key it checks',
  'KymaRepositoryPasswordProps.namespace': 'the construct writes nothing: the namespace is only where it checks the Secret',
  'VeleroProblem.file': 'format() writes resource, field, value and message; the file is data for callers',
  'VeleroProblem.kind': 'format() writes the message, which carries the kind\'s note',
  'KymaRestorePlanProps.remapping': 'names the remapping the restore counts on, to check its namespace; Velero finds it by its labels',
};

/** Strings where a token (`Lazy`) is no valid value, with the reason (elsewhere a token is a string resolved at synth). */
export const NO_TOKENS: { readonly [key: string]: string } = {
  '*.id': 'a construct id is read when the construct is made; a token is no id',
};

/**
 * Parameters where a value may leave nowhere to report in (a `scope` that is
 * no construct, a plugin context without a report): there, a plain `Error`
 * that names the parameter is an answer too (never a TypeError).
 */
export const UNREPORTABLE: { readonly [key: string]: string } = {
  '*.scope': 'a scope that is no construct has no app whose synth could report it',
  'VeleroValidation.validate.context': 'typed any; a context that is not the cdk8s CLI\'s has no report to add a violation to',
};

/** An instance to call the methods of each class on (by the fqn of the class that declares them). */
export const RECEIVERS: { readonly [fqn: string]: (ctx: Ctx) => unknown } = {
  'cdk8s-kyma-backup.KymaBackupScopeConstruct': ctx => new lib.KymaUserBackup(ctx.chart, 'R'),
  'cdk8s-kyma-backup.KymaBackupPlan': ctx => new lib.KymaBackupPlan(ctx.chart, 'R', { rules: [lib.KymaBackupRule.daily()], stagger: false }),
  'cdk8s-kyma-backup.KymaBackupSchedule': ctx => new lib.KymaBackupSchedule(ctx.chart, 'R'),
  'cdk8s-kyma-backup.BackupNamespaces': () => lib.BackupNamespaces.named('fuzz-r'),
  'cdk8s-kyma-backup.VeleroValidation': () => new lib.VeleroValidation(),
  'cdk8s-kyma-backup.KymaResourcePolicy': ctx => new lib.KymaResourcePolicy(ctx.chart, 'R'),
  'cdk8s-kyma-backup.VolumePolicy': () => lib.VolumePolicy.skip(),
  'cdk8s-kyma-backup.KymaRestorePlan': ctx => new lib.KymaRestorePlan(ctx.chart, 'R'),
  'cdk8s-kyma-backup.NamespaceMapping': () => lib.NamespaceMapping.of({ 'fuzz-r': 'fuzz-r-new' }),
};

/** Marks a returned type whose value is data: recorded as JSON, nothing to build. */
export const RECORD = 'record';

/**
 * How a value an entry point returns reaches the output, by the fqn of its
 * type. Constructs need none (they are in the tree); returned data is always
 * recorded as well.
 */
export const CONSUMERS: { readonly [fqn: string]: ((ctx: Ctx, value: any) => unknown) | typeof RECORD } = {
  'cdk8s-kyma-backup.BackupNamespaces': (ctx, value) => new lib.KymaUserBackup(ctx.chart, 'C', { excludedNamespaces: value }),
  'cdk8s-kyma-backup.BackupSchedule': (ctx, value) => new lib.KymaBackupSchedule(ctx.chart, 'C', { schedule: value, allowRetentionGap: true }),
  // The plan's ttl outlasts a month, for rules that keep no count; no staggering (see STRUCT_BASE).
  // The plan's ttl only for a rule that keeps no count and has no ttl (the plan refuses a ttl no rule uses).
  'cdk8s-kyma-backup.KymaBackupRule': (ctx, value) => new lib.KymaBackupPlan(ctx.chart, 'C', {
    rules: [value], stagger: false, ...value.keep === undefined && value.ttl === undefined ? { ttl: Duration.hours(800) } : {},
  }),
  'cdk8s-kyma-backup.LabelExpression': (ctx, value) =>
    new lib.KymaSystemBackup(ctx.chart, 'C', { labelSelector: lib.LabelSelector.of({ expressions: [value] }) }),
  'cdk8s-kyma-backup.LabelSelector': (ctx, value) => new lib.KymaSystemBackup(ctx.chart, 'C', { labelSelector: value }),
  'cdk8s-kyma-backup.LocationCredential': (ctx, value) =>
    new lib.KymaBackupStorageLocation(ctx.chart, 'C', { provider: 'aws', bucket: 'fuzz-bucket', credential: value }),
  'cdk8s-kyma-backup.VolumePolicy': (ctx, value) => new lib.KymaResourcePolicy(ctx.chart, 'C', { volumePolicies: [value] }),
  'cdk8s-kyma-backup.ResourceFilter': (ctx, value) => new lib.KymaSystemBackup(ctx.chart, 'C', { resources: value }),
  'cdk8s-kyma-backup.RestoreHook': (ctx, value) => new lib.KymaRestorePlan(ctx.chart, 'C', { hooks: [value] }),
  'cdk8s-kyma-backup.JsonPatch': (ctx, value) => new lib.KymaRestorePlan(ctx.chart, 'C')
    .addResourceModifier(lib.ResourceModifierRule.jsonPatch({ groupResource: 'deployments.apps' }, [value])),
  'cdk8s-kyma-backup.ResourceModifierRule': (ctx, value) => new lib.KymaRestorePlan(ctx.chart, 'C').addResourceModifier(value),
  'cdk8s-kyma-backup.NamespaceMapping': (ctx, value) => new lib.KymaRestorePlan(ctx.chart, 'C', { mappedNamespaces: value }),
  'cdk8s-kyma-backup.WorkloadHookOptions': (ctx, value) => new lib.KymaUserBackup(ctx.chart, 'C').addHookFor(deployments(ctx)[0], value),
  // Presets only (static methods): its instance has nothing to use.
  'cdk8s-kyma-backup.WorkloadHooks': () => undefined,
  'cdk8s-kyma-backup.VeleroValidation': (ctx, value) => value.validate(pluginContext(ctx, [BACKUP])),
  'cdk8s-kyma-backup.PlanTimeline': RECORD,
  'cdk8s-kyma-backup.KymaOnDemandBackups': RECORD,
  'cdk8s-kyma-backup.VeleroProblem': RECORD,
};

/** What a construct needs to synthesize on its own once built (by fqn). */
export const COMPLETERS: { readonly [fqn: string]: (construct: any) => void } = {
  // A plan without rules is refused; the props' rules (or presets') are the case, the daily rule only the filler.
  'cdk8s-kyma-backup.KymaBackupPlan': plan => {
    if (plan.rules.length > 0) return;
    plan.addRule(lib.KymaBackupRule.daily());
    plan.addRule(lib.KymaBackupRule.weekly());
  },
};
