// Velero's objects as the commands read them back from the API server, and
// plain judgements on them (no cluster here; test/cli-restore.test.ts).
import { checkSchedule } from '../time/cron';
import { longestRunGap } from '../time/cron-runs';

export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  creationTimestamp?: string | Date;
  [key: string]: unknown;
}

export interface BackupObject {
  metadata: ObjectMeta;
  spec?: { storageLocation?: string; [key: string]: unknown };
  status?: {
    phase?: string;
    startTimestamp?: string | Date;
    completionTimestamp?: string | Date;
    expiration?: string | Date;
    progress?: { itemsBackedUp?: number; totalItems?: number };
    warnings?: number;
    errors?: number;
    failureReason?: string;
    validationErrors?: string[];
  };
}

export interface RestoreObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec?: {
    backupName?: string;
    scheduleName?: string;
    includedNamespaces?: string[];
    excludedNamespaces?: string[];
    includedResources?: string[];
    excludedResources?: string[];
    includeClusterResources?: boolean;
    namespaceMapping?: Record<string, string>;
    labelSelector?: unknown;
    orLabelSelectors?: unknown[];
    existingResourcePolicy?: string;
    resourceModifier?: { kind?: string; name?: string };
    [key: string]: unknown;
  };
  status?: {
    phase?: string;
    startTimestamp?: string | Date;
    completionTimestamp?: string | Date;
    progress?: { itemsRestored?: number; totalItems?: number };
    warnings?: number;
    errors?: number;
    failureReason?: string;
    validationErrors?: string[];
  };
}

export interface ScheduleObject {
  metadata: ObjectMeta;
  spec?: { schedule?: string; paused?: boolean; [key: string]: unknown };
  status?: { phase?: string; lastBackup?: string | Date; validationErrors?: string[] };
}

export interface LocationObject {
  metadata: ObjectMeta;
  spec?: { default?: boolean; objectStorage?: { bucket?: string; prefix?: string }; [key: string]: unknown };
  status?: { phase?: string; message?: string; lastValidationTime?: string | Date };
}

/** The label Velero puts on each backup a Schedule creates. */
export const SCHEDULE_LABEL = 'velero.io/schedule-name';

/** Velero's final phases of a Restore. */
export const RESTORE_FINAL_PHASES = ['Completed', 'PartiallyFailed', 'Failed', 'FailedValidation'] as const;

export function isFinalRestorePhase(phase: string | undefined): boolean {
  return (RESTORE_FINAL_PHASES as readonly string[]).includes(phase ?? '');
}

/** A time as the client returns it (a Date, or a string in raw JSON), in ms; undefined when absent or unreadable. */
export function timeOf(value: string | Date | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** One line of a Restore's progress: `InProgress, 35/59 items (2 warnings)`, `FailedValidation: ...`. */
export function restoreProgress(restore: RestoreObject): string {
  const status = restore.status ?? {};
  const phase = status.phase || 'New';
  const items = status.progress?.totalItems !== undefined ? `, ${status.progress.itemsRestored ?? 0}/${status.progress.totalItems} items` : '';
  const counts = [status.errors ? `${status.errors} errors` : '', status.warnings ? `${status.warnings} warnings` : ''].filter(Boolean).join(', ');
  const why = [...(status.validationErrors ?? []), ...(status.failureReason ? [status.failureReason] : [])];
  return `${phase}${items}${counts ? ` (${counts})` : ''}${why.length > 0 ? `: ${why.join('; ')}` : ''}`;
}

/**
 * The time in a scheduled backup's name (`<schedule>-<yyyyMMddHHmmss>`, UTC,
 * as Velero names them), in ms; undefined for a name without one.
 */
export function nameTimestamp(name: string): number | undefined {
  const m = /-(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(name);
  if (!m) return undefined;
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * The longest interval between two runs of a Schedule's `spec.schedule`, in
 * seconds, by the robfig simulation the retention check and the alerts use:
 * the longer of the year of `at` and the year before (an interval that spans
 * New Year counts). Undefined for a schedule Velero cannot parse or that never runs.
 */
export function scheduleIntervalSeconds(schedule: string | undefined, at: number): number | undefined {
  if (schedule === undefined || !checkSchedule(schedule).parsed) return undefined;
  const year = new Date(at).getUTCFullYear();
  const gaps = [year - 1, year].map(y => longestRunGap(schedule, y)).filter((g): g is { seconds: number; startUnix: number } => typeof g === 'object');
  return gaps.length > 0 ? Math.max(...gaps.map(g => g.seconds)) : undefined;
}

/** `3d4h`, `25m`, `40s`: a duration for people, two units at most. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const units: Array<[string, number]> = [['d', 86_400], ['h', 3600], ['m', 60], ['s', 1]];
  const first = units.findIndex(([, size]) => s >= size);
  if (first < 0) return '0s';
  const [unit, size] = units[first];
  const rest = s % size;
  const next = units[first + 1];
  const second = next && Math.floor(rest / next[1]) > 0 ? `${Math.floor(rest / next[1])}${next[0]}` : '';
  return `${Math.floor(s / size)}${unit}${second}`;
}

/** The system Schedule's name prefix and the user one's, by the guide's and every plan rule's naming rule. */
const SYSTEM_PREFIX = 'kyma-system-backup';
const USER_PREFIX = 'kyma-backup';

/**
 * The pairs of Schedules among `names`: the guide's pair (`kyma-system-backup`
 * and `kyma-backup`) and each plan rule's (`kyma-system-backup-<rule>` and
 * `kyma-backup-<rule>`), as KymaBackupSchedule and KymaBackupPlan name them
 * with their default prefixes. Only pairs whose two halves both exist.
 */
export function schedulePairs(names: readonly string[]): Array<{ system: string; user: string }> {
  const known = new Set(names);
  const pairs: Array<{ system: string; user: string }> = [];
  for (const name of [...names].sort()) {
    if (name !== SYSTEM_PREFIX && !name.startsWith(`${SYSTEM_PREFIX}-`)) continue;
    const user = `${USER_PREFIX}${name.slice(SYSTEM_PREFIX.length)}`;
    if (known.has(user)) pairs.push({ system: name, user });
  }
  return pairs;
}
