import { Duration } from 'cdk8s';
import { formatGoDuration, formatGoNanos, parseGoDuration } from '../src/time/go-duration';

// Expected strings are what Go's time.Duration.String() prints for the same value.
test.each([
  [Duration.hours(24), '24h0m0s'],
  [Duration.minutes(90), '1h30m0s'],
  [Duration.seconds(45), '45s'],
  [Duration.seconds(0), '0s'],
  [Duration.seconds(60), '1m0s'],
  [Duration.seconds(61), '1m1s'],
  [Duration.millis(500), '500ms'],
  [Duration.millis(1500), '1.5s'],
  [Duration.millis(1), '1ms'],
  [Duration.millis(0.5), '500µs'],
  [Duration.millis(0.000001), '1ns'],
  [Duration.days(365), '8760h0m0s'],
  [Duration.millis(3_723_004), '1h2m3.004s'],
])('%p prints as %s', (duration, expected) => {
  expect(formatGoDuration(duration)).toBe(expected);
});

test('negative and sub-microsecond values print as Go does', () => {
  expect(formatGoNanos(-90n * 60n * 1_000_000_000n)).toBe('-1h30m0s');
  expect(formatGoNanos(1_500n)).toBe('1.5µs');
  expect(formatGoNanos(9_223_372_036_854_775_807n)).toBe('2562047h47m16.854775807s');
});

test.each([
  ['24h0m0s', 86_400_000_000_000n],
  ['1h30m', 5_400_000_000_000n],
  ['0', 0n],
  ['-1.5h', -5_400_000_000_000n],
  ['+45s', 45_000_000_000n],
  ['1.5µs', 1_500n],
  ['1.5μs', 1_500n],
  ['300us', 300_000n],
  ['.5s', 500_000_000n],
  ['1.s', 1_000_000_000n],
  ['2562047h47m16.854775807s', 9_223_372_036_854_775_807n],
])('Go parses %s as %p ns', (text, nanos) => {
  expect(parseGoDuration(text)).toEqual({ nanos });
});

test.each([
  '', '1', '1d', 'h', '.s', '-', '1h 30m', ' 1h', '1H', '2562047h47m16.854775808s', '9999999999999999999h', '--1s',
])('Go refuses %p', text => {
  expect(parseGoDuration(text)).toHaveProperty('error');
});

test('formatting and parsing round-trip', () => {
  for (const ms of [0, 1, 999, 1000, 59_999, 3_600_000, 86_399_999, 123_456_789]) {
    const nanos = BigInt(ms) * 1_000_000n;
    expect(parseGoDuration(formatGoNanos(nanos))).toEqual({ nanos });
  }
});
