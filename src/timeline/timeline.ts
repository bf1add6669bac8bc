// What a backup plan keeps over a year at steady state: from each rule's runs
// (robfig's Next, as Velero runs them) and ttl, the backups that exist at any
// time, the worst-case age of the newest one (the recovery point objective)
// and how far back the oldest reaches.
import { Duration } from 'cdk8s';
import { checkSchedule } from '../time/cron';
import { longestRunGap, runsBetween, yearWindow } from '../time/cron-runs';
import { durationNanos } from '../time/go-duration';
import { VELERO_DEFAULT_TTL_NANOS } from '../validation/retention';

/** A written ttl in whole seconds; Velero's default where none (or zero, which Velero reads as none) is written. */
export function ttlSeconds(ttl: Duration | undefined): number {
  const nanos = ttl ? durationNanos(ttl).nanos : 0n;
  return Number((nanos === 0n ? VELERO_DEFAULT_TTL_NANOS : nanos) / 1_000_000_000n);
}

/** One rule as the timeline sees it. */
export interface TimelineRule {
  readonly name: string;
  /** The written `spec.schedule`. */
  readonly schedule: string;
  /** The written `ttl` in seconds (Velero's 720h when unset). */
  readonly ttlSeconds: number;
}

export interface RuleTimeline extends TimelineRule {
  readonly zone: string;
  /** The longest interval between two runs, in seconds. */
  readonly longestIntervalSeconds: number;
  /** The first runs of the year, unix seconds. */
  readonly firstRuns: number[];
  /** How many backups of the rule (per Schedule) exist at steady state, at least and at most. */
  readonly keptMin: number;
  readonly keptMax: number;
}

export interface PlanTimeline {
  readonly year: number;
  readonly rules: RuleTimeline[];
  /** The worst-case age of the newest backup of the plan, in seconds, at the times when one exists. */
  readonly recoveryPointSeconds: number;
  /** The longest time with no backup of the plan at all, in seconds: 0 unless a rule accepts a retention gap. */
  readonly uncoveredSeconds: number;
  /** How far back the oldest backup reaches, at least and at most, in seconds. */
  readonly horizonMinSeconds: number;
  readonly horizonMaxSeconds: number;
  /** Backups per scope (system or user) at steady state, at least and at most. */
  readonly keptMin: number;
  readonly keptMax: number;
}

export interface RuleRuns {
  readonly rule: TimelineRule;
  readonly zone: string;
  readonly runs: number[];
  readonly longest: number;
}

/** Each rule's runs, from early enough that the year starts at steady state; undefined if one cannot be simulated. */
export function ruleRunsOf(rules: readonly TimelineRule[], year: number): RuleRuns[] | undefined {
  const { start, end } = yearWindow('UTC', year);
  const ruleRuns: RuleRuns[] = [];
  for (const rule of rules) {
    const parsed = checkSchedule(rule.schedule).parsed;
    const gap = longestRunGap(rule.schedule, year);
    if (!parsed || gap === undefined || gap === 'never') return undefined;
    const from = start - rule.ttlSeconds - 2 * gap.seconds;
    ruleRuns.push({ rule, zone: parsed.zone, runs: runsBetween(parsed, from, end + gap.seconds), longest: gap.seconds });
  }
  return ruleRuns.length > 0 ? ruleRuns : undefined;
}

/** The timeline of rules whose schedules Velero accepts and that run; undefined otherwise. */
export function planTimeline(rules: readonly TimelineRule[], year: number): PlanTimeline | undefined {
  const { start, end } = yearWindow('UTC', year);
  const ruleRuns = ruleRunsOf(rules, year);
  if (!ruleRuns) return undefined;

  const alive = (r: RuleRuns, t: number) => upperBound(r.runs, t) - upperBound(r.runs, t - r.rule.ttlSeconds);
  // Counts rise at runs and fall at expiries: the extremes are at those instants.
  const moments = new Set<number>([start]);
  for (const r of ruleRuns) {
    for (const run of r.runs) {
      for (const t of [run, run - 1, run + r.rule.ttlSeconds, run + r.rule.ttlSeconds - 1]) {
        if (t >= start && t < end) moments.add(t);
      }
    }
  }
  const times = [...moments].sort((a, b) => a - b);

  const rulesOut: RuleTimeline[] = ruleRuns.map(r => {
    const counts = extremes(times.map(t => alive(r, t)));
    const { start: zoneStart } = yearWindow(r.zone, year);
    return {
      ...r.rule,
      zone: r.zone,
      longestIntervalSeconds: r.longest,
      firstRuns: r.runs.filter(run => run >= zoneStart).slice(0, 3),
      keptMin: counts.min,
      keptMax: counts.max,
    };
  });

  const totals = extremes(times.map(t => ruleRuns.reduce((sum, r) => sum + alive(r, t), 0)));
  const horizons = times.map(t => {
    let oldest = Infinity;
    for (const r of ruleRuns) {
      const first = upperBound(r.runs, t - r.rule.ttlSeconds);
      if (first < r.runs.length && r.runs[first] <= t) oldest = Math.min(oldest, r.runs[first]);
    }
    return oldest === Infinity ? 0 : t - oldest;
  });
  // Measured a second before an expiry: the supremum is that second on.
  const horizon = extremes(horizons.map((h, i) => moments.has(times[i] + 1) ? h + 1 : h));

  // The newest backup is oldest just before a run or an expiry; none exists before a run if every earlier one has expired.
  const backups = ruleRuns.flatMap(r => r.runs.map(run => ({ run, expiry: run + r.rule.ttlSeconds }))).sort((a, b) => a.run - b.run);
  const runs = backups.map(b => b.run);
  let recoveryPoint = 0;
  const newestAge = (t: number) => {
    // Alive just before t: started before t, expires at t or later.
    let k = upperBound(runs, t - 1) - 1;
    while (k >= 0 && backups[k].expiry < t) k--;
    if (k >= 0) recoveryPoint = Math.max(recoveryPoint, t - backups[k].run);
  };
  let uncovered = 0;
  let latestExpiry = -Infinity;
  for (let i = 0; i < backups.length; i++) {
    const { run, expiry } = backups[i];
    if (i > 0 && run > start && backups[i - 1].run < end) {
      if (latestExpiry >= run) newestAge(run); else uncovered = Math.max(uncovered, run - latestExpiry);
    }
    if (expiry > start && expiry <= end) newestAge(expiry);
    latestExpiry = Math.max(latestExpiry, expiry);
  }

  return {
    year,
    rules: rulesOut,
    recoveryPointSeconds: recoveryPoint,
    uncoveredSeconds: uncovered,
    horizonMinSeconds: horizon.min,
    horizonMaxSeconds: horizon.max,
    keptMin: totals.min,
    keptMax: totals.max,
  };
}

/** The smallest and largest item, without spreading a list of any length into arguments. */
function extremes(values: readonly number[]): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return { min, max };
}

/** The number of items of the sorted list that are at most `value`. */
function upperBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (sorted[mid] <= value) lo = mid + 1; else hi = mid;
  }
  return lo;
}
