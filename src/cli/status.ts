// What `kyma-backup status` judges, as a plain function over what it read:
// each storage location, each Schedule's last and last successful backup,
// whether that success is overdue (the Schedule's longest interval by the
// robfig simulation, plus a margin: the alerts' rule), and the halves of each
// pair out of step (test/cli-status.test.ts).
import { QUEUE_STALL_MS, queueIdleSince, queueStallMessage, queueStalled } from './backup-queue';
import { sameRun } from './preflight';
import {
  BackupObject, LocationObject, SCHEDULE_LABEL, ScheduleObject, formatAge, schedulePairs, scheduleIntervalSeconds, timeOf,
} from './velero-state';

/** The margin of the alerts (KymaBackupAlerts' default): added to a Schedule's longest interval. */
export const DEFAULT_MARGIN_MS = 3600_000;

export interface BackupSummary {
  readonly name: string;
  readonly phase: string;
  /** Since it started (or was created), ms. */
  readonly ageMs?: number;
  /** Until it expires, ms (negative: expired). */
  readonly expiresInMs?: number;
  readonly items?: number;
  readonly warnings: number;
  readonly errors: number;
}

export interface ScheduleStatus {
  readonly name: string;
  readonly schedule?: string;
  readonly paused: boolean;
  readonly phase?: string;
  /** The longest interval between two of its runs, s (undefined: Velero cannot parse its schedule). */
  readonly intervalSeconds?: number;
  readonly lastBackup?: BackupSummary;
  readonly lastSuccessful?: BackupSummary;
  readonly overdue: boolean;
  readonly failed: boolean;
}

export interface LocationStatus {
  readonly name: string;
  readonly phase: string;
  readonly default: boolean;
  readonly message?: string;
  readonly available: boolean;
}

export interface PairStatus {
  readonly system: string;
  readonly user: string;
  readonly inStep: boolean;
  readonly reason: string;
}

export interface ClusterStatus {
  readonly locations: LocationStatus[];
  readonly schedules: ScheduleStatus[];
  readonly pairs: PairStatus[];
  /** What makes status exit 1: a location not Available, a Schedule overdue or whose last backup failed, a stopped backup queue. */
  readonly problems: string[];
  /** Worth knowing: a paused Schedule, halves out of step. */
  readonly warnings: string[];
}

const FAILED_PHASES = ['PartiallyFailed', 'Failed', 'FailedValidation'];

function startOf(b: BackupObject): number {
  return timeOf(b.status?.startTimestamp) ?? timeOf(b.metadata.creationTimestamp) ?? 0;
}

function summary(b: BackupObject, now: number): BackupSummary {
  const started = timeOf(b.status?.startTimestamp) ?? timeOf(b.metadata.creationTimestamp);
  const expires = timeOf(b.status?.expiration);
  return {
    name: b.metadata.name,
    phase: b.status?.phase || 'New',
    ageMs: started !== undefined ? now - started : undefined,
    expiresInMs: expires !== undefined ? expires - now : undefined,
    items: b.status?.progress?.itemsBackedUp,
    warnings: b.status?.warnings ?? 0,
    errors: b.status?.errors ?? 0,
  };
}

export function clusterStatus(locations: readonly LocationObject[], schedules: readonly ScheduleObject[], backups: readonly BackupObject[],
  now: number, marginMs: number = DEFAULT_MARGIN_MS, namespace: string = 'kyma-backup'): ClusterStatus {
  const problems: string[] = [];
  const warnings: string[] = [];
  const locationStatus = [...locations].sort((a, b) => a.metadata.name.localeCompare(b.metadata.name)).map(l => {
    const phase = l.status?.phase || 'Unknown';
    const available = phase === 'Available';
    if (!available) problems.push(`BackupStorageLocation ${l.metadata.name} is ${phase === 'Unknown' ? 'not validated yet' : phase}${l.status?.message ? `: ${l.status.message}` : ''}`);
    return { name: l.metadata.name, phase, default: l.spec?.default === true, message: l.status?.message, available };
  });
  if (locations.length === 0) problems.push('no BackupStorageLocation');

  const lastSuccess = new Map<string, BackupObject>();
  const scheduleStatus = [...schedules].sort((a, b) => a.metadata.name.localeCompare(b.metadata.name)).map(s => {
    const name = s.metadata.name;
    const own = backups.filter(b => b.metadata.labels?.[SCHEDULE_LABEL] === name).sort((a, b) => startOf(b) - startOf(a));
    const last = own[0];
    const success = own.find(b => b.status?.phase === 'Completed');
    if (success) lastSuccess.set(name, success);
    const interval = scheduleIntervalSeconds(s.spec?.schedule, now);
    let overdue = false;
    const limit = interval !== undefined ? interval * 1000 + marginMs : undefined;
    const limitText = limit !== undefined ? `its longest interval ${formatAge(interval! * 1000)} plus ${formatAge(marginMs)}` : '';
    if (interval === undefined) {
      problems.push(`Schedule ${name}: its schedule ${JSON.stringify(s.spec?.schedule ?? '')} is not one Velero runs, so it takes no backup`);
    } else if (success) {
      const at = timeOf(success.status?.completionTimestamp) ?? startOf(success);
      if (now - at > limit!) {
        overdue = true;
        problems.push(`Schedule ${name} is overdue: its last successful backup ${success.metadata.name} completed ${formatAge(now - at)} ago, more than ${limitText}`);
      }
    } else {
      const created = timeOf(s.metadata.creationTimestamp);
      if (created !== undefined && now - created > limit!) {
        overdue = true;
        problems.push(`Schedule ${name} is overdue: no successful backup since it was created ${formatAge(now - created)} ago, more than ${limitText}`);
      }
    }
    const failed = last !== undefined && FAILED_PHASES.includes(last.status?.phase ?? '');
    if (failed) {
      problems.push(`Schedule ${name}: its last backup ${last.metadata.name} ended ${last.status?.phase}`
        + `${last.status?.failureReason ? `: ${last.status.failureReason}` : ''}${(last.status?.validationErrors ?? []).length > 0 ? `: ${last.status!.validationErrors!.join('; ')}` : ''}`);
    }
    if (s.status?.phase === 'FailedValidation') {
      problems.push(`Schedule ${name} is FailedValidation: ${(s.status.validationErrors ?? []).join('; ')}`);
    }
    if (s.spec?.paused === true) warnings.push(`Schedule ${name} is paused: it takes no backup until it is unpaused`);
    return {
      name,
      schedule: s.spec?.schedule,
      paused: s.spec?.paused === true,
      phase: s.status?.phase,
      intervalSeconds: interval,
      lastBackup: last && summary(last, now),
      lastSuccessful: success && summary(success, now),
      overdue,
      failed,
    };
  });

  const pairs = schedulePairs(schedules.map(s => s.metadata.name)).flatMap(({ system, user }) => {
    const [a, b] = [lastSuccess.get(system), lastSuccess.get(user)];
    if (!a || !b) return [];
    const run = sameRun(a, b, schedules);
    if (!run.same) warnings.push(`the halves ${system} and ${user} are out of step: their last successful backups are not of one run (${run.reason})`);
    return [{ system, user, inStep: run.same, reason: run.reason }];
  });
  // Velero's queue can stop for good (velero#10519): Backups Queued, none running, nothing moving.
  const idle = queueIdleSince(backups);
  if (idle && queueStalled(idle.since, now, QUEUE_STALL_MS)) problems.push(queueStallMessage(idle.queued, now - idle.since, namespace));
  return { locations: locationStatus, schedules: scheduleStatus, pairs, problems, warnings };
}
