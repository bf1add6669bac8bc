// Property-based tests: random valid scopes synthesize, unchanged, to manifests
// the strict CRD schema accepts; one invalid setting added to a valid scope
// fails the synth with a message naming that setting's field.
import { Duration } from 'cdk8s';
import * as fc from 'fast-check';
import { KymaBackupSchedule, KymaBackupScheduleProps, KymaSystemBackup, KymaUserBackup, LabelSelector, LabelSelectorOperator } from '../src';
import { find, newChart, synthErrors, synthValid } from './helpers';
import { checkSchedule } from '../src/validation/cron';

const RUNS = 150;

const dnsLabel = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,14}[a-z0-9])?$/);
const namespace = dnsLabel.filter(ns => ns !== 'kyma-backup');
const resource = fc.stringMatching(/^[a-z]{1,12}(\.[a-z]{1,8}){0,2}$/);
const labelKeyPrefix = fc.option(fc.stringMatching(/^[a-z]{1,8}\.(io|com)$/), { nil: undefined });
const labelKeyName = fc.stringMatching(/^[A-Za-z0-9]([-A-Za-z0-9_.]{0,10}[A-Za-z0-9])?$/);
const labelKey = fc.tuple(labelKeyPrefix, labelKeyName).map(([prefix, name]) => prefix ? `${prefix}/${name}` : name);
const labelValue = fc.stringMatching(/^([A-Za-z0-9]([-A-Za-z0-9_.]{0,10}[A-Za-z0-9])?)?$/);

const selector: fc.Arbitrary<LabelSelector> = fc.record({
  matchLabels: fc.dictionary(labelKey, labelValue, { maxKeys: 3 }),
  matchExpressions: fc.array(fc.oneof(
    fc.record({
      key: labelKey,
      operator: fc.constantFrom(LabelSelectorOperator.IN, LabelSelectorOperator.NOT_IN),
      values: fc.array(labelValue, { minLength: 1, maxLength: 3 }),
    }),
    fc.record({ key: labelKey, operator: fc.constantFrom(LabelSelectorOperator.EXISTS, LabelSelectorOperator.DOES_NOT_EXIST) }),
  ), { maxLength: 3 }),
}, { requiredKeys: [] });

/** One cron field, built from the forms robfig accepts. */
const cronField = (min: number, max: number) => fc.oneof(
  fc.constant('*'),
  fc.integer({ min, max }).map(String),
  fc.tuple(fc.integer({ min, max }), fc.integer({ min, max })).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
  fc.integer({ min: 1, max: max + 1 }).map(step => `*/${step}`),
  fc.uniqueArray(fc.integer({ min, max }), { minLength: 2, maxLength: 4 }).map(list => list.join(',')),
);
const cron = fc.tuple(cronField(0, 59), cronField(0, 23), cronField(1, 31), cronField(1, 12), cronField(0, 6)).map(f => f.join(' '));
const scheduleExpression = fc.oneof(
  cron,
  fc.constantFrom('@yearly', '@monthly', '@weekly', '@daily', '@hourly'),
  fc.integer({ min: 1, max: 48 }).map(h => `@every ${h}h`),
);

const systemNamespaceLists = fc.uniqueArray(namespace, { minLength: 1, maxLength: 6 });
const validProps: fc.Arbitrary<KymaBackupScheduleProps> = systemNamespaceLists.chain(systemNamespaces => fc.record({
  systemNamespaces: fc.constant(systemNamespaces),
  excludedNamespaces: fc.uniqueArray(namespace.filter(ns => !systemNamespaces.includes(ns)), { maxLength: 3 }),
  ttl: fc.integer({ min: 0, max: 90 * 24 }).map(h => Duration.hours(h)),
  storageLocation: dnsLabel,
  volumeSnapshotLocations: fc.uniqueArray(dnsLabel, { maxLength: 2 }),
  excludedResources: fc.uniqueArray(resource.filter(r => r !== 'pods'), { maxLength: 3 }),
  labelSelector: selector,
  backupLabels: fc.dictionary(labelKey, labelValue, { maxKeys: 2 }),
  scheduleExpression,
  timeZone: fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata'),
  paused: fc.boolean(),
}, { requiredKeys: ['systemNamespaces'] }));

describe('random valid scopes', () => {
  test('the generated schedules are ones Velero\'s parser accepts', () => {
    fc.assert(fc.property(scheduleExpression, expression => {
      expect(checkSchedule(expression)).toEqual({});
    }), { numRuns: 500 });
  });

  test('synthesize to schema-valid manifests that carry every setting unchanged', () => {
    fc.assert(fc.property(validProps, props => {
      const chart = newChart();
      new KymaBackupSchedule(chart, 'Sch', props);
      new KymaSystemBackup(chart, 'S', props);
      new KymaUserBackup(chart, 'U', props);
      const manifests = synthValid(chart);
      const system = find(manifests, 'Schedule', 'kyma-system-backup').spec;
      const user = find(manifests, 'Schedule', 'kyma-backup').spec;
      expect(system.template.includedNamespaces).toEqual(props.systemNamespaces);
      expect(user.template.excludedNamespaces).toEqual([...props.systemNamespaces!, 'kyma-backup', ...(props.excludedNamespaces ?? [])]);
      expect(find(manifests, 'Backup', 'kyma-system-backup').spec).toEqual(system.template);
      expect(find(manifests, 'Backup', 'kyma-backup').spec).toEqual(user.template);
      if (props.scheduleExpression !== undefined) {
        expect(system.schedule).toBe(props.timeZone ? `CRON_TZ=${props.timeZone} ${props.scheduleExpression}` : props.scheduleExpression);
      }
      if (props.storageLocation !== undefined) expect(user.template.storageLocation).toBe(props.storageLocation);
      if (props.volumeSnapshotLocations !== undefined) expect(user.template.volumeSnapshotLocations).toEqual(props.volumeSnapshotLocations);
      if (props.labelSelector?.matchLabels !== undefined) expect(user.template.labelSelector.matchLabels).toEqual(props.labelSelector.matchLabels);
      if (props.backupLabels !== undefined) expect(user.template.metadata.labels).toEqual(props.backupLabels);
      expect(user.paused).toBe(props.paused);
    }), { numRuns: RUNS });
  });
});

// One invalid setting and the field its error must name.
const mutations: Array<fc.Arbitrary<[Partial<KymaBackupScheduleProps>, string]>> = [
  fc.stringMatching(/^[A-Z_][A-Za-z_]{0,8}$/).map(ns => [{ excludedNamespaces: [ns] }, 'spec.template.excludedNamespaces[']),
  fc.constant<[Partial<KymaBackupScheduleProps>, string]>([{ excludedNamespaces: ['*'] }, 'spec.template.excludedNamespaces[']),
  fc.constant<[Partial<KymaBackupScheduleProps>, string]>([{ excludedResources: ['*'] }, 'spec.template.excludedResources[']),
  fc.constant<[Partial<KymaBackupScheduleProps>, string]>([{ excludedNamespaceScopedResources: ['pods'] }, 'spec.template = [']),
  fc.integer({ min: 60, max: 999 }).map(m => [{ scheduleExpression: `${m} * * * *`, timeZone: undefined }, 'spec.schedule']),
  fc.integer({ min: 7, max: 99 }).map(d => [{ scheduleExpression: `0 0 * * ${d}`, timeZone: undefined }, 'spec.schedule']),
  fc.stringMatching(/^[A-Z][a-z]{2,8}\/[A-Z][a-z]{2,8}x$/).map(zone => [{ timeZone: zone }, 'timeZone']),
  fc.stringMatching(/^[a-z]{1,5} [a-z]{1,5}$/).map(key => [{ labelSelector: { matchLabels: { [key]: 'v' } } }, 'spec.template.labelSelector.matchLabels']),
  fc.stringMatching(/^[A-Z ]{1,10}$/).map(name => [{ storageLocation: name }, 'spec.template.storageLocation']),
  fc.stringMatching(/^[a-z]{64,70}$/).map(name => [{ systemName: name }, 'metadata.name']),
];

describe('random invalid scopes', () => {
  test('fail the synth with an error naming the field', () => {
    fc.assert(fc.property(validProps, fc.oneof(...mutations), (props, [mutation, field]) => {
      const chart = newChart();
      new KymaBackupSchedule(chart, 'Sch', { ...props, ...mutation, ...(mutation.excludedNamespaceScopedResources ? { excludedResources: ['secrets'] } : {}) });
      const message = synthErrors(chart);
      expect(message).toContain(field);
      expect(message).toMatch(/\[test\/Sch\]/);
    }), { numRuns: RUNS });
  });
});
