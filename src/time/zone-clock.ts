// Wall-clock arithmetic in an IANA time zone, on whole unix seconds, with the
// offsets of the runtime's time zone data (Intl). Offsets are looked up from a
// table of transitions built per year on first use, so that simulating a year
// of runs costs arithmetic, not one Intl call per step.

/** A local date and time, as Go's `time.Time` methods report it in a location. */
export interface WallTime {
  readonly year: number;
  readonly month: number; // 1-12
  readonly day: number; // 1-31
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly weekday: number; // 0 = Sunday
}

const SECONDS_PER_DAY = 86_400;
/** Offsets are sampled this far apart; zones never change offset twice within it. */
const SAMPLE_SECONDS = 3 * 3600;

const supported = new Map<string, boolean>();

/** Whether the runtime's time zone data knows `zone` (Go's has a few names, such as Factory, that ICU lacks). */
export function zoneSupported(zone: string): boolean {
  let known = supported.get(zone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      known = true;
    } catch {
      known = false;
    }
    supported.set(zone, known);
  }
  return known;
}

/** Clocks by zone, shared by all callers. */
const clocks = new Map<string, ZoneClock>();

export class ZoneClock {
  /** The clock of an IANA zone (`UTC` for UTC). */
  public static of(zone: string): ZoneClock {
    let clock = clocks.get(zone);
    if (!clock) {
      clock = new ZoneClock(zone);
      clocks.set(zone, clock);
    }
    return clock;
  }

  private readonly format?: Intl.DateTimeFormat;
  /** Per UTC year: the offset at its start and each change within it, in order. */
  private readonly years = new Map<number, { readonly at: number[]; readonly offset: number[] }>();

  private constructor(public readonly zone: string) {
    if (zone !== 'UTC') {
      this.format = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    }
  }

  /** Seconds east of UTC at the instant `unix`. */
  public offsetAt(unix: number): number {
    if (!this.format) return 0;
    const table = this.yearTable(utcYear(unix));
    const { at, offset } = table;
    // The last change at or before `unix` (at[0] is the year's start).
    let lo = 0;
    let hi = at.length - 1;
    while (lo < hi) {
      const mid = Math.floor((lo + hi + 1) / 2);
      if (at[mid] <= unix) lo = mid; else hi = mid - 1;
    }
    return offset[lo];
  }

  /** The local wall time at `unix`. */
  public wall(unix: number): WallTime {
    return civil(unix + this.offsetAt(unix));
  }

  /**
   * Go's `time.Date(year, month, day, hour, minute, second, 0, loc)`: fields
   * out of range carry over; a wall time that the zone skips or repeats gets
   * the offset Go's lookup gives it.
   */
  public date(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
    // Normalise the month into the year first, as Go does; the rest is linear.
    const m0 = month - 1;
    const y = year + Math.floor(m0 / 12);
    const m = ((m0 % 12) + 12) % 12 + 1;
    const local = (daysFromCivil(y, m, 1) + day - 1) * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second;
    // Go looks the offset up at the local time read as UTC; when the instant
    // that offset gives lies in another zone period, it takes that period's offset.
    const guess = this.offsetAt(local);
    const utc = local - guess;
    return local - this.offsetAt(utc);
  }

  private yearTable(year: number): { readonly at: number[]; readonly offset: number[] } {
    let table = this.years.get(year);
    if (!table) {
      const start = daysFromCivil(year, 1, 1) * SECONDS_PER_DAY;
      const end = daysFromCivil(year + 1, 1, 1) * SECONDS_PER_DAY;
      const at = [start];
      const offset = [this.intlOffset(start)];
      let previous = offset[0];
      for (let t = start + SAMPLE_SECONDS; ; t = Math.min(t + SAMPLE_SECONDS, end)) {
        const current = this.intlOffset(t);
        if (current !== previous) {
          // Narrow the change down to the second.
          let lo = t - SAMPLE_SECONDS; // offset there: previous
          let hi = t; // offset there: current
          while (hi - lo > 1) {
            const mid = Math.floor((lo + hi) / 2);
            if (this.intlOffset(mid) === previous) lo = mid; else hi = mid;
          }
          at.push(hi);
          offset.push(current);
          previous = current;
        }
        if (t >= end) break;
      }
      table = { at, offset };
      this.years.set(year, table);
    }
    return table;
  }

  private intlOffset(unix: number): number {
    const parts = this.format!.formatToParts(new Date(unix * 1000));
    const get = (type: string) => Number(parts.find(p => p.type === type)!.value);
    const local = daysFromCivil(get('year'), get('month'), get('day')) * SECONDS_PER_DAY + get('hour') * 3600 + get('minute') * 60 + get('second');
    return local - unix;
  }
}

function utcYear(unix: number): number {
  return civil(unix).year;
}

/** The fields of a count of seconds since 1970-01-01T00:00 (read as UTC). */
export function civil(seconds: number): WallTime {
  const days = Math.floor(seconds / SECONDS_PER_DAY);
  const inDay = seconds - days * SECONDS_PER_DAY;
  // Howard Hinnant's civil_from_days.
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return {
    year,
    month,
    day,
    hour: Math.floor(inDay / 3600),
    minute: Math.floor((inDay % 3600) / 60),
    second: inDay % 60,
    weekday: (((days + 4) % 7) + 7) % 7,
  };
}

/** Days from 1970-01-01 to a proleptic Gregorian date (Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** `2027-03-27 02:30 UTC+01:00`: a run as the zone's clocks show it. */
export function formatWallTime(unix: number, zone: string): string {
  const offset = ZoneClock.of(zone).offsetAt(unix);
  const w = civil(unix + offset);
  const pad = (n: number) => String(n).padStart(2, '0');
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const seconds = w.second !== 0 ? `:${pad(w.second)}` : '';
  return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}${seconds} UTC${sign}${pad(Math.floor(abs / 3600))}:${pad(Math.floor(abs % 3600 / 60))}`;
}
