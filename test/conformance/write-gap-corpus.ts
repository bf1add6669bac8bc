// Writes test/conformance/testdata/gaps.json for the Go conformance suite
// (gaps_test.go): schedules Velero takes, each with a year and the longest
// interval between consecutive runs we compute for it (longestRunGap), which
// the Go side recomputes with robfig/cron v3's Next as Velero runs schedules.
import * as fs from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';
import { checkSchedule } from '../../src/time/cron';
import { longestRunGap } from '../../src/time/cron-runs';
import { GO_TIME_ZONES } from '../../src/time/go-time-zones';

const OUT = path.join(__dirname, 'testdata', 'gaps.json');
const SEED = 20270101;
/** Drawn schedules (before dropping duplicates and the few Velero refuses). */
const GENERATED = 720;
/** At most this share of the cases runs more often than hourly: robfig steps those second by second. */
const MAX_FREQUENT_SHARE = 0.05;
const YEARS = [2026, 2027, 2028, 2029, 2030];

/** Zones whose clocks do something unusual (DST at midnight, half-hour or two-hour DST, negative DST, ...). */
const TRICKY_ZONES = [
  'Europe/Berlin', 'Europe/London', 'America/New_York', 'America/Santiago', 'America/Havana', 'America/Sao_Paulo',
  'America/Asuncion', 'Asia/Beirut', 'Asia/Tehran', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Asia/Kolkata',
  'Asia/Kathmandu', 'Africa/Cairo', 'America/St_Johns', 'Pacific/Apia', 'Pacific/Kiritimati', 'Antarctica/Troll',
  'America/Godthab', 'America/Nuuk', 'Europe/Dublin', 'Africa/Casablanca', 'UTC', 'America/Scoresbysund',
  'Australia/Adelaide', 'Pacific/Auckland', 'America/Mexico_City', 'Asia/Gaza', 'America/Miquelon',
];
for (const zone of TRICKY_ZONES) {
  if (!GO_TIME_ZONES.has(zone)) throw new Error(`${zone} is not in GO_TIME_ZONES`);
}

/** Hand-picked schedules, each for every year in YEARS. */
const FIXED = [
  'CRON_TZ=Europe/Berlin 30 2 * * *', // 02:30 skipped on the spring-forward day
  'CRON_TZ=Europe/Berlin 30 2 * * 0',
  'CRON_TZ=Europe/Berlin 30 2 * * 1-6',
  'CRON_TZ=Europe/Berlin 0 2 * * *',
  'CRON_TZ=Europe/Berlin 30 3 * * *',
  'CRON_TZ=Europe/Berlin 0 1 * * *',
  '0 0 1 * *',
  '@monthly',
  '@yearly',
  '@annually',
  '@weekly',
  '@daily',
  '@midnight',
  '@hourly',
  '0 0 29 2 *',
  '0 0 30 2 *', // never runs
  '0 0 31 * *',
  '0 0 31 2,4 *', // never runs
  '0 0 31 2 1', // both day fields restricted: every Monday
  '0 12 13 * 5',
  'CRON_TZ=America/Santiago 0 0 * * *',
  'CRON_TZ=America/Santiago 0 23 * * *',
  'CRON_TZ=Asia/Beirut 0 0 * * *',
  // Midnight skipped in a zone east of UTC: robfig's day loop lands on 01:00, steps
  // back to 23:00 the day before and skips the whole day.
  'CRON_TZ=Asia/Beirut 0 12 * * 0',
  'CRON_TZ=Africa/Cairo 0 12 * * 5',
  'CRON_TZ=America/Santiago 0 12 * * 0',
  'CRON_TZ=America/Santiago 0 12 * 9 0',
  'CRON_TZ=America/Santiago 30 23 * * 6',
  'CRON_TZ=America/Santiago 0 12 2-14 9 *',
  'CRON_TZ=America/Havana 0 12 * * 0',
  'CRON_TZ=America/Havana 0 0 * * *',
  'CRON_TZ=America/Havana 0 0 * * 0',
  'CRON_TZ=America/Sao_Paulo 0 0 * * *',
  'CRON_TZ=America/Asuncion 0 0 * * *',
  'CRON_TZ=Australia/Lord_Howe 0,30 2 * * *',
  // robfig's own quirks, which a wall-clock model would not show (see test/retention.test.ts).
  'CRON_TZ=Australia/Lord_Howe 29 20 5-10 * *',
  'CRON_TZ=Asia/Beirut 42 2-3 5-10 * 0',
  'CRON_TZ=Pacific/Chatham 57 3 * * *',
  'CRON_TZ=Australia/Lord_Howe 45 1 * * *',
  'CRON_TZ=Antarctica/Troll 30 1 * * *',
  'CRON_TZ=Antarctica/Troll 0 3 * * *',
  'CRON_TZ=Europe/Dublin 30 1 * * *',
  'CRON_TZ=Europe/London 30 1 * * *',
  'CRON_TZ=America/New_York 30 1 * * *',
  'CRON_TZ=America/New_York 30 2 * * *',
  'TZ=America/New_York 0 0 * * 0',
  'CRON_TZ=Pacific/Chatham 45 2 * * *',
  'CRON_TZ=America/St_Johns 30 0 * * *',
  'CRON_TZ=Pacific/Apia 0 0 1 1 *',
  'CRON_TZ=Africa/Casablanca 0 2 * * *',
  'CRON_TZ=Africa/Cairo 0 0 * * 5',
  'CRON_TZ=Asia/Tehran 0 0 21 3 *',
  'CRON_TZ=Asia/Kathmandu 15 0 1 1 *',
  'CRON_TZ=America/Nuuk 0 22 * * 6',
  'CRON_TZ=America/Godthab 0 23 * * 6',
  'TZ=Asia/Kolkata @weekly',
  'CRON_TZ=Europe/Berlin @daily',
  'CRON_TZ=Local 0 1 * * *',
  'CRON_TZ= 0 1 * * *',
  'TZ=UTC 0 0 * * 1-5',
  '@every 36h',
  '@every 1m',
  '@every 90m30.9s',
  'TZ=Asia/Kolkata @every 1h0.5s',
  '@every 8760h',
  '0 1 * * *',
  'CRON_TZ=Europe/Berlin 0 */6 * * *',
  'CRON_TZ=Australia/Lord_Howe 0 * * * *',
];

// Field values, as numbers or (for months and weekdays) names in any case.
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const nameCase = (name: string) => fc.constantFrom(name, name.toUpperCase(), name[0].toUpperCase() + name.slice(1));

interface FieldSpec { readonly min: number; readonly max: number; readonly names?: readonly string[]; readonly favour?: readonly number[] }
const HOUR: FieldSpec = { min: 0, max: 23, favour: [0, 1, 2, 3, 22, 23] };
const DAY: FieldSpec = { min: 1, max: 31, favour: [1, 28, 29, 30, 31] };
const MONTH: FieldSpec = { min: 1, max: 12, names: MONTHS };
const WEEKDAY: FieldSpec = { min: 0, max: 6, names: WEEKDAYS };

const value = (f: FieldSpec) => fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: f.min, max: f.max }) },
  { weight: f.favour ? 2 : 0, arbitrary: fc.constantFrom(...(f.favour ?? [f.min])) },
);
const valueText = (f: FieldSpec) => value(f).chain(v => f.names && v >= f.min
  ? fc.oneof(fc.constant(String(v)), nameCase(f.names[v - f.min]))
  : fc.constant(String(v)));
const rangeText = (f: FieldSpec) => fc.tuple(value(f), value(f)).chain(([a, b]) => {
  const [low, high] = [Math.min(a, b), Math.max(a, b)];
  return f.names
    ? fc.tuple(fc.boolean(), nameCase(f.names[low - f.min]), nameCase(f.names[high - f.min]))
      .map(([named, l, h]) => named ? `${l}-${h}` : `${low}-${high}`)
    : fc.constant(`${low}-${high}`);
});
const step = (f: FieldSpec) => fc.integer({ min: 1, max: f.max - f.min + 2 });
/** One comma-separated part: a value, a range, or either with a step. */
const partText = (f: FieldSpec) => fc.oneof(
  { weight: 4, arbitrary: valueText(f) },
  { weight: 2, arbitrary: rangeText(f) },
  { weight: 1, arbitrary: fc.tuple(rangeText(f), step(f)).map(([r, s]) => `${r}/${s}`) },
  { weight: 1, arbitrary: fc.tuple(valueText(f), step(f)).map(([v, s]) => `${v}/${s}`) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('*', '?'), step(f)).map(([star, s]) => `${star}/${s}`) },
);
const fieldText = (f: FieldSpec, anyWeight: number) => fc.oneof(
  { weight: anyWeight, arbitrary: fc.constantFrom('*', '*', '?') },
  { weight: 4, arbitrary: partText(f) },
  { weight: 2, arbitrary: fc.array(partText(f), { minLength: 2, maxLength: 4 }).map(parts => parts.join(',')) },
);

/** A minute field selecting one minute: at most one run an hour. */
const minuteOnce = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(0, 0, 5, 15, 30, 45, 59).map(String) },
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 59 }).map(String) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 59 }).map(m => `${m}-${m}`) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 59 }).chain(m => fc.integer({ min: 60 - m, max: 90 }).map(s => `${m}/${s}`)) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('*', '?'), fc.integer({ min: 60, max: 99 })).map(([star, s]) => `${star}/${s}`) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 20 })).map(([m, w]) => `${m}-${Math.min(59, m + w)}/${w + 1}`) },
);
/** A minute field selecting several minutes. */
const minuteOften = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom('*', '?') },
  { weight: 4, arbitrary: fc.integer({ min: 2, max: 30 }).map(s => `*/${s}`) },
  { weight: 4, arbitrary: fc.uniqueArray(fc.integer({ min: 0, max: 59 }), { minLength: 2, maxLength: 4 }).map(list => list.join(',')) },
  { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 0, max: 58 }), fc.integer({ min: 1, max: 59 })).map(([m, w]) => `${m}-${Math.min(59, m + w)}`) },
  { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 2, max: 20 })).map(([m, s]) => `${m}/${s}`) },
);

const fiveFields = (minute: fc.Arbitrary<string>) => fc.tuple(
  minute,
  fieldText(HOUR, 3),
  fieldText(DAY, 6),
  fieldText(MONTH, 6),
  fieldText(WEEKDAY, 6),
).map(fields => fields.join(' '));

/** Go duration text of at least a minute. */
const goDuration = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }))
    .filter(([h, m]) => h > 0 || m > 0)
    .map(([h, m, s]) => `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}`),
  fc.tuple(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 999 })).map(([w, f]) => `${w}.${f}h`),
  fc.tuple(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 9999 })).map(([w, f]) => `${w}.${f}m`),
  fc.integer({ min: 60, max: 10_000_000 }).map(s => `${s}s`),
  fc.tuple(fc.integer({ min: 60, max: 900_000 }), fc.integer({ min: 0, max: 999_999 })).map(([s, f]) => `${s}.${f}s`),
  fc.integer({ min: 60_000, max: 9_000_000_000 }).map(ms => `${ms}ms`),
  fc.tuple(fc.integer({ min: 1, max: 48 }), fc.integer({ min: 1, max: 999 }), fc.constantFrom('ms', 'us', 'µs', 'ns')).map(([h, n, u]) => `${h}h${n}${u}`),
  fc.constantFrom('24h', '36h', '168h', '720h', '8760h', '87600h', '1h', '1m', '1m0s', '2h30m'),
);

const zone = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...TRICKY_ZONES) },
  { weight: 4, arbitrary: fc.constantFrom(...[...GO_TIME_ZONES].sort()) },
  { weight: 1, arbitrary: fc.constantFrom('UTC', 'Local', '') },
);
const prefix = fc.oneof(
  { weight: 4, arbitrary: fc.constant('') },
  { weight: 4, arbitrary: zone.map(z => `CRON_TZ=${z} `) },
  { weight: 2, arbitrary: zone.map(z => `TZ=${z} `) },
);
const year = fc.oneof({ weight: 6, arbitrary: fc.constant(2027) }, { weight: 4, arbitrary: fc.constantFrom(...YEARS) });

interface Drawn { readonly spec: string; readonly year: number; readonly frequent: boolean }
const drawn: fc.Arbitrary<Drawn> = fc.tuple(
  prefix,
  fc.oneof(
    { weight: 15, arbitrary: fiveFields(minuteOnce).map(body => ({ body, frequent: false })) },
    { weight: 1, arbitrary: fiveFields(minuteOften).map(body => ({ body, frequent: true })) },
    { weight: 3, arbitrary: fc.constantFrom('@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly').map(body => ({ body, frequent: false })) },
    { weight: 2, arbitrary: goDuration.map(d => ({ body: `@every ${d}`, frequent: false })) },
  ),
  year,
).map(([p, { body, frequent }, y]) => ({ spec: p + body, year: y, frequent }));

/** Schedules Velero takes (robfig's ParseStandard), @every intervals of a minute or more. */
function accepted(spec: string): boolean {
  const check = checkSchedule(spec);
  return check.veleroError === undefined && !(spec.includes('@every') && check.deliberateError !== undefined);
}

const candidates: Drawn[] = [
  ...FIXED.flatMap(spec => YEARS.map(y => ({ spec, year: y, frequent: false }))),
  ...fc.sample(drawn, { numRuns: GENERATED, seed: SEED }),
];
const seen = new Set<string>();
const chosen: Drawn[] = [];
let refused = 0;
for (const c of candidates) {
  const key = `${c.spec}\u0000${c.year}`;
  if (seen.has(key)) continue;
  seen.add(key);
  if (!accepted(c.spec)) {
    refused++;
    continue;
  }
  chosen.push(c);
}
const maxFrequent = Math.floor(MAX_FREQUENT_SHARE * chosen.length);
let frequent = 0;
const kept = chosen.filter(c => !c.frequent || ++frequent <= maxFrequent);

const began = Date.now();
const cases = kept.map(({ spec, year: y }) => {
  let gap: unknown;
  try {
    const result = longestRunGap(spec, y);
    gap = result === 'never' ? 'never'
      : result === undefined ? { error: 'longestRunGap returned undefined (a schedule it cannot read?)' }
        : { seconds: result.seconds, startUnix: result.startUnix };
  } catch (e) {
    // Reported by the Go side as a disagreement, with the rest of the cases.
    gap = { error: e instanceof Error ? e.message : String(e) };
  }
  return { spec, year: y, gap };
});

fs.mkdirSync(path.dirname(OUT), { recursive: true });
fs.writeFileSync(OUT, JSON.stringify(cases, undefined, 1));
const count = (pred: (c: typeof cases[number]) => boolean) => cases.filter(pred).length;
console.log(`wrote ${cases.length} cases to ${path.relative(process.cwd(), OUT)} in ${Date.now() - began} ms: `
  + `${count(c => c.gap === 'never')} never run, ${count(c => typeof c.gap === 'object' && 'error' in (c.gap as object))} errors, `
  + `${Math.min(frequent, maxFrequent)} more often than hourly, ${count(c => c.spec.includes('@every'))} @every, `
  + `${count(c => /^(CRON_)?TZ=/.test(c.spec))} with a zone; ${refused} drawn schedules refused by Velero were dropped`);
