import { alertGroup } from '../src/plan/alert-group';

const group = alertGroup({
  systemSchedule: 'kyma-system-backup-daily',
  userSchedule: 'kyma-backup-daily',
  about: 'rule daily, app/plan',
  intervalSeconds: 86_400,
  marginSeconds: 3_600,
  severity: 'warning',
});
const rule = (alert: string) => group.rules!.find(r => r.alert === alert)!;

describe('alertGroup', () => {
  test('one group named after the user Schedule with the three alerts', () => {
    expect(group.name).toBe('kyma-backup-daily');
    expect(group.rules!.map(r => r.alert)).toEqual(['KymaBackupOverdue', 'KymaBackupFailed', 'KymaBackupNeverSucceeded']);
    expect(group.rules!.every(r => r.labels?.severity === 'warning')).toBe(true);
  });

  test('overdue: the newest success older than the interval plus the margin, over both Schedules', () => {
    expect(rule('KymaBackupOverdue').expr!.value).toBe(
      'time() - velero_backup_last_successful_timestamp{schedule=~"kyma-system-backup-daily|kyma-backup-daily"} > 90000');
    expect(rule('KymaBackupOverdue').annotations!.description).toContain('older than 25h: the longest interval between two runs of its schedule (24h) plus a margin of 1h');
  });

  test('failed: a failure or partial failure within the same window; never succeeded: absent for that long', () => {
    expect(rule('KymaBackupFailed').expr!.value).toBe(
      'increase(velero_backup_failure_total{schedule=~"kyma-system-backup-daily|kyma-backup-daily"}[25h]) > 0'
      + ' or increase(velero_backup_partial_failure_total{schedule=~"kyma-system-backup-daily|kyma-backup-daily"}[25h]) > 0');
    expect(rule('KymaBackupNeverSucceeded').expr!.value).toBe(
      'absent(velero_backup_last_successful_timestamp{schedule="kyma-system-backup-daily"}) or absent(velero_backup_last_successful_timestamp{schedule="kyma-backup-daily"})');
    expect(rule('KymaBackupNeverSucceeded').for).toBe('25h');
  });

  test('dots in Schedule names are escaped in regex matchers, not in equality matchers', () => {
    const dotted = alertGroup({ systemSchedule: 'a.sys', userSchedule: 'a.user', about: 'x', intervalSeconds: 600, marginSeconds: 0, severity: 'critical' });
    expect(dotted.rules![0].expr!.value).toContain('schedule=~"a\\\\.sys|a\\\\.user"');
    expect(dotted.rules![2].expr!.value).toContain('schedule="a.sys"');
  });
});
