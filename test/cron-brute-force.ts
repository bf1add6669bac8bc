// A brute-force model of when a cron schedule runs, for checking the exact
// simulation in src/validation/cron-runs.ts: every minute of the span is
// visited, its wall time read from Intl (per quarter hour, when zones change
// offset), and a run is a minute whose wall time matches the fields.
import { CronFields } from '../src/time/cron';

const QUARTER = 900;

/** Offsets per quarter hour from `from`, by zone, filled on demand. */
function offsetsOf(zone: string): (unix: number) => number {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  });
  const cache = new Map<number, number>();
  return unix => {
    const slot = Math.floor(unix / QUARTER);
    let offset = cache.get(slot);
    if (offset === undefined) {
      const at = slot * QUARTER;
      const parts = Object.fromEntries(format.formatToParts(new Date(at * 1000)).map(p => [p.type, Number(p.value)]));
      offset = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) / 1000 - at;
      cache.set(slot, offset);
    }
    return offset;
  };
}

function matches(s: CronFields, local: Date): boolean {
  const day = s.days[local.getUTCDate()];
  const weekday = s.weekdays[local.getUTCDay()];
  const dayOk = s.daysStar || s.weekdaysStar ? day && weekday : day || weekday;
  return s.minutes[local.getUTCMinutes()] && s.hours[local.getUTCHours()] && s.months[local.getUTCMonth() + 1] && dayOk;
}

/**
 * The longest interval between runs that touches `year` (from the last run at
 * or before the year's first local midnight to the first run at or after the
 * next), found minute by minute; `never` if no run within five years before.
 */
export function bruteForceLongestGap(s: CronFields, year: number): { seconds: number; startUnix: number } | 'never' {
  const offset = offsetsOf(s.zone);
  const localMidnight = (y: number) => {
    const guess = Date.UTC(y, 0, 1) / 1000;
    return guess - offset(guess - offset(guess));
  };
  const start = localMidnight(year);
  const end = localMidnight(year + 1);
  const isRun = (unix: number) => {
    const local = unix + offset(unix);
    const inDay = ((local % 86_400) + 86_400) % 86_400;
    // Most minutes fail on the time of day; only those that pass get a Date.
    return s.hours[Math.floor(inDay / 3600)] && s.minutes[Math.floor(inDay % 3600 / 60)] && matches(s, new Date(local * 1000));
  };
  let first: number | undefined;
  for (let t = start; t > start - 5 * 367 * 86_400; t -= 60) {
    if (isRun(t)) {
      first = t;
      break;
    }
  }
  if (first === undefined) return 'never';
  let best = { seconds: 0, startUnix: first };
  let previous = first;
  for (let t = first + 60; ; t += 60) {
    if (t - previous > 5 * 367 * 86_400) return 'never';
    if (!isRun(t)) continue;
    if (t - previous > best.seconds) best = { seconds: t - previous, startUnix: previous };
    previous = t;
    if (t >= end) return best;
  }
}
