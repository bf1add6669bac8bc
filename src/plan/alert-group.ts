// The Prometheus alerts of one plan rule, on the metrics Velero exports per
// Schedule: a pure function of the rule's Schedules and cadence.
import { PrometheusRuleSpecGroups, PrometheusRuleSpecGroupsRulesExpr } from '../../imports/monitoring.coreos.com';
import { readableDuration, shortDuration } from '../timeline/summary';

/** What the alerts of one rule are made of. */
export interface AlertGroupInput {
  /** The rule's system and user Schedule names. */
  readonly systemSchedule: string;
  readonly userSchedule: string;
  /** Where the alerts come from, for their descriptions (`rule daily, app/plan`). */
  readonly about: string;
  /** The longest interval between two runs of the rule, in seconds. */
  readonly intervalSeconds: number;
  /** Added to the interval before a backup counts as overdue, in seconds. */
  readonly marginSeconds: number;
  /** The alerts' `severity` label. */
  readonly severity: string;
}

/**
 * The rule group of one plan rule: `KymaBackupOverdue` (the newest successful
 * backup is older than the interval plus the margin), `KymaBackupFailed` (a
 * failure or partial failure within that window) and
 * `KymaBackupNeverSucceeded` (Velero exports the success gauge only after a
 * first success, so its absence for that long).
 */
export function alertGroup(input: AlertGroupInput): PrometheusRuleSpecGroups {
  const { systemSchedule: system, userSchedule: user, intervalSeconds: interval, marginSeconds: margin, severity } = input;
  const threshold = interval + margin;
  // Names may hold dots, which a regex matcher would read as any character.
  const schedules = `schedule=~"${promRegex(system)}|${promRegex(user)}"`;
  const window = shortDuration(threshold);
  const about = `Velero Schedules ${system} and ${user} (${input.about})`;
  return {
    name: user,
    rules: [
      {
        alert: 'KymaBackupOverdue',
        expr: PrometheusRuleSpecGroupsRulesExpr.fromString(`time() - velero_backup_last_successful_timestamp{${schedules}} > ${threshold}`),
        labels: { severity },
        annotations: {
          summary: 'The newest successful Kyma backup is older than its schedule allows.',
          description: `The last successful backup of {{ $labels.schedule }} is older than ${readableDuration(threshold)}: the longest interval between two runs `
            + `of its schedule (${readableDuration(interval)}) plus a margin of ${readableDuration(margin)}. ${about}.`,
        },
      },
      {
        alert: 'KymaBackupFailed',
        expr: PrometheusRuleSpecGroupsRulesExpr.fromString(
          `increase(velero_backup_failure_total{${schedules}}[${window}]) > 0 or increase(velero_backup_partial_failure_total{${schedules}}[${window}]) > 0`),
        labels: { severity },
        annotations: {
          summary: 'A Kyma backup failed or partially failed.',
          description: `A backup of {{ $labels.schedule }} failed or partially failed in the last ${readableDuration(threshold)}; it may not restore. ${about}.`,
        },
      },
      {
        alert: 'KymaBackupNeverSucceeded',
        expr: PrometheusRuleSpecGroupsRulesExpr.fromString(
          `absent(velero_backup_last_successful_timestamp{schedule="${system}"}) or absent(velero_backup_last_successful_timestamp{schedule="${user}"})`),
        for: window,
        labels: { severity },
        annotations: {
          summary: 'A Kyma backup Schedule has no successful backup.',
          description: `Velero has reported no successful backup of {{ $labels.schedule }} for ${readableDuration(threshold)}. ${about}.`,
        },
      },
    ],
  };
}

/** A name as a PromQL regex inside a double-quoted string: dots escaped (`\\.`). */
function promRegex(name: string): string {
  return name.replace(/\./g, '\\\\.');
}
