// The retention-gap check: a Schedule whose backups expire before the next
// one starts leaves a window with nothing to restore. Velero accepts such a
// Schedule, so refusing it is a deliberate difference (see docs/validation.md).
import { Problem, ProblemKind, problem } from './problem';
import { checkSchedule } from '../time/cron';
import { longestRunGap } from '../time/cron-runs';
import { formatGoNanos, parseGoDuration } from '../time/go-duration';
import { formatWallTime, zoneSupported } from '../time/zone-clock';

/** Velero's `--default-backup-ttl`: what a backup without `ttl` keeps. */
export const VELERO_DEFAULT_TTL_NANOS = 720n * 3600n * 1_000_000_000n;

/**
 * The year whose runs the check simulates unless told otherwise: fixed, so
 * that a synth gives the same result on every day.
 */
export const DEFAULT_RETENTION_CHECK_YEAR = 2027;

const NS = 1_000_000_000n;

/**
 * Whether the Schedule's backups live as long as the longest interval
 * between two of its runs in `year`; `manifest` is the Schedule as written.
 */
export function retentionGapProblems(manifest: any, year: number): Problem[] {
  const schedule = manifest?.spec?.schedule;
  if (typeof schedule !== 'string') return [];
  const check = checkSchedule(schedule);
  if (check.veleroError || check.deliberateError || !check.parsed) return [];
  const ttlText = manifest.spec?.template?.ttl;
  let ttlNanos = VELERO_DEFAULT_TTL_NANOS;
  let byDefault = true;
  if (ttlText !== undefined) {
    const parsed = typeof ttlText === 'string' ? parseGoDuration(ttlText) : undefined;
    // An unreadable or negative ttl is refused by the duration checks already.
    if (!parsed || 'error' in parsed || parsed.nanos < 0n) return [];
    // Velero reads a zero ttl as none: its default applies.
    if (parsed.nanos !== 0n) {
      ttlNanos = parsed.nanos;
      byDefault = false;
    }
  }
  const field = 'spec.template.ttl';
  const defaultTtl = formatGoNanos(VELERO_DEFAULT_TTL_NANOS);
  const shownTtl = ttlText === undefined ? `${defaultTtl} (Velero's default)` : byDefault ? `${ttlText} (so Velero's default, ${defaultTtl})` : ttlText;
  if (!zoneSupported(check.parsed.zone)) {
    // Go's database has a few names (such as Factory) that Node.js' does not.
    return [problem('spec.schedule', schedule, `is in the zone ${check.parsed.zone}, which the time zone data of this Node.js does not have, so its runs cannot be simulated`,
      'a zone Node.js knows, or allowRetentionGap: true to skip the retention-gap check', ProblemKind.DELIBERATE)];
  }
  const gap = longestRunGap(schedule, year);
  if (gap === undefined) return [];
  if (gap === 'never') {
    return [problem('spec.schedule', schedule, `has a run after which robfig/cron finds no next run within five years (simulating ${year})`,
      'a schedule that runs at least once every five years', ProblemKind.DELIBERATE)];
  }
  const gapNanos = BigInt(gap.seconds) * NS;
  if (ttlNanos >= gapNanos) return [];
  const zone = check.parsed.zone;
  const from = formatWallTime(gap.startUnix, zone);
  const to = formatWallTime(gap.startUnix + gap.seconds, zone);
  return [problem(field, shownTtl,
    `keeps each backup for less than the longest interval between two runs of ${JSON.stringify(schedule)} in ${year}: `
    + `${formatGoNanos(gapNanos)} from the run at ${from} to the next at ${to}, `
    + `so for ${formatGoNanos(gapNanos - ttlNanos)} no backup of this Schedule exists`,
    `a ttl of at least ${formatGoNanos(gapNanos)}, or allowRetentionGap: true to accept the gap`, ProblemKind.DELIBERATE)];
}
