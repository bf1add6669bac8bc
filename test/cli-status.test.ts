// The verdicts of `kyma-backup status` (src/cli/status.ts): locations, each
// Schedule's last and last successful backup, overdue by the robfig interval
// plus the margin, failed last backups, pairs out of step. The command runs
// against the real cluster in test/e2e/cli-restore.ts.
import { DEFAULT_MARGIN_MS, clusterStatus } from '../src/cli/status';
import { BackupObject, LocationObject, ScheduleObject } from '../src/cli/velero-state';

const NOW = Date.parse('2026-11-10T12:00:00Z');
const HOUR = 3600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const location = (name: string, phase?: string, message?: string): LocationObject => ({ metadata: { name }, spec: { default: name === 'default' }, status: { phase, message } });
const schedule = (name: string, cron: string, extra: { paused?: boolean; created?: number } = {}): ScheduleObject =>
  ({ metadata: { name, creationTimestamp: iso(extra.created ?? NOW - 30 * 24 * HOUR) }, spec: { schedule: cron, paused: extra.paused } });
function backup(scheduleName: string, phase: string, startedHoursAgo: number, extra: Partial<NonNullable<BackupObject['status']>> = {}): BackupObject {
  const start = NOW - startedHoursAgo * HOUR;
  const stamp = iso(start).replace(/[-:T]/g, '').slice(0, 14);
  return {
    metadata: { name: `${scheduleName}-${stamp}`, labels: { 'velero.io/schedule-name': scheduleName } },
    status: {
      phase,
      startTimestamp: iso(start),
      completionTimestamp: iso(start + 60_000),
      expiration: iso(start + 720 * HOUR),
      progress: { itemsBackedUp: 42 },
      ...extra,
    },
  };
}

describe('kyma-backup status', () => {
  test('all well: daily Schedules with last night\'s backups, a location Available', () => {
    const s = clusterStatus([location('default', 'Available')], [schedule('kyma-system-backup', '0 1 * * *'), schedule('kyma-backup', '0 1 * * *')],
      [backup('kyma-system-backup', 'Completed', 11), backup('kyma-backup', 'Completed', 11), backup('kyma-backup', 'Completed', 35)], NOW);
    expect(s.problems).toEqual([]);
    expect(s.warnings).toEqual([]);
    const user = s.schedules.find(x => x.name === 'kyma-backup')!;
    expect(user).toMatchObject({ intervalSeconds: 86_400, overdue: false, failed: false, paused: false });
    expect(user.lastBackup).toEqual({ name: 'kyma-backup-20261110010000', phase: 'Completed', ageMs: 11 * HOUR, expiresInMs: 709 * HOUR, items: 42, warnings: 0, errors: 0 });
    expect(s.pairs).toEqual([{ system: 'kyma-system-backup', user: 'kyma-backup', inStep: true, reason: 'both are named for 2026-11-10T01:00:00Z' }]);
  });

  test('overdue: the last success older than the longest interval plus the margin', () => {
    // Daily: 1 day + 1 hour. Completed 25h01m ago (started 25h02m ago, a minute to complete) is overdue; 24h30m is not.
    const late = clusterStatus([location('default', 'Available')], [schedule('daily', '0 1 * * *')], [backup('daily', 'Completed', 25 + 2 / 60)], NOW);
    expect(late.schedules[0].overdue).toBe(true);
    expect(late.problems).toEqual(['Schedule daily is overdue: its last successful backup daily-20261109105800 completed 1d1h ago, more than its longest interval 1d plus 1h']);
    expect(clusterStatus([location('default', 'Available')], [schedule('daily', '0 1 * * *')], [backup('daily', 'Completed', 24.5)], NOW).problems).toEqual([]);
    // A larger margin, and the weekday Schedule's weekend: three days.
    expect(clusterStatus([location('default', 'Available')], [schedule('daily', '0 1 * * *')], [backup('daily', 'Completed', 25 + 2 / 60)], NOW, 2 * HOUR).problems).toEqual([]);
    const weekdays = clusterStatus([location('default', 'Available')], [schedule('weekdays', '0 1 * * 1-5')], [backup('weekdays', 'Completed', 60)], NOW);
    expect(weekdays.schedules[0]).toMatchObject({ intervalSeconds: 3 * 86_400, overdue: false });
    expect(DEFAULT_MARGIN_MS).toBe(HOUR);
  });

  test('no success yet: overdue only once the Schedule is older than its interval plus the margin', () => {
    const young = clusterStatus([location('default', 'Available')], [schedule('daily', '0 1 * * *', { created: NOW - 2 * HOUR })], [], NOW);
    expect(young.problems).toEqual([]);
    expect(young.schedules[0].lastSuccessful).toBeUndefined();
    const old = clusterStatus([location('default', 'Available')], [schedule('daily', '0 1 * * *', { created: NOW - 26 * HOUR })], [backup('daily', 'Failed', 11)], NOW);
    expect(old.problems).toEqual([
      'Schedule daily is overdue: no successful backup since it was created 1d2h ago, more than its longest interval 1d plus 1h',
      'Schedule daily: its last backup daily-20261110010000 ended Failed',
    ]);
    expect(old.schedules[0]).toMatchObject({ overdue: true, failed: true });
  });

  test('a PartiallyFailed last backup fails, though an older success is recent', () => {
    const s = clusterStatus([location('default', 'Available')], [schedule('six', '0 */6 * * *')],
      [backup('six', 'PartiallyFailed', 0.5, { errors: 3, warnings: 1 }), backup('six', 'Completed', 6.5)], NOW);
    expect(s.problems).toEqual(['Schedule six: its last backup six-20261110113000 ended PartiallyFailed']);
    expect(s.schedules[0].lastBackup).toMatchObject({ phase: 'PartiallyFailed', errors: 3, warnings: 1 });
    expect(s.schedules[0].lastSuccessful?.name).toBe('six-20261110053000');
  });

  test('locations: not Available is a problem, with Velero\'s message', () => {
    const s = clusterStatus([location('default', 'Available'), location('spare', 'Unavailable', 'NoSuchBucket'), location('new')], [], [], NOW);
    expect(s.problems).toEqual(['BackupStorageLocation new is not validated yet', 'BackupStorageLocation spare is Unavailable: NoSuchBucket']);
    expect(s.locations.map(l => [l.name, l.phase, l.available, l.default])).toEqual([['default', 'Available', true, true], ['new', 'Unknown', false, false], ['spare', 'Unavailable', false, false]]);
    expect(clusterStatus([], [], [], NOW).problems).toEqual(['no BackupStorageLocation']);
  });

  test('halves out of step: a warning with both times; a paused Schedule: a warning', () => {
    const s = clusterStatus([location('default', 'Available')],
      [schedule('kyma-system-backup-daily', '0 1 * * *'), schedule('kyma-backup-daily', '0 1 * * *', { paused: true })],
      [backup('kyma-system-backup-daily', 'Completed', 11), backup('kyma-backup-daily', 'Completed', 11 + 24 + 3)], NOW);
    expect(s.pairs[0]).toMatchObject({ system: 'kyma-system-backup-daily', user: 'kyma-backup-daily', inStep: false });
    expect(s.warnings).toEqual([
      'Schedule kyma-backup-daily is paused: it takes no backup until it is unpaused',
      'the halves kyma-system-backup-daily and kyma-backup-daily are out of step: their last successful backups are not of one run (kyma-system-backup-daily-20261110010000 started '
        + '2026-11-10T01:00:00Z, kyma-backup-daily-20261108220000 started 2026-11-08T22:00:00Z: 1d3h apart, more than the Schedule\'s longest interval (1d))',
    ]);
    // Overdue too: 38 hours. Out of step alone would not fail status.
    expect(s.problems).toEqual([expect.stringMatching(/^Schedule kyma-backup-daily is overdue/)]);
  });

  test('a schedule Velero cannot run is a problem', () => {
    expect(clusterStatus([location('default', 'Available')], [schedule('bad', 'every day')], [], NOW).problems)
      .toEqual(['Schedule bad: its schedule "every day" is not one Velero runs, so it takes no backup']);
  });
});

describe('kyma-backup status: a stopped backup queue (velero#10519)', () => {
  const MIN = 60_000;
  const queued = (name: string, createdMinutesAgo: number): BackupObject =>
    ({ metadata: { name, creationTimestamp: iso(NOW - createdMinutesAgo * MIN) }, status: { phase: 'Queued' } });
  const ended = (name: string, phase: string, endedMinutesAgo: number): BackupObject =>
    ({
      metadata: { name },
      status: {
        phase,
        startTimestamp: iso(NOW - endedMinutesAgo * MIN - 1000),
        completionTimestamp: iso(NOW - endedMinutesAgo * MIN),
      },
    });
  const problemsOf = (backups: BackupObject[]) => clusterStatus([location('default', 'Available')], [], backups, NOW).problems;

  test('Backups Queued, none running, nothing moved for 3 minutes: a problem naming them and the restart', () => {
    const problems = problemsOf([ended('broken', 'FailedValidation', 20), queued('next', 12)]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('Backup next is Queued');
    expect(problems[0]).toContain('for 12 min');
    expect(problems[0]).toContain('kubectl -n kyma-backup rollout restart deployment/velero');
  });

  test('a Backup that ended within 3 minutes means the queue moves: no problem yet', () => {
    expect(problemsOf([ended('just-done', 'Completed', 2), queued('next', 12)])).toEqual([]);
  });

  test('a Queued Backup that arrived within 3 minutes: the queue rechecks once a minute, no problem yet', () => {
    expect(problemsOf([ended('old', 'Completed', 60), queued('next', 2)])).toEqual([]);
  });

  test('a running Backup: the queue waits for it, no problem', () => {
    expect(problemsOf([{ metadata: { name: 'running' }, status: { phase: 'InProgress', startTimestamp: iso(NOW - 30 * MIN) } }, queued('next', 20)])).toEqual([]);
  });

  test('nothing Queued: no problem', () => {
    expect(problemsOf([ended('old', 'FailedValidation', 60)])).toEqual([]);
  });
});
