// fast-check generators of backup settings, shared by the property tests and
// the conformance corpus.
import { Duration } from 'cdk8s';
import * as fc from 'fast-check';
import {
  BackupNamespaces, BackupSchedule, KymaBackupRule, ExistingResourcePolicy, KymaBackupProps, KymaBackupScheduleProps, KymaRestorePlanProps,
  LabelExpression, LabelSelector, ResourceFilter, RestoreOrder,
} from '../src';

const dnsLabel = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,14}[a-z0-9])?$/);
const namespace = dnsLabel.filter(ns => ns !== 'kyma-backup');
const resource = fc.stringMatching(/^[a-z]{1,12}(\.[a-z]{1,8}){0,2}$/);
const labelKeyPrefix = fc.option(fc.stringMatching(/^[a-z]{1,8}\.(io|com)$/), { nil: undefined });
const labelKeyName = fc.stringMatching(/^[A-Za-z0-9]([-A-Za-z0-9_.]{0,10}[A-Za-z0-9])?$/);
const labelKey = fc.tuple(labelKeyPrefix, labelKeyName).map(([prefix, name]) => prefix ? `${prefix}/${name}` : name);
const labelValue = fc.stringMatching(/^([A-Za-z0-9]([-A-Za-z0-9_.]{0,10}[A-Za-z0-9])?)?$/);

const selector: fc.Arbitrary<LabelSelector> = fc.record({
  labels: fc.dictionary(labelKey, labelValue, { maxKeys: 3 }),
  expressions: fc.array(fc.oneof(
    fc.tuple(labelKey, fc.constantFrom('in', 'notIn'), fc.array(labelValue, { minLength: 1, maxLength: 3 }))
      .map(([key, op, values]) => op === 'in' ? LabelExpression.in(key, values) : LabelExpression.notIn(key, values)),
    fc.tuple(labelKey, fc.boolean()).map(([key, exists]) => exists ? LabelExpression.exists(key) : LabelExpression.doesNotExist(key)),
  ), { maxLength: 3 }),
}, { requiredKeys: [] }).map(options => LabelSelector.of(options));

/** One cron field, built from the forms robfig accepts. */
const cronField = (min: number, max: number) => fc.oneof(
  fc.constant('*'),
  fc.integer({ min, max }).map(String),
  fc.tuple(fc.integer({ min, max }), fc.integer({ min, max })).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
  fc.integer({ min: 1, max: max + 1 }).map(step => `*/${step}`),
  fc.uniqueArray(fc.integer({ min, max }), { minLength: 2, maxLength: 4 }).map(list => list.join(',')),
);
// Days up to 28 exist in every month, so each generated schedule runs.
const cron = fc.tuple(cronField(0, 59), cronField(0, 23), cronField(1, 28), cronField(1, 12), cronField(0, 6)).map(f => f.join(' '));
export const scheduleExpression = fc.oneof(
  cron,
  fc.constantFrom('@yearly', '@monthly', '@weekly', '@daily', '@hourly'),
  fc.integer({ min: 1, max: 48 }).map(h => `@every ${h}h`),
);

/** The three forms of BackupSchedule: a raw string, cron fields in a zone, a fixed interval. */
export const backupSchedule: fc.Arbitrary<BackupSchedule> = fc.oneof(
  scheduleExpression.map(expression => BackupSchedule.expression(expression)),
  fc.record({
    minute: cronField(0, 59),
    hour: cronField(0, 23),
    day: cronField(1, 28),
    month: cronField(1, 12),
    weekDay: cronField(0, 6),
    timeZone: fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe'),
  }, { requiredKeys: [] }).map(options => BackupSchedule.cron(options)),
  fc.integer({ min: 1, max: 72 * 60 }).map(m => BackupSchedule.every(Duration.minutes(m))),
);

const ruleZone = fc.constantFrom(undefined, 'UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata');
const ruleTime = fc.record({
  keep: fc.integer({ min: 1, max: 40 }),
  hour: fc.integer({ min: 0, max: 23 }).map(String),
  minute: fc.option(fc.integer({ min: 0, max: 59 }).map(String), { nil: undefined }),
  timeZone: ruleZone,
}, { requiredKeys: ['keep'] });
/** One rule of a backup plan: a preset or a custom rule (names are set by `planRules`). */
const planRule: fc.Arbitrary<(name: string) => KymaBackupRule> = fc.oneof(
  ruleTime.map(options => (name: string) => KymaBackupRule.daily({ ...options, name })),
  fc.tuple(ruleTime, fc.constantFrom('SUN', 'MON', '6')).map(([options, weekDay]) => (name: string) => KymaBackupRule.weekly({ ...options, weekDay, name })),
  fc.tuple(ruleTime, fc.integer({ min: 1, max: 28 }).map(String))
    .map(([options, day]) => (name: string) => KymaBackupRule.monthly({ ...options, day, name })),
  fc.tuple(backupSchedule, fc.option(fc.integer({ min: 1, max: 2000 }), { nil: undefined }), fc.integer({ min: 1, max: 10 }))
    .map(([schedule, ttlHours, keep]) => (name: string) => KymaBackupRule.custom({
      name, schedule, ...(ttlHours !== undefined ? { ttl: Duration.hours(ttlHours) } : { keep }),
    })),
);
/** The rules of a plan, with names of their own. */
export const planRules: fc.Arbitrary<KymaBackupRule[]> = fc.uniqueArray(dnsLabel.filter(n => n.length <= 12), { minLength: 1, maxLength: 4 })
  .chain(names => fc.tuple(...names.map(() => planRule)).map(makers => makers.map((make, i) => make(names[i]))));

const systemNamespaceLists = fc.uniqueArray(namespace, { minLength: 1, maxLength: 6 });
export const validProps: fc.Arbitrary<KymaBackupScheduleProps> = systemNamespaceLists.chain(systemNamespaces => fc.record({
  systemNamespaces: fc.constant(BackupNamespaces.named(...systemNamespaces)),
  excludedNamespaces: fc.uniqueArray(namespace.filter(ns => !systemNamespaces.includes(ns)), { maxLength: 3 })
    .map(names => BackupNamespaces.named(...names)),
  ttl: fc.integer({ min: 0, max: 90 * 24 }).map(h => Duration.hours(h)),
  storageLocation: dnsLabel,
  volumeSnapshotLocations: fc.uniqueArray(dnsLabel, { maxLength: 2 }),
  resources: fc.uniqueArray(resource.filter(r => r !== 'pods'), { maxLength: 3 }).map(exclude => ResourceFilter.legacy({ exclude })),
  labelSelector: selector,
  backupLabels: fc.dictionary(labelKey, labelValue, { maxKeys: 2 }),
  schedule: backupSchedule,
  paused: fc.boolean(),
  // Random ttls and cadences leave retention gaps; the gap check has its own properties.
  allowRetentionGap: fc.constant(true),
}, { requiredKeys: ['systemNamespaces', 'allowRetentionGap'] }));

/** The scope props of schedule props: what a KymaSystemBackup or KymaUserBackup takes. */
export function backupPropsOf(props: KymaBackupScheduleProps): KymaBackupProps {
  const { schedule: _s, paused: _p, allowRetentionGap: _a, ...scope } = props;
  return scope;
}

// One invalid setting and the field its error must name.
const mutations: Array<fc.Arbitrary<[Partial<KymaBackupScheduleProps>, string]>> = [
  fc.stringMatching(/^[A-Z_][A-Za-z_]{0,8}$/).map(ns => [{ excludedNamespaces: BackupNamespaces.named(ns) }, 'spec.template.excludedNamespaces[']),
  fc.constant<[Partial<KymaBackupScheduleProps>, string]>([{ excludedNamespaces: BackupNamespaces.named('*') }, 'spec.template.excludedNamespaces[']),
  fc.constant<[Partial<KymaBackupScheduleProps>, string]>([{ resources: ResourceFilter.legacy({ exclude: ['*'] }) }, 'spec.template.excludedResources[']),
  fc.constant<[Partial<KymaBackupScheduleProps>, string]>([
    { resources: ResourceFilter.scoped({ namespaced: { exclude: ['*', 'pods'] } }) }, 'spec.template.excludedNamespaceScopedResources',
  ]),
  fc.integer({ min: 60, max: 999 }).map(m => [{ schedule: BackupSchedule.expression(`${m} * * * *`) }, 'spec.schedule']),
  fc.integer({ min: 7, max: 99 }).map(d => [{ schedule: BackupSchedule.cron({ weekDay: String(d) }) }, 'spec.schedule']),
  fc.stringMatching(/^[A-Z][a-z]{2,8}\/[A-Z][a-z]{2,8}x$/).map(zone => [{ schedule: BackupSchedule.cron({ hour: '1', timeZone: zone }) }, 'spec.schedule']),
  fc.stringMatching(/^[a-z]{1,5} [a-z]{1,5}$/).map(key => [{ labelSelector: LabelSelector.of({ labels: { [key]: 'v' } }) }, 'spec.template.labelSelector.matchLabels']),
  fc.stringMatching(/^[A-Z ]{1,10}$/).map(name => [{ storageLocation: name }, 'spec.template.storageLocation']),
  fc.stringMatching(/^[a-z]{64,70}$/).map(name => [{ systemName: name }, 'metadata.name']),
];

export const invalidSetting = fc.oneof(...mutations);

// Raw inputs that mix valid and invalid forms, for the conformance corpus:
// each is judged by us and by Velero's own code, and the verdicts must agree.

const goDurationText = fc.oneof(
  fc.constantFrom('24h0m0s', '1h30m', '0', '1.5h', '-1h', '+5m', '.5s', '1.s', '300ms', '2µs', '1us', '90m', '720h'),
  fc.constantFrom('30d', '10', '', ' 1h', '1h ', '1e3s', 'h', '1H', '-', '1h-30m', '9999999999h'),
  fc.tuple(fc.integer({ min: -50, max: 500 }), fc.constantFrom('h', 'm', 's', 'ms', 'x', '')).map(([n, u]) => `${n}${u}`),
);

const cronToken = (max: number) => fc.oneof(
  fc.constantFrom('*', '?', 'jan', 'Dec', 'mon', 'SUN', 'foo', 'L', '1#2', '15W', '', '+3', '-1'),
  fc.integer({ min: 0, max: max + 3 }).map(String),
);
const cronPart = (max: number) => fc.oneof(
  cronToken(max),
  fc.tuple(cronToken(max), cronToken(max)).map(([a, b]) => `${a}-${b}`),
  fc.tuple(cronToken(max), fc.integer({ min: -1, max: max + 2 })).map(([a, s]) => `${a}/${s}`),
);
const cronFieldText = (max: number) => fc.array(cronPart(max), { minLength: 1, maxLength: 3 }).map(parts => parts.join(','));

/** Schedule strings from a grammar wider than robfig's: most valid, many not. */
export const rawScheduleText = fc.tuple(
  fc.constantFrom('', '', '', 'CRON_TZ=UTC ', 'TZ=Europe/Berlin ', 'CRON_TZ=Mars/Olympus ', 'CRON_TZ=europe/berlin ', 'CRON_TZ=Local ', 'CRON_TZ=US/Pacific'),
  fc.oneof(
    { weight: 6, arbitrary: fc.tuple(cronFieldText(59), cronFieldText(23), cronFieldText(31), cronFieldText(12), cronFieldText(6)).map(f => f.join(' ')) },
    { weight: 1, arbitrary: fc.array(cronFieldText(12), { minLength: 3, maxLength: 7 }).map(f => f.join(' ')) },
    { weight: 1, arbitrary: fc.constantFrom('@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly', '@reboot', '@Daily', '@every') },
    { weight: 2, arbitrary: goDurationText.map(d => `@every ${d}`) },
  ),
).map(([prefix, body]) => prefix + body);

const namespaceText = fc.oneof(
  fc.constantFrom('*', '', 'kyma-system', 'default', 'kyma-backup', 'Kyma', 'kyma_x', 'kyma-*', 'k?', 'k[ab]', 'k[]', 'k[', 'k]',
    'k**', '{a,b}', '!a', 'a.b', '-a', 'a-', 'a'.repeat(63), 'a'.repeat(64), '*-system', 'a|b', 'a,b'),
  fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,6}[a-z0-9])?$/),
);
const resourceText = fc.constantFrom('*', 'pods', 'secrets', 'deployments.apps', 'configmaps', 'nodes', 'storageclasses', 'events');
const labelKeyText = fc.oneof(labelKey, fc.constantFrom('', 'a b', 'Example.com/a', 'a/b/c', '/a', 'a/', 'x'.repeat(64), 'ok.io/' + 'y'.repeat(63)));
const labelValueText = fc.oneof(labelValue, fc.constantFrom('a b', '-a', 'a-', 'x'.repeat(64), 'x'.repeat(63)));
const selectorText = fc.record({
  matchLabels: fc.dictionary(labelKeyText, labelValueText, { maxKeys: 2 }),
  matchExpressions: fc.array(fc.record({
    key: labelKeyText,
    operator: fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist', 'Equals'),
    values: fc.array(labelValueText, { maxLength: 2 }),
  }, { requiredKeys: ['key', 'operator'] }), { maxLength: 2 }),
}, { requiredKeys: [] });
const objectNameText = fc.constantFrom('default', '', 'aws-eu-1', 'Bad Name', 'a.b', 'a_b', 'x'.repeat(254));
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });
/** Sometimes a JSON null, which the CRD takes for some fields and refuses for others. */
const orNull = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 9, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(null) });

/** Raw Velero BackupSpecs (as an escape hatch or another tool could write them). */
export const rawBackupSpec: fc.Arbitrary<any> = fc.record({
  includedNamespaces: optional(orNull(fc.array(namespaceText, { maxLength: 3 }))),
  excludedNamespaces: optional(fc.array(namespaceText, { maxLength: 3 })),
  includedResources: optional(fc.array(resourceText, { maxLength: 3 })),
  excludedResources: optional(fc.array(resourceText, { maxLength: 3 })),
  includeClusterResources: optional(orNull(fc.boolean())),
  includedClusterScopedResources: fc.option(fc.array(resourceText, { maxLength: 2 }), { nil: undefined, freq: 4 }),
  excludedClusterScopedResources: fc.option(fc.array(resourceText, { maxLength: 2 }), { nil: undefined, freq: 4 }),
  includedNamespaceScopedResources: fc.option(fc.array(resourceText, { maxLength: 2 }), { nil: undefined, freq: 4 }),
  excludedNamespaceScopedResources: fc.option(fc.array(resourceText, { maxLength: 2 }), { nil: undefined, freq: 4 }),
  labelSelector: fc.option(orNull(selectorText), { nil: undefined, freq: 3 }),
  orLabelSelectors: fc.option(fc.array(selectorText, { maxLength: 2 }), { nil: undefined, freq: 5 }),
  ttl: optional(orNull(goDurationText)),
  csiSnapshotTimeout: fc.option(goDurationText, { nil: undefined, freq: 5 }),
  storageLocation: optional(orNull(objectNameText)),
  volumeSnapshotLocations: optional(fc.array(objectNameText, { maxLength: 2 })),
  resourcePolicy: fc.option(fc.record({ kind: fc.constantFrom('configmap', 'ConfigMap', 'secret'), name: objectNameText }), { nil: undefined, freq: 5 }),
  uploaderConfig: fc.option(fc.record({ parallelFilesUpload: fc.integer({ min: -2, max: 8 }) }), { nil: undefined, freq: 5 }),
  hooks: fc.option(fc.record({
    resources: fc.array(fc.record({
      name: fc.constantFrom('h', 'freeze'),
      labelSelector: fc.option(selectorText, { nil: undefined }),
      pre: fc.array(fc.record({
        exec: fc.record({
          command: fc.array(fc.constantFrom('sync', '/bin/true'), { maxLength: 2 }),
          onError: fc.option(fc.constantFrom('Continue', 'Fail'), { nil: undefined }),
          timeout: fc.option(goDurationText, { nil: undefined }),
        }, { requiredKeys: ['command'] }),
      }), { maxLength: 1 }),
    }, { requiredKeys: ['name'] }), { minLength: 1, maxLength: 1 }),
  }), { nil: undefined, freq: 5 }),
  metadata: fc.option(fc.record({ labels: fc.dictionary(labelKeyText, labelValueText, { maxKeys: 2 }) }), { nil: undefined, freq: 5 }),
}, { requiredKeys: [] }).map(spec => JSON.parse(JSON.stringify(spec)));

/** Raw BackupSpecs built from valid parts only: the accepting side of the corpus. */
export const validRawBackupSpec: fc.Arbitrary<any> = fc.record({
  includedNamespaces: fc.oneof(fc.constant(['*']), fc.uniqueArray(fc.oneof(namespace, fc.constantFrom('kyma-*', 'k?', 'k[ab]')), { minLength: 1, maxLength: 3 })),
  excludedNamespaces: fc.uniqueArray(fc.constantFrom('kyma-backup', 'tmp-*', 'ci-[0-9]'), { maxLength: 2 }),
  includedResources: fc.constant(['*']),
  excludedResources: fc.uniqueArray(fc.constantFrom('pods', 'events', 'secrets'), { maxLength: 2 }),
  includeClusterResources: optional(fc.boolean()),
  // Raw specs hold JSON, as users of the generated classes write it (an object of ours would be dropped).
  labelSelector: optional(selector.map(s => s._toVelero())),
  ttl: optional(fc.integer({ min: 0, max: 10_000 }).map(m => `${m}m`)),
  storageLocation: optional(dnsLabel),
  volumeSnapshotLocations: optional(fc.uniqueArray(dnsLabel, { maxLength: 2 })),
  metadata: optional(fc.record({ labels: fc.dictionary(labelKey, labelValue, { maxKeys: 2 }) })),
}, { requiredKeys: ['includedNamespaces'] })
  // Velero refuses a namespace both included and excluded; keep them apart.
  .map(spec => ({
    ...spec,
    excludedNamespaces: spec.excludedNamespaces?.filter((ns: string) => !(spec.includedNamespaces as string[]).includes(ns)),
  }))
  .map(spec => JSON.parse(JSON.stringify(spec)));

/** One JSON patch to a hand-written Backup spec: [operation, path under the spec, value], valid or not. */
export const rawPatch: fc.Arbitrary<['add' | 'remove', string, unknown]> = fc.oneof(
  fc.tuple(fc.constant<'add'>('add'), fc.constant('/ttl'), fc.oneof(goDurationText, fc.constant(null), fc.integer())),
  fc.tuple(fc.constant<'add'>('add'), fc.constant('/includedNamespaces'), fc.array(namespaceText, { maxLength: 2 })),
  fc.tuple(fc.constant<'add'>('add'), fc.constant('/excludedNamespaces'), fc.array(namespaceText, { maxLength: 2 })),
  fc.tuple(fc.constant<'add'>('add'), fc.constant('/storageLocation'), fc.oneof(objectNameText, fc.constant(7))),
  fc.tuple(fc.constant<'add'>('add'), fc.constant('/snapshotVolumes'), fc.oneof(fc.boolean(), fc.constant('yes'))),
  fc.tuple(fc.constant<'add'>('add'), fc.constant('/itemOperationTimeout'), goDurationText),
  fc.tuple(fc.constant<'add'>('add'), fc.constant('/labelSelector'), selectorText),
  fc.tuple(fc.constant<'add'>('add'), fc.constant('/uploaderConfig'), fc.record({ parallelFilesUpload: fc.oneof(fc.integer({ min: -2, max: 8 }), fc.constant(1.5)) })),
  fc.tuple(fc.constant<'add'>('add'), fc.constant('/volumeSnapshotLocations'), fc.array(objectNameText, { maxLength: 2 })),
  fc.tuple(fc.constant<'remove'>('remove'), fc.constant('/includedNamespaces'), fc.constant(undefined)),
);

const restoreResourceText = fc.constantFrom('*', 'pods', 'secrets', 'deployments.apps', 'configmaps', 'nodes', 'events', 'events.events.k8s.io',
  'backups.velero.io', 'restores.velero.io', 'Nodes', 'customresourcedefinitions.apiextensions.k8s.io', 'volumeattachments.storage.k8s.io');
const initContainerText = fc.oneof(
  fc.record({ name: fc.constantFrom('init', ''), image: fc.constantFrom('busybox', ''), command: fc.array(fc.constantFrom('sh', '-c', 'true'), { maxLength: 2 }) },
    { requiredKeys: [] }),
  fc.constant({ NAME: 'i', Image: 'busybox', COMMAND: ['true'] }),
);

/** Raw Velero RestoreSpecs: sources, filters, selectors, policies and hooks, valid or not. */
export const rawRestoreSpec: fc.Arbitrary<any> = fc.record({
  backupName: optional(fc.constantFrom('kyma-backup-20261127010000', '', 'Bad_Name', 'x'.repeat(254))),
  scheduleName: optional(fc.constantFrom('kyma-backup', '', 'My_Schedule', 's'.repeat(64), 'bad name')),
  includedNamespaces: optional(fc.array(namespaceText, { maxLength: 3 })),
  excludedNamespaces: optional(fc.array(namespaceText, { maxLength: 2 })),
  includedResources: optional(fc.array(restoreResourceText, { maxLength: 3 })),
  excludedResources: optional(fc.array(restoreResourceText, { maxLength: 2 })),
  includeClusterResources: optional(orNull(fc.boolean())),
  restorePVs: optional(orNull(fc.boolean())),
  labelSelector: fc.option(selectorText, { nil: undefined, freq: 4 }),
  orLabelSelectors: fc.option(fc.array(selectorText, { maxLength: 2 }), { nil: undefined, freq: 5 }),
  existingResourcePolicy: fc.option(fc.constantFrom('none', 'update', 'Update', 'replace', ''), { nil: undefined, freq: 3 }),
  itemOperationTimeout: fc.option(goDurationText, { nil: undefined, freq: 4 }),
  namespaceMapping: fc.option(fc.dictionary(fc.constantFrom('a', 'b'), fc.constantFrom('a-new', 'B_x')), { nil: undefined, freq: 5 }),
  resourceModifier: fc.option(fc.record({ kind: fc.constantFrom('ConfigMap', 'configmap', 'secret'), name: objectNameText }), { nil: undefined, freq: 5 }),
  uploaderConfig: fc.option(
    fc.record({ writeSparseFiles: fc.boolean(), parallelFilesDownload: fc.integer({ min: -1, max: 8 }) }, { requiredKeys: [] }),
    { nil: undefined, freq: 5 }),
  hooks: fc.option(fc.record({
    resources: fc.array(fc.record({
      name: fc.constantFrom('h', 'warm'),
      labelSelector: fc.option(selectorText, { nil: undefined }),
      postHooks: fc.array(fc.oneof(
        fc.record({
          exec: fc.record({
            command: fc.array(fc.constantFrom('sync', '/bin/true'), { minLength: 1, maxLength: 2 }),
            onError: fc.option(fc.constantFrom('Continue', 'Fail'), { nil: undefined }),
            execTimeout: fc.option(goDurationText, { nil: undefined }),
            waitTimeout: fc.option(goDurationText, { nil: undefined }),
          }, { requiredKeys: ['command'] }),
        }),
        fc.record({
          init: fc.record({ initContainers: fc.array(initContainerText, { maxLength: 2 }), timeout: fc.option(goDurationText, { nil: undefined }) },
            { requiredKeys: ['initContainers'] }),
        }),
      ), { maxLength: 2 }),
    }, { requiredKeys: ['name'] }), { minLength: 1, maxLength: 1 }),
  }), { nil: undefined, freq: 4 }),
}, { requiredKeys: [] });

/** Raw BackupStorageLocation and VolumeSnapshotLocation specs. */
export const rawLocation: fc.Arbitrary<{ kind: string; spec: any }> = fc.oneof(
  fc.record({
    kind: fc.constant('BackupStorageLocation'),
    spec: fc.record({
      provider: fc.constantFrom('aws', 'velero.io/aws', '', 'a/b/c', '/aws', 'Example.io/x'),
      objectStorage: fc.record({
        bucket: fc.constantFrom('kyma-backups', '', '/backups/', 'b/backups'),
        prefix: fc.option(fc.constantFrom('cluster-a', 'a/b'), { nil: undefined }),
        caCert: fc.option(fc.constantFrom('LS0tLS1CRUdJTg==', 'not base64!'), { nil: undefined, freq: 4 }),
        caCertRef: fc.option(fc.record({ name: fc.constantFrom('ca', ''), key: fc.constantFrom('ca.crt', 'bad key') }), { nil: undefined, freq: 4 }),
      }, { requiredKeys: ['bucket'] }),
      credential: fc.option(fc.record({ name: fc.constantFrom('cloud-credentials', '', 'Bad_Name'), key: fc.constantFrom('cloud', '..x', 'a/b') }), { nil: undefined }),
      default: fc.option(fc.boolean(), { nil: undefined }),
      accessMode: fc.option(fc.constantFrom('ReadWrite', 'ReadOnly', 'WriteOnly'), { nil: undefined, freq: 3 }),
      backupSyncPeriod: fc.option(goDurationText, { nil: undefined, freq: 3 }),
      config: fc.option(fc.dictionary(fc.constantFrom('region', 's3Url'), fc.constantFrom('eu-central-1', 'http://127.0.0.1:9000')), { nil: undefined }),
      bucket: fc.option(fc.constant('misplaced'), { nil: undefined, freq: 8 }),
    }, { requiredKeys: ['provider', 'objectStorage'] }),
  }),
  fc.record({
    kind: fc.constant('VolumeSnapshotLocation'),
    spec: fc.record({
      provider: fc.constantFrom('aws', '', 'a/b/c'),
      config: fc.option(fc.dictionary(fc.constantFrom('region'), fc.constantFrom('eu-central-1')), { nil: undefined }),
      credential: fc.option(fc.record({ name: fc.constantFrom('cloud-credentials', ''), key: fc.constantFrom('cloud', '..x') }), { nil: undefined }),
    }, { requiredKeys: ['provider'] }),
  }),
);

/** KymaRestorePlan props: sources, order and filters. */
export const restorePlanProps: fc.Arbitrary<KymaRestorePlanProps> = fc.record({
  restorePoint: fc.option(fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T23:59:59Z'), noInvalidDate: true }), { nil: undefined }),
  order: fc.option(fc.constantFrom(RestoreOrder.SYSTEM_THEN_USER, RestoreOrder.CRDS_FIRST), { nil: undefined }),
  excludedNamespaces: fc.option(fc.array(namespaceText, { maxLength: 2 }), { nil: undefined }),
  excludedResources: fc.option(fc.array(restoreResourceText, { maxLength: 2 }), { nil: undefined }),
  includeClusterResources: fc.option(fc.boolean(), { nil: undefined }),
  existingResourcePolicy: fc.option(fc.constantFrom(ExistingResourcePolicy.NONE, ExistingResourcePolicy.UPDATE, 'replace' as ExistingResourcePolicy), { nil: undefined }),
  namespaceMapping: fc.option(fc.dictionary(fc.constantFrom('a', 'b'), fc.constantFrom('a-new')), { nil: undefined }),
  labelSelector: fc.option(selector, { nil: undefined }),
}, { requiredKeys: [] });
