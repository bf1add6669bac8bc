// Whether Velero's backup queue has stopped: Backups `Queued` while none is
// being taken. Velero v1.18.1 can lose count of its running backups when one
// fails validation at once (velero#10519: the queue marks a backup
// ReadyToStart, the backup controller finishes it, and only then does the
// queue count it as running, for good). From then on it leaves every Backup
// `Queued` until the server restarts. The queue rechecks once a minute, so a
// few minutes with nothing running tell a stop from a busy queue.

/** Phases in which Velero counts a backup as running (its queue waits for them). */
export const RUNNING_BACKUP_PHASES: readonly string[] = ['ReadyToStart', 'InProgress'];

/** How long Backups may stay `Queued` with nothing running before the queue counts as stopped. */
export const QUEUE_STALL_MS = 3 * 60_000;

/** A Backup as the queue check reads it. */
export interface QueuedBackupState {
  readonly metadata?: { readonly name?: string };
  readonly status?: { readonly phase?: string; readonly queuePosition?: number };
}

/** The names of the Backups that are `Queued`, when no Backup of the namespace runs; empty otherwise. */
export function queuedWhileIdle(backups: readonly QueuedBackupState[]): string[] {
  if (backups.some(b => RUNNING_BACKUP_PHASES.includes(b.status?.phase ?? ''))) return [];
  return backups.filter(b => b.status?.phase === 'Queued').map(b => b.metadata?.name ?? '?').sort();
}

/**
 * Since when the queue has been idle with Backups waiting: `undefined` while
 * it is not, the earlier time while it stays so (`since` is the value of the
 * previous observation).
 */
export function idleSince(since: number | undefined, now: number, queued: readonly string[]): number | undefined {
  if (queued.length === 0) return undefined;
  return since ?? now;
}

/** Whether an idle queue has been so long enough to count as stopped. */
export function queueStalled(since: number | undefined, now: number, stallMs: number = QUEUE_STALL_MS): boolean {
  return since !== undefined && now - since >= stallMs;
}

/** What to tell the user when the queue has stopped. */
export function queueStallMessage(queued: readonly string[], idleMs: number, namespace: string): string {
  const minutes = Math.floor(idleMs / 60_000);
  const names = queued.length > 3 ? `${queued.slice(0, 3).join(', ')} and ${queued.length - 3} more` : queued.join(', ');
  return `Velero's backup queue has not moved for ${minutes} min: ${queued.length === 1 ? 'Backup' : 'Backups'} ${names} `
    + `${queued.length === 1 ? 'is' : 'are'} Queued and no backup is running. Velero v1.18.1 stops its queue like this after a `
    + 'Backup that fails validation at once (velero#10519); it resumes when the Velero server restarts, '
    + `e.g. kubectl -n ${namespace} rollout restart deployment/velero`;
}

/** When a Backup ended (or started, or was created): the last sign of the queue moving it. */
export interface BackupTimes extends QueuedBackupState {
  readonly metadata?: { readonly name?: string; readonly creationTimestamp?: string | Date };
  readonly status?: QueuedBackupState['status'] & { readonly completionTimestamp?: string | Date; readonly startTimestamp?: string | Date };
}

function millis(value: string | Date | undefined): number | undefined {
  if (value === undefined) return undefined;
  const t = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isNaN(t) ? undefined : t;
}

/**
 * For one look at the Backups (`kyma-backup status`): since when the queue has
 * not moved, when Backups are Queued and none runs. The queue last moved when
 * the newest of these happened: a Backup started or ended, or the oldest
 * Queued one arrived. `undefined` when nothing is Queued or a Backup runs.
 */
export function queueIdleSince(backups: readonly BackupTimes[]): { readonly queued: string[]; readonly since: number } | undefined {
  const queued = queuedWhileIdle(backups);
  if (queued.length === 0) return undefined;
  const arrivals = backups.filter(b => b.status?.phase === 'Queued').map(b => millis(b.metadata?.creationTimestamp)).filter((t): t is number => t !== undefined);
  const moves = backups.flatMap(b => [millis(b.status?.startTimestamp), millis(b.status?.completionTimestamp)])
    .filter((t): t is number => t !== undefined);
  const events = [...moves, ...(arrivals.length > 0 ? [Math.min(...arrivals)] : [])];
  if (events.length === 0) return undefined;
  return { queued, since: Math.max(...events) };
}
