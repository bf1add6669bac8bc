import { Duration } from 'cdk8s';

const NS_PER_MS = 1_000_000n;
const NS_PER_US = 1_000n;
const NS_PER_S = 1_000_000_000n;

/**
 * The duration in whole nanoseconds, the unit of Go's `time.Duration`.
 *
 * cdk8s durations are counted in milliseconds (possibly fractional); anything
 * below a nanosecond cannot be expressed in Go and is reported by validation.
 */
export function durationNanos(duration: Duration): { nanos: bigint; exact: boolean } {
  // cdk8s keeps the amount and unit the user wrote; read as the decimal it was
  // written as, Duration.hours(1.1) is exactly 1h6m0s, where the milliseconds
  // cdk8s computes in floating point (3960000.0000000005) are not.
  const { amount, unit } = duration as unknown as { amount?: unknown; unit?: { inMillis?: unknown } };
  if (typeof amount === 'number' && Number.isFinite(amount) && typeof unit?.inMillis === 'number' && Number.isSafeInteger(unit.inMillis)) {
    const { digits, scale } = decimalOf(amount);
    const numerator = digits * BigInt(unit.inMillis) * NS_PER_MS;
    const denominator = 10n ** scale;
    const nanos = numerator / denominator;
    const remainder = numerator % denominator;
    // Rounded half away from zero where the amount holds a real fraction of a nanosecond.
    const rounded = 2n * (remainder < 0n ? -remainder : remainder) >= denominator ? nanos + (numerator < 0n ? -1n : 1n) : nanos;
    return { nanos: rounded, exact: remainder === 0n };
  }
  const ms = duration.toMilliseconds({ integral: false });
  const wholeMs = Math.trunc(ms);
  const fractionNs = (ms - wholeMs) * 1e6;
  const roundedFractionNs = Math.round(fractionNs);
  return { nanos: BigInt(wholeMs) * NS_PER_MS + BigInt(roundedFractionNs), exact: Math.abs(fractionNs - roundedFractionNs) < 1e-6 };
}

/** A finite number as the shortest decimal that reads back as it: `digits / 10^scale`. */
function decimalOf(value: number): { digits: bigint; scale: bigint } {
  const [mantissa, exponentText] = String(value).split('e');
  const exponent = BigInt(exponentText ?? '0');
  const [whole, fraction = ''] = mantissa.split('.');
  const digits = BigInt(whole + fraction);
  const scale = BigInt(fraction.length) - exponent;
  return scale >= 0n ? { digits, scale } : { digits: digits * 10n ** -scale, scale: 0n };
}

/**
 * Formats a duration exactly as Go's `time.Duration.String()` does, the form
 * Velero itself writes: 24 h is `24h0m0s`, 90 min `1h30m0s`, 45 s `45s`,
 * 1.5 s `1.5s`, 500 ms `500ms`, zero `0s`.
 */
export function formatGoDuration(duration: Duration): string {
  return formatGoNanos(durationNanos(duration).nanos);
}

/** `time.Duration.String()` for a count of nanoseconds. */
export function formatGoNanos(nanos: bigint): string {
  const negative = nanos < 0n;
  const u = negative ? -nanos : nanos;
  let text: string;
  if (u < NS_PER_S) {
    // Below one second Go switches to the largest unit that keeps an integer part.
    if (u === 0n) {
      return '0s';
    } else if (u < NS_PER_US) {
      text = `${u}ns`;
    } else if (u < NS_PER_MS) {
      text = `${withFraction(u, 3)}µs`;
    } else {
      text = `${withFraction(u, 6)}ms`;
    }
  } else {
    const wholeSeconds = u / NS_PER_S;
    const seconds = withFraction(u % (60n * NS_PER_S), 9);
    const minutes = (wholeSeconds / 60n) % 60n;
    const hours = wholeSeconds / 3600n;
    if (hours > 0n) {
      text = `${hours}h${minutes}m${seconds}s`;
    } else if (minutes > 0n) {
      text = `${minutes}m${seconds}s`;
    } else {
      text = `${seconds}s`;
    }
  }
  return negative ? `-${text}` : text;
}

/** `value / 10^digits` written with its fraction, trailing zeros (and a bare point) left out. */
function withFraction(value: bigint, digits: number): string {
  const scale = 10n ** BigInt(digits);
  const whole = value / scale;
  const fraction = (value % scale).toString().padStart(digits, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : `${whole}`;
}

const GO_DURATION_UNITS: { [unit: string]: bigint } = {
  ns: 1n,
  us: NS_PER_US,
  µs: NS_PER_US, // U+00B5 micro sign
  μs: NS_PER_US, // U+03BC Greek small letter mu
  ms: NS_PER_MS,
  s: NS_PER_S,
  m: 60n * NS_PER_S,
  h: 3600n * NS_PER_S,
};
const TWO_63 = 2n ** 63n;

/**
 * Parses a duration the way Go's `time.ParseDuration` does (which is how
 * Velero reads `ttl` and the timeouts): a signed sequence of decimal numbers,
 * each with an optional fraction and a unit (`ns`, `us`/`µs`, `ms`, `s`, `m`,
 * `h`), or a bare `0`. Returns the nanoseconds, or the reason Go refuses it.
 */
export function parseGoDuration(text: string): { nanos: bigint } | { error: string } {
  let s = text;
  let negative = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    negative = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') {
    return { nanos: 0n };
  }
  if (s === '') {
    return { error: 'is not a Go duration' };
  }
  let total = 0n;
  while (s !== '') {
    if (!(s[0] === '.' || isDigit(s[0]))) {
      return { error: 'is not a Go duration' };
    }
    // The whole part; Go refuses one that does not fit 2^63.
    let i = 0;
    let whole = 0n;
    for (; i < s.length && isDigit(s[i]); i++) {
      if (whole > TWO_63 / 10n) {
        return { error: 'overflows Go\'s time.Duration' };
      }
      whole = whole * 10n + BigInt(s.charCodeAt(i) - 48);
      if (whole > TWO_63) {
        return { error: 'overflows Go\'s time.Duration' };
      }
    }
    const hadWhole = i > 0;
    s = s.slice(i);
    // The fraction; digits past what fits are read but ignored, as in Go.
    let fraction = 0n;
    let scale = 1;
    let hadFraction = false;
    if (s.startsWith('.')) {
      s = s.slice(1);
      let j = 0;
      let overflow = false;
      for (; j < s.length && isDigit(s[j]); j++) {
        if (overflow) continue;
        if (fraction > (TWO_63 - 1n) / 10n) {
          overflow = true;
          continue;
        }
        const next = fraction * 10n + BigInt(s.charCodeAt(j) - 48);
        if (next > TWO_63) {
          overflow = true;
          continue;
        }
        fraction = next;
        scale *= 10;
      }
      hadFraction = j > 0;
      s = s.slice(j);
    }
    if (!hadWhole && !hadFraction) {
      return { error: 'is not a Go duration' };
    }
    let k = 0;
    while (k < s.length && s[k] !== '.' && !isDigit(s[k])) k++;
    const unitName = s.slice(0, k);
    s = s.slice(k);
    if (unitName === '') {
      return { error: 'has a number without a unit (ns, us, ms, s, m, h)' };
    }
    const unit = GO_DURATION_UNITS[unitName];
    if (unit === undefined) {
      return { error: `has the unknown unit "${unitName}" (Go knows ns, us, µs, ms, s, m, h)` };
    }
    if (whole > TWO_63 / unit) {
      return { error: 'overflows Go\'s time.Duration' };
    }
    let value = whole * unit;
    if (fraction > 0n) {
      // Go computes the fractional part in float64; so do we, to round alike.
      value += BigInt(Math.trunc(Number(fraction) * (Number(unit) / scale)));
      if (value > TWO_63) {
        return { error: 'overflows Go\'s time.Duration' };
      }
    }
    total += value;
    if (total > TWO_63) {
      return { error: 'overflows Go\'s time.Duration' };
    }
  }
  if (negative) {
    return { nanos: -total };
  }
  if (total > TWO_63 - 1n) {
    return { error: 'overflows Go\'s time.Duration' };
  }
  return { nanos: total };
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}
