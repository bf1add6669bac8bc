// The decisions of `kyma-backup apply`, as plain functions over what the API
// server returned: what changed, whether a location is ready, whether a Backup
// has ended, and the exit code (test/cli-apply.test.ts).
import { ExitCode, ExitCodeValue } from './errors';
import type { ManifestObject } from './manifests';

/** What applying one object did, by its resourceVersion before and after (kubectl's words). */
export type Change = 'created' | 'configured' | 'unchanged';

export function changeOf(before: string | undefined, after: string | undefined): Change {
  if (before === undefined) return 'created';
  return before === after ? 'unchanged' : 'configured';
}

/**
 * Whether the spec of a Backup as the manifest gives it differs from the one
 * stored. Velero rewrites a Backup's spec when it takes it (it appends the
 * resources it always leaves out to `excludedResources` and its scoped
 * variants, and fills in defaults such as `ttl`), so only the fields the
 * manifest sets count, and an `excluded…` list only by the elements the
 * manifest gives.
 */
export function backupSpecDiffers(manifest: Record<string, unknown> | undefined, stored: Record<string, unknown> | undefined): boolean {
  const stored_ = stored ?? {};
  return Object.entries(manifest ?? {}).some(([key, value]) => {
    const current = stored_[key];
    if (/^excluded/i.test(key) && Array.isArray(value) && Array.isArray(current)) {
      return !value.every(v => current.some(c => JSON.stringify(c) === JSON.stringify(v)));
    }
    return canonical(value) !== canonical(current);
  });
}

/**
 * What apply sends for a Schedule that exists. `skipImmediately: true` skips
 * the first run once: Velero then sets it back to `false` (and so owns the
 * field), and sending `true` again would conflict with velero-server. So when
 * the manifest says `true` and the stored Schedule `false`, the field is left
 * out: the skip has happened.
 */
export function scheduleToApply(manifest: ManifestObject, stored: ManifestObject | undefined): ManifestObject {
  const spec = manifest.spec as Record<string, unknown> | undefined;
  const storedSpec = stored?.spec as Record<string, unknown> | undefined;
  if (spec?.skipImmediately !== true || storedSpec?.skipImmediately !== false) return manifest;
  const { skipImmediately: _skipped, ...rest } = spec;
  return { ...manifest, spec: rest };
}

/** JSON with object keys in order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map(k => `${JSON.stringify(k)}:${canonical((value as any)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/** `2 created, 1 configured, 5 unchanged`: the parts that are not zero, or `nothing applied`. */
export function changeSummary(changes: readonly Change[]): string {
  const parts = (['created', 'configured', 'unchanged'] as const)
    .map(c => [c, changes.filter(x => x === c).length] as const)
    .filter(([, n]) => n > 0)
    .map(([c, n]) => `${n} ${c}`);
  return parts.length > 0 ? parts.join(', ') : 'nothing applied';
}

/** A BackupStorageLocation as apply reads it back. */
export interface LocationState {
  readonly status?: { phase?: string; message?: string; lastValidationTime?: string };
}

export type LocationVerdict = { readonly ready: true } | { readonly ready: false; readonly reason: string };

/**
 * Whether a storage location apply created or changed is ready for Backups:
 * Velero must have validated it since it was applied and found it `Available`
 * (Velero refuses a Backup whose location is in any other phase, and never
 * retries it). A changed location keeps its old phase until Velero revalidates
 * it (at once, on a change of its spec), so it counts only once its
 * `lastValidationTime` is not before the apply. Timestamps are in whole seconds.
 * An unchanged location (`appliedAt` undefined) must be `Available` as it is:
 * the Backups that use it would be refused too.
 */
export function locationVerdict(location: LocationState, appliedAt: Date | undefined): LocationVerdict {
  const status = location.status ?? {};
  const validated = status.lastValidationTime ? Date.parse(status.lastValidationTime) : NaN;
  // An unchanged location (no appliedAt) counts by its phase as it is.
  const sinceApply = appliedAt === undefined || (!Number.isNaN(validated) && validated >= Math.floor(appliedAt.getTime() / 1000) * 1000);
  if (!status.phase || !sinceApply) return { ready: false, reason: 'Velero has not validated it yet' };
  if (status.phase === 'Available') return { ready: true };
  return { ready: false, reason: `it is ${status.phase}${status.message ? `: ${status.message}` : ''}` };
}

/** Velero's final phases of a Backup. */
export const BACKUP_FINAL_PHASES = ['Completed', 'PartiallyFailed', 'Failed', 'FailedValidation'] as const;

/** A Backup as apply reads it back while it waits. */
export interface BackupState {
  readonly status?: {
    phase?: string;
    progress?: { itemsBackedUp?: number; totalItems?: number };
    validationErrors?: string[];
    failureReason?: string;
    errors?: number;
    warnings?: number;
  };
}

export function isFinalBackupPhase(phase: string | undefined): boolean {
  return (BACKUP_FINAL_PHASES as readonly string[]).includes(phase ?? '');
}

/** One line of progress: `InProgress, 35/59 items`, `New`, `FailedValidation: backup can't be created ...`. */
export function backupProgress(backup: BackupState): string {
  const status = backup.status ?? {};
  const phase = status.phase || 'New';
  const items = status.progress?.totalItems !== undefined ? `, ${status.progress.itemsBackedUp ?? 0}/${status.progress.totalItems} items` : '';
  const why = [...(status.validationErrors ?? []), ...(status.failureReason ? [status.failureReason] : [])];
  const counts = [status.errors ? `${status.errors} errors` : '', status.warnings ? `${status.warnings} warnings` : ''].filter(Boolean).join(', ');
  return `${phase}${items}${counts ? ` (${counts})` : ''}${why.length > 0 ? `: ${why.join('; ')}` : ''}`;
}

/** What apply found at the end, for the exit code. */
export interface ApplyOutcome {
  /** Locations apply waited for that never became ready. */
  readonly unavailableLocations: number;
  /** With --wait: the final phase of each Backup apply created (`undefined`: still running at the timeout). */
  readonly backupPhases: ReadonlyArray<string | undefined>;
}

/** 0 when every location became Available and every awaited Backup `Completed`; 1 otherwise. */
export function applyExitCode(outcome: ApplyOutcome): ExitCodeValue {
  if (outcome.unavailableLocations > 0) return ExitCode.FAILED;
  return outcome.backupPhases.every(p => p === 'Completed') ? ExitCode.OK : ExitCode.FAILED;
}
