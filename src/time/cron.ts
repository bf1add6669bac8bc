// A parser for Velero's schedule strings with the semantics of robfig/cron v3
// `ParseStandard` (which Velero's schedule controller calls), written anew:
// five fields, or a descriptor, optionally after `CRON_TZ=<zone> ` or `TZ=<zone> `.
import { parseGoDuration } from './go-duration';
import { GO_TIME_ZONES } from './go-time-zones';

interface FieldBounds {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: { readonly [name: string]: number };
}

const FIELDS: readonly FieldBounds[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  {
    name: 'month',
    min: 1,
    max: 12,
    names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 },
  },
  { name: 'day of week', min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } },
];

const DESCRIPTORS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];
const EVERY = '@every ';
/** The shortest `@every` interval accepted: the five-field form's own finest step. */
const MIN_EVERY_NS = 60n * 1_000_000_000n;
const NS_PER_SECOND = 1_000_000_000n;

/** The outcome of parsing a schedule string. */
export interface CronCheck {
  /** Why Velero's parser refuses the schedule, if it does. */
  readonly veleroError?: string;
  /** Why we refuse a schedule Velero accepts (a deliberate difference, see docs/validation.md). */
  readonly deliberateError?: string;
  /** The schedule as robfig holds it, whenever Velero's parser accepts it. */
  readonly parsed?: ParsedSchedule;
}

/** A five-field schedule or descriptor, as robfig's `SpecSchedule` holds it. */
export interface CronFields {
  readonly kind: 'fields';
  /** The IANA zone the fields are read in; `UTC` for no prefix and for `Local` (the zone of Velero's image). */
  readonly zone: string;
  /** Selected values by field, indexed by value (minute 0-59, hour 0-23, day 1-31, month 1-12, weekday 0-6). */
  readonly minutes: readonly boolean[];
  readonly hours: readonly boolean[];
  readonly days: readonly boolean[];
  readonly months: readonly boolean[];
  readonly weekdays: readonly boolean[];
  /** robfig's star bit on the day fields: with either set, both day fields must match. */
  readonly daysStar: boolean;
  readonly weekdaysStar: boolean;
}

/** An `@every` schedule: robfig's `ConstantDelaySchedule`, runs a fixed number of seconds apart. */
export interface CronEvery {
  readonly kind: 'every';
  /** robfig ignores the zone of an interval; it only says where a calendar year starts. */
  readonly zone: string;
  readonly delaySeconds: number;
}

export type ParsedSchedule = CronFields | CronEvery;

/** Verdicts by schedule string: apps repeat a few schedules many times. */
const checked = new Map<string, CronCheck>();
const MAX_CHECKED = 1000;

/** Checks a schedule as Velero v1.18 would, plus our deliberate refusals. */
export function checkSchedule(spec: string): CronCheck {
  let check = checked.get(spec);
  if (!check) {
    if (checked.size >= MAX_CHECKED) checked.clear();
    check = checkScheduleUncached(spec);
    checked.set(spec, check);
  }
  return check;
}

function checkScheduleUncached(spec: string): CronCheck {
  if (spec.length === 0) {
    return { veleroError: 'is empty' };
  }
  let rest = spec;
  if (rest.startsWith('TZ=') || rest.startsWith('CRON_TZ=')) {
    // robfig takes the zone up to the first space and fails (panics, which
    // Velero reports) when there is none.
    const space = rest.indexOf(' ');
    const eq = rest.indexOf('=');
    if (space < 0) {
      return { veleroError: 'has a time zone prefix but no schedule after it (a space must follow the zone)' };
    }
    const zone = rest.slice(eq + 1, space);
    const zoneError = timeZoneError(zone);
    if (zoneError) {
      // Velero stops at the zone; the rest is still checked so that one
      // report names every problem of the schedule.
      const restError = checkScheduleBody(goTrimSpace(rest.slice(space)), 'UTC').veleroError;
      return { veleroError: restError ? `${zoneError}; it also ${restError}` : zoneError };
    }
    rest = goTrimSpace(rest.slice(space));
    return checkScheduleBody(rest, zone === '' || zone === 'Local' ? 'UTC' : zone);
  }
  return checkScheduleBody(rest, 'UTC');
}

/** The schedule after any time zone prefix: a descriptor or five fields. */
function checkScheduleBody(rest: string, zone: string): CronCheck {
  if (rest.startsWith('@')) {
    return checkDescriptor(rest, zone);
  }
  const fields = rest.split(/[\t\n\v\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+/).filter(f => f !== '');
  if (fields.length !== 5) {
    return { veleroError: `has ${fields.length} fields; exactly 5 are accepted (minute hour day-of-month month day-of-week)` };
  }
  const selections: FieldSelection[] = [];
  for (let i = 0; i < 5; i++) {
    const selection = parseField(fields[i], FIELDS[i]);
    if (typeof selection === 'string') {
      return { veleroError: selection };
    }
    selections.push(selection);
  }
  const [minutes, hours, days, months, weekdays] = selections;
  const parsed: CronFields = {
    kind: 'fields',
    zone,
    minutes: flags(minutes.values, 59),
    hours: flags(hours.values, 23),
    days: flags(days.values, 31),
    months: flags(months.values, 12),
    weekdays: flags(weekdays.values, 6),
    daysStar: days.star,
    weekdaysStar: weekdays.star,
  };
  const empty = selections.findIndex(selection => selection.values.size === 0);
  if (empty >= 0) {
    return { parsed, deliberateError: `has a ${FIELDS[empty].name} field that selects nothing (${JSON.stringify(fields[empty])}), so the schedule would never run` };
  }
  if ((days.star || weekdays.star) && !days.star && ![...months.values].some(m => [...days.values].some(d => d <= DAYS_IN_MONTH[m]))) {
    // robfig requires both day fields when either is "*"; then only the day of
    // month restricts, and no selected month has any selected day.
    return { parsed, deliberateError: `selects days (${fields[2]}) that no selected month (${fields[3]}) has, so the schedule would never run` };
  }
  return { parsed };
}

function flags(values: ReadonlySet<number>, max: number): boolean[] {
  return Array.from({ length: max + 1 }, (_, i) => values.has(i));
}

/** Every value of a field, with the star bit robfig's descriptors set. */
const ALL = (max: number) => Array.from({ length: max + 1 }, () => true);
const ONLY = (value: number, max: number) => Array.from({ length: max + 1 }, (_, i) => i === value);

/** robfig's descriptors as the fields they stand for. */
function descriptorFields(descriptor: string, zone: string): CronFields {
  const at = (minutes: boolean[], hours: boolean[], days: boolean[], months: boolean[], weekdays: boolean[],
    daysStar: boolean, weekdaysStar: boolean): CronFields => ({ kind: 'fields', zone, minutes, hours, days, months, weekdays, daysStar, weekdaysStar });
  switch (descriptor) {
    case '@yearly':
    case '@annually':
      return at(ONLY(0, 59), ONLY(0, 23), ONLY(1, 31), ONLY(1, 12), ALL(6), false, true);
    case '@monthly':
      return at(ONLY(0, 59), ONLY(0, 23), ONLY(1, 31), ALL(12), ALL(6), false, true);
    case '@weekly':
      return at(ONLY(0, 59), ONLY(0, 23), ALL(31), ALL(12), ONLY(0, 6), true, false);
    case '@daily':
    case '@midnight':
      return at(ONLY(0, 59), ONLY(0, 23), ALL(31), ALL(12), ALL(6), true, true);
    default: // '@hourly'
      return at(ONLY(0, 59), ALL(23), ALL(31), ALL(12), ALL(6), true, true);
  }
}

/** Why Go's `time.LoadLocation` (with the IANA database) refuses `zone`, or undefined. */
export function timeZoneError(zone: string): string | undefined {
  if (zone === '' || zone === 'UTC' || zone === 'Local' || GO_TIME_ZONES.has(zone)) {
    return undefined;
  }
  return `names the time zone ${JSON.stringify(zone)}, which is not in the IANA time zone database (names are case-sensitive, such as Europe/Berlin)`;
}

function checkDescriptor(descriptor: string, zone: string): CronCheck {
  if (DESCRIPTORS.includes(descriptor)) {
    return { parsed: descriptorFields(descriptor, zone) };
  }
  if (descriptor.startsWith(EVERY)) {
    const duration = parseGoDuration(descriptor.slice(EVERY.length));
    if ('error' in duration) {
      return { veleroError: `has an @every interval that ${duration.error}` };
    }
    // robfig runs anything below one second every second, and drops fractions of a second.
    const parsed: CronEvery = { kind: 'every', zone, delaySeconds: duration.nanos < NS_PER_SECOND ? 1 : Number(duration.nanos / NS_PER_SECOND) };
    if (duration.nanos < MIN_EVERY_NS) {
      return { parsed, deliberateError: 'has an @every interval below one minute, which would start backups back to back' };
    }
    return { parsed };
  }
  return { veleroError: `is not a descriptor Velero knows (${DESCRIPTORS.join(', ')} or "@every <duration>")` };
}

/** What one field selects, and whether robfig marks it as "*" (any, with step 1). */
interface FieldSelection {
  readonly values: Set<number>;
  readonly star: boolean;
}

/** The most days each month can have (February in leap years, which robfig reaches). */
const DAYS_IN_MONTH = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function parseField(field: string, bounds: FieldBounds): FieldSelection | string {
  const values = new Set<number>();
  let star = false;
  // Empty items between commas are skipped, as Go's strings.FieldsFunc does.
  for (const expr of field.split(',').filter(part => part !== '')) {
    const range = parseRange(expr, bounds);
    if (typeof range === 'string') {
      return `has an invalid ${bounds.name} field ${JSON.stringify(field)}: ${range}`;
    }
    for (let v = range.start; v <= range.end; v += range.step) values.add(v);
    star ||= range.star;
  }
  return { values, star };
}

function parseRange(expr: string, bounds: FieldBounds): { start: number; end: number; step: number; star: boolean } | string {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    // robfig ignores whatever follows a "*" or "?" in a range.
    start = bounds.min;
    end = bounds.max;
    star = true;
  } else {
    const low = intOrName(lowAndHigh[0], bounds);
    if (typeof low === 'string') return low;
    start = low;
    if (lowAndHigh.length === 1) {
      end = start;
    } else if (lowAndHigh.length === 2) {
      const high = intOrName(lowAndHigh[1], bounds);
      if (typeof high === 'string') return high;
      end = high;
    } else {
      return `${JSON.stringify(expr)} has more than one "-"`;
    }
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    const parsed = nonNegativeInt(rangeAndStep[1]);
    if (typeof parsed === 'string') return parsed;
    step = parsed;
    if (lowAndHigh.length === 1) {
      // "N/step" runs from N to the field's maximum.
      end = bounds.max;
    }
    // A step above 1 makes "*" a plain set of values for robfig.
    star &&= step <= 1;
  } else if (rangeAndStep.length > 2) {
    return `${JSON.stringify(expr)} has more than one "/"`;
  }
  if (start < bounds.min) {
    return `${start} is below the minimum ${bounds.min}`;
  }
  if (end > bounds.max) {
    return `${end} is above the maximum ${bounds.max}`;
  }
  if (start > end) {
    return `the range ${JSON.stringify(expr)} starts (${start}) after it ends (${end})`;
  }
  if (step === 0) {
    return `the step in ${JSON.stringify(expr)} is 0; a step must be at least 1`;
  }
  return { start, end, step, star };
}

function intOrName(text: string, bounds: FieldBounds): number | string {
  // Own names only: "constructor" is no month, whatever Object.prototype says.
  const key = text.toLowerCase();
  const named = bounds.names && Object.prototype.hasOwnProperty.call(bounds.names, key) ? bounds.names[key] : undefined;
  return named ?? nonNegativeInt(text);
}

/** Go's `strconv.Atoi`, then refusing negatives, as robfig does. */
function nonNegativeInt(text: string): number | string {
  if (!/^[+-]?[0-9]+$/.test(text)) {
    return `${JSON.stringify(text)} is not a number${text === '' ? ' (empty)' : ''}`;
  }
  const value = BigInt(text);
  if (value > 9_223_372_036_854_775_807n || value < -9_223_372_036_854_775_808n) {
    return `${JSON.stringify(text)} is out of range`;
  }
  if (value < 0n) {
    return `${JSON.stringify(text)} is negative`;
  }
  return Number(value);
}

/** Go's `strings.TrimSpace`: Unicode white space at both ends. */
function goTrimSpace(text: string): string {
  return text.replace(/^[\t\n\v\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+|[\t\n\v\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+$/g, '');
}
