// When a Velero Schedule runs: robfig/cron v3's `Next`, which Velero's schedule
// controller calls with the last backup's time, re-implemented step for step
// on unix seconds (daylight-saving quirks included), and the longest interval
// between two runs over a year, which the retention-gap check compares with `ttl`.
import { CronFields, ParsedSchedule, checkSchedule } from './cron';
import { ZoneClock, zoneSupported } from './zone-clock';

/** robfig gives up (returns the zero time) after this many years without a run. */
const YEAR_LIMIT = 5;
const HOUR = 3600;
const DAY = 86_400;

/**
 * The run after a run at `unix` (a whole second), or undefined where robfig
 * finds none within five years. In an hour that a clock change repeats,
 * robfig's `Next` can return a time that is not after its input; Velero then
 * finds the Schedule due at once, which is modelled as one second later.
 */
export function nextRun(schedule: ParsedSchedule, unix: number): number | undefined {
  if (schedule.kind === 'every') {
    return unix + schedule.delaySeconds;
  }
  const next = robfigNext(schedule, unix);
  return next !== undefined && next <= unix ? unix + 1 : next;
}

/** robfig's `Next` itself, from any whole second. */
function robfigNext(schedule: ParsedSchedule, unix: number): number | undefined {
  return schedule.kind === 'every' ? unix + schedule.delaySeconds : nextFieldsRun(schedule, ZoneClock.of(schedule.zone), unix);
}

function nextFieldsRun(s: CronFields, clock: ZoneClock, from: number): number | undefined {
  // Inputs are whole seconds, so "the upcoming second" is one second on.
  let t = from + 1;
  let added = false;
  const yearLimit = clock.wall(t).year + YEAR_LIMIT;
  wrap: for (;;) {
    let w = clock.wall(t);
    if (w.year > yearLimit) return undefined;
    while (!s.months[w.month]) {
      if (!added) {
        added = true;
        t = clock.date(w.year, w.month, 1, 0, 0, 0);
        w = clock.wall(t);
      }
      t = clock.date(w.year, w.month + 1, w.day, w.hour, w.minute, w.second);
      w = clock.wall(t);
      if (w.month === 1) continue wrap;
    }
    while (!dayMatches(s, w.day, w.weekday)) {
      if (!added) {
        added = true;
        t = clock.date(w.year, w.month, w.day, 0, 0, 0);
        w = clock.wall(t);
      }
      t = clock.date(w.year, w.month, w.day + 1, w.hour, w.minute, w.second);
      w = clock.wall(t);
      // robfig's repair for zones where midnight is skipped or repeated.
      if (w.hour !== 0) {
        t += w.hour > 12 ? (24 - w.hour) * HOUR : -w.hour * HOUR;
        w = clock.wall(t);
      }
      if (w.day === 1) continue wrap;
    }
    while (!s.hours[w.hour]) {
      if (!added) {
        added = true;
        t = clock.date(w.year, w.month, w.day, w.hour, 0, 0);
      }
      t += HOUR;
      w = clock.wall(t);
      if (w.hour === 0) continue wrap;
    }
    while (!s.minutes[w.minute]) {
      if (!added) {
        added = true;
        t -= mod(t, 60);
      }
      t += 60;
      w = clock.wall(t);
      if (w.minute === 0) continue wrap;
    }
    if (w.second !== 0) {
      // robfig steps a second at a time to second 0 of the next minute (offsets
      // are whole minutes, so the local second is the unix second), then re-checks.
      added = true;
      t += 60 - w.second;
      continue wrap;
    }
    return t;
  }
}

function dayMatches(s: CronFields, day: number, weekday: number): boolean {
  const dayMatch = s.days[day];
  const weekdayMatch = s.weekdays[weekday];
  return s.daysStar || s.weekdaysStar ? dayMatch && weekdayMatch : dayMatch || weekdayMatch;
}

function mod(a: number, b: number): number {
  return ((a % b) + b) % b;
}

/** The longest interval between two consecutive runs, and the run that starts it. */
export interface RunGap {
  readonly seconds: number;
  /** The unix second of the run before the interval. */
  readonly startUnix: number;
}

/** The start and end of a calendar year in a zone, as Go's `time.Date` gives them. */
export function yearWindow(zone: string, year: number): { readonly start: number; readonly end: number } {
  const clock = ZoneClock.of(zone);
  return { start: clock.date(year, 1, 1, 0, 0, 0), end: clock.date(year + 1, 1, 1, 0, 0, 0) };
}

/** How far back the last run before a window is looked for, in turn. */
const LOOK_BACK = [HOUR, DAY, 8 * DAY, 32 * DAY, 367 * DAY, YEAR_LIMIT * 367 * DAY];

/** The last run at or before `at`, or undefined if there is none within about five years. */
function runAtOrBefore(schedule: ParsedSchedule, at: number): number | undefined {
  for (const back of LOOK_BACK) {
    let run = robfigNext(schedule, at - back);
    if (run === undefined || run > at) continue;
    for (let next = nextRun(schedule, run); next !== undefined && next <= at; next = nextRun(schedule, run)) {
      run = next;
    }
    return run;
  }
  return undefined;
}

const gaps = new Map<string, RunGap | 'never'>();
const MAX_GAPS = 1000;

/**
 * The longest interval between consecutive runs that touches the calendar
 * year `year` in the schedule's zone: from the last run at or before the
 * year's start to the first run at or after its end. `never` when the schedule
 * has no run within five years somewhere in that span (robfig gives up then).
 * Undefined for a schedule Velero cannot parse.
 */
export function longestRunGap(spec: string, year: number): RunGap | 'never' | undefined {
  const schedule = checkSchedule(spec).parsed;
  if (!schedule || !zoneSupported(schedule.zone)) return undefined;
  const key = `${year} ${spec}`;
  let gap = gaps.get(key);
  if (!gap) {
    if (gaps.size >= MAX_GAPS) gaps.clear();
    gap = computeLongestGap(schedule, year);
    gaps.set(key, gap);
  }
  return gap;
}

function computeLongestGap(schedule: ParsedSchedule, year: number): RunGap | 'never' {
  const { start, end } = yearWindow(schedule.zone, year);
  if (schedule.kind === 'every') {
    return { seconds: schedule.delaySeconds, startUnix: start };
  }
  const first = runAtOrBefore(schedule, start);
  if (first === undefined) return 'never';
  let best: RunGap = { seconds: 0, startUnix: first };
  for (let run = first; run < end;) {
    const next = nextRun(schedule, run);
    if (next === undefined) return 'never';
    if (next - run > best.seconds) best = { seconds: next - run, startUnix: run };
    run = next;
  }
  return best;
}

/** The runs from the first after `from` up to and including `to`. */
export function runsBetween(schedule: ParsedSchedule, from: number, to: number): number[] {
  const runs: number[] = [];
  for (let run = nextRun(schedule, from); run !== undefined && run <= to; run = nextRun(schedule, run)) {
    runs.push(run);
  }
  return runs;
}
