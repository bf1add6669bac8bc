// A table of settings Velero v1.18.1 accepts or refuses, each naming the
// behaviour it pins (robfig/cron v3 ParseStandard for schedules, Velero's
// backup controller and pkg/util/collections for specs, Kubernetes' name and
// label rules). "deliberate" marks the few refusals of ours that Velero would
// accept; the README lists them.
import { Duration } from 'cdk8s';
import {
  HookErrorMode, KymaBackupProps, KymaBackupSchedule, KymaSystemBackup, KymaUserBackup, LabelSelectorOperator,
} from '../src';
import { newChart, synthErrors, synthProblems, synthValid } from './helpers';
import { backupSpecProblems } from '../src/validation/backup-spec';
import { checkSchedule } from '../src/validation/cron';
import { problemKind } from '../src/validation/problem';

type Verdict = 'valid' | 'invalid' | 'deliberate';

/** A deliberate case has only deliberate problems; an invalid one at least one Velero would report. */
function expectKinds(problems: string[], verdict: Verdict) {
  const kinds = new Set(problems.map(problemKind));
  expect(problems.length).toBeGreaterThan(0);
  if (verdict === 'deliberate') {
    expect([...kinds]).toEqual(['deliberate']);
  } else {
    expect(kinds.has('velero')).toBe(true);
  }
}

// [schedule string, verdict, the behaviour pinned]
const SCHEDULES: Array<[string, Verdict, string]> = [
  ['0 1 * * *', 'valid', 'five fields: the guide\'s daily 01:00'],
  ['*/15 * * * *', 'valid', 'a step over "*"'],
  ['0 0 1 1 *', 'valid', 'day of month and month at their minimum'],
  ['59 23 31 12 6', 'valid', 'every field at its maximum'],
  ['0 0 * * 0', 'valid', 'weekday 0 is Sunday'],
  ['0 0 * * sun', 'valid', 'weekday names'],
  ['0 0 * * SUN', 'valid', 'names are case-insensitive'],
  ['0 0 * * Mon-Fri', 'valid', 'a range of weekday names'],
  ['0 0 1 jan *', 'valid', 'month names'],
  ['0 0 1 JAN-MAR *', 'valid', 'a range of month names'],
  ['0 0 * JAN,feb *', 'valid', 'a list of month names'],
  ['0 0 ? * *', 'valid', '"?" in day of month means any'],
  ['0 0 * * ?', 'valid', '"?" in day of week means any'],
  ['? * * * *', 'valid', '"?" is read like "*" in any field'],
  ['0,30 * * * *', 'valid', 'a list'],
  ['0-30/5 * * * *', 'valid', 'a range with a step'],
  ['5/10 * * * *', 'valid', '"N/step" runs from N to the maximum'],
  ['0 0 1,15 * *', 'valid', 'a list of days'],
  ['0 0 * * 1-5', 'valid', 'a range of weekdays'],
  ['*/1 * * * *', 'valid', 'a step of 1'],
  ['0-59/60 * * * *', 'valid', 'a step beyond the range'],
  ['1,,2 * * * *', 'valid', 'empty list items are skipped'],
  ['+5 * * * *', 'valid', 'Go\'s Atoi takes a leading "+"'],
  ['*-5 * * * *', 'valid', 'whatever follows "*" in a range is ignored'],
  ['0  1 * * *', 'valid', 'runs of spaces separate fields'],
  ['0\t1 * *\t*', 'valid', 'tabs separate fields'],
  [' 0 1 * * * ', 'valid', 'leading and trailing white space is ignored'],
  ['00 01 * * *', 'valid', 'leading zeros'],
  ['@yearly', 'valid', 'descriptor @yearly'],
  ['@annually', 'valid', 'descriptor @annually'],
  ['@monthly', 'valid', 'descriptor @monthly'],
  ['@weekly', 'valid', 'descriptor @weekly'],
  ['@daily', 'valid', 'descriptor @daily'],
  ['@midnight', 'valid', 'descriptor @midnight'],
  ['@hourly', 'valid', 'descriptor @hourly'],
  ['@every 6h', 'valid', '@every with a Go duration'],
  ['@every 1h30m', 'valid', '@every with a compound Go duration'],
  ['@every 1m', 'valid', '@every at our one-minute floor'],
  ['@every 1.5h', 'valid', '@every with a fractional Go duration'],
  ['CRON_TZ=Europe/Berlin 0 1 * * *', 'valid', 'CRON_TZ= prefix with an IANA zone'],
  ['TZ=UTC 0 1 * * *', 'valid', 'TZ= prefix'],
  ['CRON_TZ=America/New_York @daily', 'valid', 'a zone before a descriptor'],
  ['CRON_TZ=UTC @every 2h', 'valid', 'a zone before @every'],
  ['CRON_TZ=US/Pacific 0 1 * * *', 'valid', 'backward-compatible zone aliases Go knows'],
  ['CRON_TZ=Local 0 1 * * *', 'valid', 'Go\'s LoadLocation takes "Local"'],
  ['CRON_TZ=Etc/GMT+2 0 1 * * *', 'valid', 'Etc zones'],
  ['CRON_TZ=Europe/Berlin   0 1 * * *', 'valid', 'spaces after the zone are trimmed'],
  ['', 'invalid', 'an empty schedule'],
  ['0 1 * *', 'invalid', 'four fields'],
  ['0 0 1 * * *', 'invalid', 'six fields (seconds are not part of the standard parser)'],
  ['0 0 1 * * * *', 'invalid', 'seven fields'],
  ['60 * * * *', 'invalid', 'minute above 59'],
  ['* 24 * * *', 'invalid', 'hour above 23'],
  ['* * 0 * *', 'invalid', 'day of month below 1'],
  ['* * 32 * *', 'invalid', 'day of month above 31'],
  ['* * * 0 *', 'invalid', 'month below 1'],
  ['* * * 13 *', 'invalid', 'month above 12'],
  ['* * * * 7', 'invalid', 'weekday 7 (only 0-6)'],
  ['0 0 * * 1-7', 'invalid', 'a weekday range ending at 7'],
  ['0 0 * * MON-SUN', 'invalid', 'a range whose end (SUN = 0) is before its start'],
  ['5-1 * * * *', 'invalid', 'a reversed range'],
  ['*/0 * * * *', 'invalid', 'a zero step'],
  ['*/-1 * * * *', 'invalid', 'a negative step'],
  ['1-2-3 * * * *', 'invalid', 'more than one hyphen'],
  ['*/5/2 * * * *', 'invalid', 'more than one slash'],
  ['-5 * * * *', 'invalid', 'a negative number'],
  ['1- * * * *', 'invalid', 'a range without an end'],
  ['a * * * *', 'invalid', 'a word in a numeric field'],
  ['0.5 * * * *', 'invalid', 'a fraction'],
  ['1,2,x * * * *', 'invalid', 'a bad item in a list'],
  ['H * * * *', 'invalid', 'Jenkins\' H'],
  ['* * L * *', 'invalid', 'Quartz\' L'],
  ['* * 15W * *', 'invalid', 'Quartz\' W'],
  ['* * * * 1#2', 'invalid', 'Quartz\' #'],
  ['* * * * 5L', 'invalid', 'Quartz\' last weekday'],
  ['* * * jann *', 'invalid', 'an unknown month name'],
  ['* * * * sunday', 'invalid', 'a full weekday name'],
  ['0 0 * jan *x', 'invalid', 'trailing garbage in a field'],
  ['99999999999999999999 * * * *', 'invalid', 'a number beyond int64'],
  ['@reboot', 'invalid', 'an unknown descriptor'],
  ['@Daily', 'invalid', 'descriptors are case-sensitive'],
  ['@daily ', 'invalid', 'a descriptor must match exactly (no trailing space)'],
  ['@every', 'invalid', '@every without a duration'],
  ['@every ', 'invalid', '@every with an empty duration'],
  ['@every 1d', 'invalid', 'days are not a Go duration unit'],
  ['@every 6 h', 'invalid', 'a space inside a Go duration'],
  ['@every  6h', 'invalid', 'two spaces after @every'],
  ['@every 6', 'invalid', 'a Go duration without a unit'],
  ['CRON_TZ=Mars/Olympus 0 1 * * *', 'invalid', 'an unknown zone'],
  ['CRON_TZ=europe/berlin 0 1 * * *', 'invalid', 'zone names are case-sensitive'],
  ['CRON_TZ=Europe/Berlin', 'invalid', 'a zone without a schedule (robfig panics, Velero reports it)'],
  ['CRON_TZ=UTC ', 'invalid', 'a zone followed by nothing'],
  ['TZ=../etc/passwd 0 1 * * *', 'invalid', 'a zone path with ".."'],
  ['CRON_TZ=Europe/Berlin 0 1 * *', 'invalid', 'a zone before four fields'],
  ['cron_tz=UTC 0 1 * * *', 'invalid', 'the prefix is case-sensitive'],
  ['@every 1s', 'deliberate', '@every 1s: Velero would start a backup every second'],
  ['@every 30s', 'deliberate', '@every below one minute'],
  ['@every 59.9s', 'deliberate', '@every just below one minute'],
  ['@every 0s', 'deliberate', '@every 0 (robfig runs it every second)'],
  ['@every -1h', 'deliberate', 'a negative @every (robfig runs it every second)'],
  [', * * * *', 'deliberate', 'a field of only commas selects nothing, so the schedule never runs'],
  ['0 0 , * *', 'deliberate', 'an empty day-of-month list never runs'],
];

describe('schedule strings', () => {
  test('the corpus is large and covers each verdict', () => {
    expect(SCHEDULES.length).toBeGreaterThanOrEqual(100);
    expect(new Set(SCHEDULES.map(c => c[1]))).toEqual(new Set(['valid', 'invalid', 'deliberate']));
  });

  test.each(SCHEDULES)('%p is %s: %s', (expression, verdict) => {
    const check = checkSchedule(expression);
    expect({ velero: check.veleroError === undefined, ours: check.deliberateError === undefined }).toEqual({
      velero: verdict !== 'invalid',
      ours: verdict !== 'deliberate',
    });

    const chart = newChart();
    new KymaBackupSchedule(chart, 'Sch', { scheduleExpression: expression });
    if (verdict === 'valid') {
      expect(synthValid(chart).map(m => m.spec.schedule)).toEqual([expression, expression]);
    } else {
      const message = synthErrors(chart);
      expect(message).toContain(`[test/Sch] spec.schedule = ${JSON.stringify(expression)}: `);
      expect(message).toContain(verdict === 'deliberate' ? 'deliberate difference from Velero' : 'Velero accepts five cron fields');
    }
  });
});

// [props for the scope, verdict, the field named in the error, the behaviour pinned]
const SCOPES: Array<[KymaBackupProps, Verdict, string, string]> = [
  [{}, 'valid', '', 'the guide\'s defaults'],
  [{ systemNamespaces: ['kyma-*'] }, 'valid', '', 'a namespace glob with "*"'],
  [{ systemNamespaces: ['kyma-?ystem'] }, 'valid', '', 'a namespace glob with "?"'],
  [{ systemNamespaces: ['kyma-[sb]ystem'] }, 'valid', '', 'a namespace glob with a character class'],
  [{ excludedNamespaces: ['tmp-*', 'ci-[0-9]*'] }, 'valid', '', 'globs among excluded namespaces'],
  [{ excludedNamespaces: [''] }, 'valid', '', 'Velero reads "" as no namespace and lets it pass'],
  [{ systemNamespaces: ['a'.repeat(63)] }, 'valid', '', 'a 63-character namespace'],
  [{ systemNamespaces: ['kyma-system', 'kyma-system'] }, 'valid', '', 'a repeated namespace is harmless to Velero'],
  [{ excludedNamespaces: ['*'] }, 'invalid', 'spec.excludedNamespaces[', '"*" is refused among excluded namespaces'],
  [{ systemNamespaces: ['*', 'kyma-system'] }, 'invalid', 'spec.includedNamespaces', '"*" only alone in an include list'],
  [{ systemNamespaces: ['kyma-backup'] }, 'invalid', 'spec.excludedNamespaces[0]', 'a namespace both included and excluded'],
  [{ systemNamespaces: ['Kyma-System'] }, 'invalid', 'spec.includedNamespaces[0]', 'uppercase in a namespace name'],
  [{ systemNamespaces: ['kyma_system'] }, 'invalid', 'spec.includedNamespaces[0]', 'an underscore in a namespace name'],
  [{ systemNamespaces: ['a'.repeat(64)] }, 'invalid', 'spec.includedNamespaces[0]', 'a namespace over 63 characters'],
  [{ systemNamespaces: ['-kyma'] }, 'invalid', 'spec.includedNamespaces[0]', 'a namespace starting with "-"'],
  [{ systemNamespaces: ['kyma.system'] }, 'invalid', 'spec.includedNamespaces[0]', 'a dot in a namespace name'],
  [{ systemNamespaces: ['kyma-**'] }, 'invalid', 'spec.includedNamespaces[0]', '"**" in a glob'],
  [{ systemNamespaces: ['{a,b}'] }, 'invalid', 'spec.includedNamespaces[0]', 'brace alternatives in a glob'],
  [{ systemNamespaces: ['kyma-[]'] }, 'invalid', 'spec.includedNamespaces[0]', 'an empty character class'],
  [{ systemNamespaces: ['kyma-[ab'] }, 'invalid', 'spec.includedNamespaces[0]', 'an unclosed character class'],
  [{ systemNamespaces: ['kyma-]'] }, 'invalid', 'spec.includedNamespaces[0]', 'a "]" without "["'],
  [{ systemNamespaces: ['!kyma'] }, 'invalid', 'spec.includedNamespaces[0]', 'negation in a glob'],
  [{ systemNamespaces: [] }, 'deliberate', 'systemNamespaces', 'an empty system list would back up every namespace'],
  [{ excludedResources: ['secrets'] }, 'valid', '', 'extra old-style excluded resources'],
  [{ includedResources: ['deployments', 'configmaps'] }, 'valid', '', 'a specific include list'],
  [{ includedResources: ['*', 'pods'] }, 'invalid', 'spec.includedResources', '"*" only alone in an include list'],
  [{ excludedResources: ['*'] }, 'invalid', 'spec.excludedResources[', '"*" is refused among excluded resources'],
  [{ includedResources: ['pods'] }, 'invalid', 'spec.excludedResources[', 'a resource both included and excluded'],
  [{ includedNamespaceScopedResources: ['*'], excludedNamespaceScopedResources: ['pods'] }, 'valid', '', 'scoped filters'],
  [{ includedClusterScopedResources: ['storageclasses'], excludedClusterScopedResources: ['nodes'] }, 'valid', '', 'scoped cluster filters'],
  [{ excludedClusterScopedResources: ['*'] }, 'valid', '', 'a scoped exclude of "*" with no include'],
  [{ includedNamespaceScopedResources: ['*'], excludeResources: ['x'] } as any, 'valid', '', 'unknown props are not rendered (TypeScript refuses them)'],
  [{ includedClusterScopedResources: ['a'], excludedClusterScopedResources: ['*'] }, 'invalid', 'spec.excludedClusterScopedResources', 'a scoped exclude of "*" beside an include'],
  [{ excludedNamespaceScopedResources: ['*', 'pods'] }, 'invalid', 'spec.excludedNamespaceScopedResources', 'a scoped "*" beside other items'],
  [{ includedNamespaceScopedResources: ['*', 'pods'] }, 'invalid', 'spec.includedNamespaceScopedResources', 'a scoped include "*" beside other items'],
  [{ includedNamespaceScopedResources: ['pods'], excludedNamespaceScopedResources: ['pods'] }, 'invalid', 'spec.excludedNamespaceScopedResources[0]', 'a scoped resource in both lists'],
  [{ excludedNamespaceScopedResources: ['pods'], includeClusterResources: true }, 'invalid', 'spec = ["spec.includeClusterResources"]', 'old and scoped filters mixed'],
  [{ excludedClusterScopedResources: ['nodes'], includedResources: ['*'] }, 'invalid', 'spec = ["spec.includedResources"]', 'old and scoped filters mixed'],
  [{ labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'shop' } } }, 'valid', '', 'a prefixed label key'],
  [{ labelSelector: { matchLabels: { tier: '' } } }, 'valid', '', 'an empty label value'],
  [{ labelSelector: { matchExpressions: [{ key: 'tier', operator: LabelSelectorOperator.NOT_IN, values: ['a'] }] } }, 'valid', '', 'NotIn with values'],
  [{ labelSelector: { matchExpressions: [{ key: 'tier', operator: LabelSelectorOperator.EXISTS }] } }, 'valid', '', 'Exists without values'],
  [{ orLabelSelectors: [{ matchLabels: { a: 'b' } }] }, 'valid', '', 'orLabelSelectors alone'],
  [{ labelSelector: { matchLabels: { a: 'b' } }, orLabelSelectors: [{ matchLabels: { c: 'd' } }] }, 'invalid', 'spec.orLabelSelectors', 'labelSelector with orLabelSelectors'],
  [{ labelSelector: {}, orLabelSelectors: [] }, 'invalid', 'spec.orLabelSelectors', 'both set, even empty'],
  [{ labelSelector: { matchLabels: { 'bad key!': 'x' } } }, 'invalid', 'spec.labelSelector.matchLabels', 'a label key with "!" and a space'],
  [{ labelSelector: { matchLabels: { a: 'x'.repeat(64) } } }, 'invalid', 'spec.labelSelector.matchLabels["a"]', 'a label value over 63 characters'],
  [{ labelSelector: { matchLabels: { 'Example.com/a': 'x' } } }, 'invalid', 'spec.labelSelector.matchLabels', 'an uppercase label key prefix'],
  [{ labelSelector: { matchLabels: { 'a/b/c': 'x' } } }, 'invalid', 'spec.labelSelector.matchLabels', 'two slashes in a label key'],
  [{ labelSelector: { matchExpressions: [{ key: 'tier', operator: LabelSelectorOperator.IN }] } }, 'invalid', 'spec.labelSelector.matchExpressions[0].values', 'In without values'],
  [{ labelSelector: { matchExpressions: [{ key: 'tier', operator: LabelSelectorOperator.EXISTS, values: ['a'] }] } }, 'invalid', 'spec.labelSelector.matchExpressions[0].values', 'Exists with values'],
  [{ labelSelector: { matchExpressions: [{ key: 'tier', operator: 'Equals' as LabelSelectorOperator, values: ['a'] }] } }, 'invalid', 'spec.labelSelector.matchExpressions[0].operator', 'an unknown operator'],
  [{ orLabelSelectors: [{ matchExpressions: [{ key: '', operator: LabelSelectorOperator.EXISTS }] }] }, 'invalid', 'spec.orLabelSelectors[0].matchExpressions[0].key', 'an empty label key'],
  [{ name: 'a'.repeat(253) }, 'valid', '', 'a 253-character Backup name'],
  [{ name: 'nightly.kyma-backup' }, 'valid', '', 'dots in a Backup name'],
  [{ name: 'a'.repeat(254) }, 'invalid', 'metadata.name', 'a Backup name over 253 characters'],
  [{ name: 'Nightly' }, 'invalid', 'metadata.name', 'uppercase in a Backup name'],
  [{ name: '' }, 'invalid', 'metadata.name', 'an empty Backup name'],
  [{ namespace: 'velero' }, 'valid', '', 'another Velero namespace'],
  [{ namespace: 'velero.system' }, 'invalid', 'metadata.namespace', 'a dot in the namespace'],
  [{ storageLocation: 'aws-eu-1' }, 'valid', '', 'a storage location name'],
  [{ storageLocation: '' }, 'valid', '', 'Velero reads an empty storage location as its default'],
  [{ storageLocation: 'AWS EU' }, 'invalid', 'spec.storageLocation', 'a storage location that is no object name'],
  [{ volumeSnapshotLocations: [] }, 'valid', '', 'no snapshot locations'],
  [{ volumeSnapshotLocations: ['csi', 'aws_eu'] }, 'invalid', 'spec.volumeSnapshotLocations[1]', 'a snapshot location that is no object name'],
  [{ ttl: Duration.days(7) }, 'valid', '', 'a week of retention'],
  [{ ttl: Duration.seconds(0) }, 'valid', '', 'zero means Velero\'s default retention'],
  [{ ttl: Duration.millis(0.0000001) }, 'deliberate', 'ttl', 'a fraction of a nanosecond cannot be written as a Go duration without rounding'],
  [{ csiSnapshotTimeout: Duration.minutes(30), itemOperationTimeout: Duration.hours(1) }, 'valid', '', 'timeouts'],
  [{ hooks: [{ name: 'h', pre: [{ command: ['sync'], onError: HookErrorMode.CONTINUE, timeout: Duration.minutes(1) }] }] }, 'valid', '', 'a hook'],
  [{ hooks: [{ name: 'h', pre: [{ command: [] }] }] }, 'deliberate', 'spec.hooks.resources[0].pre[0].exec.command', 'a hook without a command'],
  [{ hooks: [{ name: 'h', post: [{ command: ['x'], onError: 'Retry' as HookErrorMode }] }] }, 'invalid', 'spec.hooks.resources[0].post[0].exec.onError', 'an onError outside the CRD enum'],
  [{ hooks: [{ name: 'h', labelSelector: { matchLabels: { 'a b': 'c' } } }] }, 'invalid', 'spec.hooks.resources[0].labelSelector.matchLabels', 'a bad hook label selector'],
  [{ resourcePolicyConfigMap: 'policy' }, 'valid', '', 'a resource policy'],
  [{ resourcePolicyConfigMap: 'Policy' }, 'invalid', 'spec.resourcePolicy.name', 'a ConfigMap name in uppercase'],
  [{ parallelFilesUpload: 4 }, 'valid', '', 'parallel uploads'],
  [{ parallelFilesUpload: 1.5 }, 'invalid', 'spec.uploaderConfig.parallelFilesUpload', 'a fractional file count (the CRD wants an integer)'],
  [{ parallelFilesUpload: -1 }, 'deliberate', 'spec.uploaderConfig.parallelFilesUpload', 'a negative file count'],
  [{ volumeGroupSnapshotLabelKey: 'velero.io/group' }, 'valid', '', 'a group label key'],
  [{ volumeGroupSnapshotLabelKey: 'bad key' }, 'invalid', 'spec.volumeGroupSnapshotLabelKey', 'a group label key with a space'],
  [{ backupLabels: { team: 'platform' } }, 'valid', '', 'backup labels'],
  [{ backupLabels: { team: 'platform team' } }, 'invalid', 'spec.metadata.labels["team"]', 'a backup label value with a space'],
  [{ orderedResources: { pods: ['ns/a', 'ns/b'] } }, 'valid', '', 'ordered resources'],
];

describe('backup scopes', () => {
  test('the corpus is large', () => {
    expect(SCOPES.length).toBeGreaterThanOrEqual(80);
  });

  test.each(SCOPES)('%j is %s (field %s): %s', (props, verdict, field) => {
    const chart = newChart();
    new KymaSystemBackup(chart, 'B', props);
    if (verdict === 'valid') {
      synthValid(chart);
    } else {
      const problems = synthProblems(chart);
      expect(problems.join('\n')).toContain(`[test/B] ${field}`);
      expectKinds(problems, verdict);
    }
  });

  test('problems in Schedule templates name spec.template and which Schedule', () => {
    const chart = newChart();
    new KymaBackupSchedule(chart, 'Sch', { excludedNamespaces: ['*'] });
    const message = synthErrors(chart);
    expect(message).toContain('[test/Sch] System: spec.template.excludedNamespaces[1] = "*"');
    expect(message).toContain('[test/Sch] User: spec.template.excludedNamespaces[7] = "*"');
  });

  test('a Schedule name must fit a label value, as Velero labels its backups with it', () => {
    const ok = newChart();
    new KymaBackupSchedule(ok, 'Sch', { systemName: 's'.repeat(63) });
    synthValid(ok);
    const tooLong = newChart();
    new KymaBackupSchedule(tooLong, 'Sch', { systemName: 's'.repeat(64) });
    expect(synthErrors(tooLong)).toContain('[test/Sch] System: metadata.name');
  });

  test('timeZone must be an IANA zone and not come twice', () => {
    const chart = newChart();
    new KymaBackupSchedule(chart, 'A', { timeZone: 'Mars/Olympus', systemName: 'a', userName: 'a-user' });
    new KymaBackupSchedule(chart, 'B', { timeZone: 'UTC', scheduleExpression: 'CRON_TZ=UTC @daily', systemName: 'b', userName: 'b-user' });
    new KymaBackupSchedule(chart, 'C', { timeZone: 'Europe/Berlin 0', systemName: 'c', userName: 'c-user' });
    const message = synthErrors(chart);
    expect(message).toContain('[test/A] timeZone = "Mars/Olympus"');
    expect(message).toContain('[test/B] scheduleExpression = "CRON_TZ=UTC @daily": has its own time zone prefix');
    expect(message).toContain('[test/C] timeZone = "Europe/Berlin 0"');
  });
});

// Raw specs (as a user's escape hatch or another tool could write them) for
// what typed props cannot express: [spec, verdict, field, behaviour].
const RAW_SPECS: Array<[any, Verdict, string, string]> = [
  [{ ttl: '720h0m0s' }, 'valid', '', 'a Go duration'],
  [{ ttl: '0' }, 'valid', '', 'a bare 0'],
  [{ ttl: '1.5h' }, 'valid', '', 'a fractional duration'],
  [{ ttl: '-1h' }, 'deliberate', 'spec.ttl', 'a negative TTL would expire backups at once'],
  [{ ttl: '30d' }, 'invalid', 'spec.ttl', 'days are no Go unit'],
  [{ ttl: '' }, 'invalid', 'spec.ttl', 'an empty duration does not decode'],
  [{ csiSnapshotTimeout: '10' }, 'invalid', 'spec.csiSnapshotTimeout', 'a number without a unit'],
  [{ itemOperationTimeout: '4 h' }, 'invalid', 'spec.itemOperationTimeout', 'a space in a duration'],
  [{ hooks: { resources: [{ name: 'h', pre: [{ exec: { command: ['x'], timeout: '-5s' } }] }] } }, 'deliberate', 'spec.hooks.resources[0].pre[0].exec.timeout', 'a negative hook timeout'],
  [{ resourcePolicy: { kind: 'ConfigMap', name: 'p' } }, 'valid', '', 'the policy kind is matched case-insensitively'],
  [{ resourcePolicy: { kind: 'secret', name: 'p' } }, 'deliberate', 'spec.resourcePolicy.kind', 'Velero silently ignores a policy of another kind'],
  [{ includedNamespaces: [], excludedNamespaces: ['*'] }, 'invalid', 'spec.excludedNamespaces[0]', 'an empty include list is read as "*"'],
  [{ includedNamespaces: [], excludedNamespaces: ['a'] }, 'valid', '', 'an empty include list means every namespace'],
  [{ includedResources: [], includedClusterScopedResources: ['a'] }, 'valid', '', 'an empty old-style list does not count as used'],
  [{ includeClusterResources: false, includedClusterScopedResources: ['a'] }, 'invalid', 'spec = ["spec.includeClusterResources"]', 'includeClusterResources counts as used even when false'],
];

describe('raw specs', () => {
  test.each(RAW_SPECS)('%j is %s (field %s): %s', (spec, verdict, field) => {
    const problems = backupSpecProblems(spec, 'spec');
    if (verdict === 'valid') {
      expect(problems).toEqual([]);
    } else {
      expect(problems.join('\n')).toContain(field);
      expectKinds(problems, verdict);
    }
  });
});

test('the whole corpus holds at least 150 cases with accepted and refused ones', () => {
  const verdicts = [...SCHEDULES, ...SCOPES, ...RAW_SPECS].map(c => c[1]);
  expect(verdicts.length).toBeGreaterThanOrEqual(150);
  expect(verdicts.filter(v => v === 'valid').length).toBeGreaterThan(50);
  expect(verdicts.filter(v => v !== 'valid').length).toBeGreaterThan(50);
});
