// The retention-gap check: the simulation of Velero's cron against a
// minute-by-minute brute force, and the check's verdicts and messages.
import { Duration } from 'cdk8s';
import * as fc from 'fast-check';
import { BackupSchedule, KymaBackupSchedule, velero } from '../src';
import { bruteForceLongestGap } from './cron-brute-force';
import { newChart, synthErrors, synthValid } from './helpers';
import { CronFields, checkSchedule } from '../src/time/cron';
import { longestRunGap, nextRun } from '../src/time/cron-runs';

const HOUR = 3600;
const DAY = 24 * HOUR;

describe('the simulation of robfig/cron v3', () => {
  test.each([
    // [schedule, longest interval in hours, its start (UTC)]
    ['0 1 * * *', 24, '2026-12-31T01:00:00Z'],
    ['@monthly', 31 * 24, '2027-01-01T00:00:00Z'],
    ['0 0 29 2 *', 4 * 365 * 24 + 24, '2024-02-29T00:00:00Z'],
    // Spring forward: 02:30 does not exist on 2027-03-28, so that day has no run.
    ['CRON_TZ=Europe/Berlin 30 2 * * *', 47, '2027-03-27T01:30:00Z'],
    // Fall back: 01:30 happens twice in New York; the longest interval is the 25 h after the spring-forward day.
    ['CRON_TZ=America/New_York 30 1 * * *', 24, '2026-12-31T06:30:00Z'],
    ['@every 36h', 36, '2027-01-01T00:00:00Z'],
  ])('%s: longest interval %d h from %s', (spec, hours, start) => {
    const gap = longestRunGap(spec, 2027);
    expect(gap).toEqual({ seconds: hours * HOUR, startUnix: Date.parse(start) / 1000 });
  });

  test('runs twice in a repeated hour, as robfig does', () => {
    const schedule = checkSchedule('CRON_TZ=Europe/Berlin 30 2 * * *').parsed!;
    // 2027-10-31 02:30 CEST, then 02:30 CET an hour later.
    const first = Date.UTC(2027, 9, 31, 0, 30) / 1000;
    expect(nextRun(schedule, first - 60)).toBe(first);
    expect(nextRun(schedule, first)).toBe(first + HOUR);
    expect(nextRun(schedule, first + HOUR)).toBe(first + HOUR + DAY);
  });

  // Zones whose clocks move by whole hours away from midnight: there robfig
  // runs exactly at the matching wall times (north and south, a half-hour
  // offset, negative daylight saving time, none). Elsewhere robfig has quirks
  // of its own (below), checked against robfig itself by the Go conformance suite.
  const zones = ['UTC', 'Europe/Berlin', 'Europe/London', 'Europe/Dublin', 'America/New_York', 'America/St_Johns',
    'Australia/Sydney', 'Pacific/Auckland', 'Asia/Kolkata', 'America/Sao_Paulo'];
  const item = (min: number, max: number) => fc.oneof(
    fc.integer({ min, max }).map(String),
    fc.tuple(fc.integer({ min, max }), fc.integer({ min, max })).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
    fc.tuple(fc.integer({ min, max }), fc.integer({ min: 2, max: 12 })).map(([a, step]) => `${a}/${step}`),
  );
  const field = (min: number, max: number, star: number) => fc.oneof(
    { arbitrary: fc.constant('*'), weight: star },
    { arbitrary: fc.uniqueArray(item(min, max), { minLength: 1, maxLength: 3 }).map(list => list.join(',')), weight: 1 },
  );
  // Hours and minutes are few, so a year simulates quickly; days and months vary freely.
  const fields = fc.record({
    minute: fc.uniqueArray(fc.integer({ min: 0, max: 59 }), { minLength: 1, maxLength: 2 }).map(list => list.join(',')),
    hour: fc.oneof(fc.constantFrom('0', '1', '2', '3', '23', '0-3', '1,2', '2-3'), fc.integer({ min: 0, max: 23 }).map(String)),
    day: field(1, 31, 3),
    month: field(1, 12, 4),
    weekDay: field(0, 6, 3),
    timeZone: fc.constantFrom(...zones),
  });

  test('agrees with a minute-by-minute brute force over a year, in the zone', () => {
    fc.assert(fc.property(fields, fc.constantFrom(2026, 2027, 2028), (options, year) => {
      const spec = BackupSchedule.cron(options).expressionString;
      const parsed = checkSchedule(spec).parsed as CronFields;
      fc.pre(parsed !== undefined && checkSchedule(spec).deliberateError === undefined);
      expect({ spec, year, gap: longestRunGap(spec, year) }).toEqual({ spec, year, gap: bruteForceLongestGap(parsed, year) });
    }), { numRuns: 40, seed: 20271 });
  });

  // Where clocks move by half an hour or 45 minutes, or at midnight, robfig's
  // hour and day steps miss wall times, or hit one that is not due; Velero runs
  // what robfig says. Each case is also in the Go conformance corpus.
  test.each([
    // Clocks go back half an hour on 2026-04-05; stepping by whole hours from 00:00 lands on :30 and misses 20:29.
    ['CRON_TZ=Australia/Lord_Howe 29 20 5-10 * *', 2026, 2334600, '2026-03-10T09:29:00Z'],
    // Midnight is skipped on Sunday 2026-03-29; robfig's repair of the day step steps past that whole day.
    ['CRON_TZ=Asia/Beirut 42 2-3 5-10 * 0', 2026, 1202400, '2026-03-22T01:42:00Z'],
    // Clocks jump 45 minutes at 02:45 on 2028-09-24; hour steps from 02:00 jump over 03:xx.
    ['CRON_TZ=Pacific/Chatham 57 3 * * *', 2028, 169200, '2028-09-22T15:12:00Z'],
  ])('robfig quirk: %s in %d', (spec, year, seconds, start) => {
    const parsed = checkSchedule(spec).parsed as CronFields;
    const gap = longestRunGap(spec, year);
    expect(gap).toEqual({ seconds, startUnix: Date.parse(start) / 1000 });
    expect(gap).not.toEqual(bruteForceLongestGap(parsed, year));
  });
});

describe('the retention-gap check', () => {
  test('a monthly Schedule with Velero\'s default ttl fails, naming the gap and the ttl that closes it', () => {
    const chart = newChart();
    new KymaBackupSchedule(chart, 'Monthly', { schedule: BackupSchedule.cron({ day: '1' }) });
    const message = synthErrors(chart);
    expect(message).toContain('[test/Monthly] spec.template.ttl = "720h0m0s (Velero\'s default)": keeps each backup for less than the longest interval '
      + 'between two runs of "0 0 1 * *" in 2027: 744h0m0s from the run at 2027-01-01 00:00 UTC+00:00 to the next at 2027-02-01 00:00 UTC+00:00, '
      + 'so for 24h0m0s no backup of this Schedule exists; a ttl of at least 744h0m0s, or allowRetentionGap: true to accept the gap (deliberate difference from Velero, see README)');
  });

  test('the spring-forward skip of a Berlin daily leaves 11 h uncovered with a 36 h ttl', () => {
    const chart = newChart();
    new KymaBackupSchedule(chart, 'Daily', { schedule: BackupSchedule.cron({ minute: '30', hour: '2', timeZone: 'Europe/Berlin' }), ttl: Duration.hours(36) });
    expect(synthErrors(chart)).toContain('"36h0m0s": keeps each backup for less than the longest interval between two runs of "CRON_TZ=Europe/Berlin 30 2 * * *" in 2027: '
      + '47h0m0s from the run at 2027-03-27 02:30 UTC+01:00 to the next at 2027-03-29 02:30 UTC+02:00, so for 11h0m0s no backup of this Schedule exists; '
      + 'a ttl of at least 47h0m0s');
  });

  test('a ttl of exactly the longest interval passes; allowRetentionGap accepts a shorter one', () => {
    const chart = newChart();
    new KymaBackupSchedule(chart, 'Exact', { schedule: BackupSchedule.cron({ minute: '30', hour: '2', timeZone: 'Europe/Berlin' }), ttl: Duration.hours(47) });
    new KymaBackupSchedule(chart, 'Gap', { schedule: BackupSchedule.cron({ day: '1' }), allowRetentionGap: true, systemName: 'gap-system', userName: 'gap-user' });
    expect(synthValid(chart)).toHaveLength(4);
  });

  test('retentionCheckYear chooses the simulated year: a leap day runs every four years', () => {
    const chart = newChart();
    new KymaBackupSchedule(chart, 'Leap', { schedule: BackupSchedule.cron({ day: '29', month: '2' }), ttl: Duration.days(4 * 365), retentionCheckYear: 2028 });
    expect(synthErrors(chart)).toContain('35064h0m0s from the run at 2024-02-29 00:00 UTC+00:00 to the next at 2028-02-29 00:00 UTC+00:00');
  });

  test('@every is as long as its interval', () => {
    const chart = newChart();
    new KymaBackupSchedule(chart, 'Every', { schedule: BackupSchedule.every(Duration.hours(36)), ttl: Duration.hours(35) });
    expect(synthErrors(chart)).toContain('a ttl of at least 36h0m0s');
  });

  test('a ttl of 0s is Velero\'s default, 720h, as Velero reads it', () => {
    const chart = newChart();
    new KymaBackupSchedule(chart, 'Zero', { ttl: Duration.seconds(0) });
    expect(synthValid(chart).map(m => m.spec.template.ttl)).toEqual(['0s', '0s']);
    const monthly = newChart();
    new KymaBackupSchedule(monthly, 'Monthly', { schedule: BackupSchedule.cron({ day: '1' }), ttl: Duration.seconds(0) });
    expect(synthErrors(monthly)).toContain('spec.template.ttl = "0s (so Velero\'s default, 720h0m0s)": keeps each backup for less than');
  });

  test('a zone Go knows and Node.js does not (Factory) is reported, not a crash', () => {
    const chart = newChart();
    new KymaBackupSchedule(chart, 'Factory', { schedule: BackupSchedule.expression('CRON_TZ=Factory 0 1 * * *') });
    expect(synthErrors(chart)).toContain('is in the zone Factory, which the time zone data of this Node.js does not have, so its runs cannot be simulated; '
      + 'a zone Node.js knows, or allowRetentionGap: true to skip the retention-gap check');
    const accepted = newChart();
    new KymaBackupSchedule(accepted, 'Factory', { schedule: BackupSchedule.expression('CRON_TZ=Factory 0 1 * * *'), allowRetentionGap: true });
    expect(synthValid(accepted)).toHaveLength(2);
  });

  test('a raw velero.Schedule outside the library is not judged for retention (Velero accepts it)', () => {
    const chart = newChart();
    new velero.Schedule(chart, 'Raw', { metadata: { name: 'raw', namespace: 'kyma-backup' }, spec: { schedule: '@monthly', template: {} } });
    expect(synthValid(chart)).toHaveLength(1);
  });
});
