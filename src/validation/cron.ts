// A parser for Velero's schedule strings with the semantics of robfig/cron v3
// `ParseStandard` (which Velero's schedule controller calls), written anew:
// five fields, or a descriptor, optionally after `CRON_TZ=<zone> ` or `TZ=<zone> `.
import { parseGoDuration } from '../go-duration';
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

/** The outcome of parsing a schedule string. */
export interface CronCheck {
  /** Why Velero's parser refuses the schedule, if it does. */
  readonly veleroError?: string;
  /** Why we refuse a schedule Velero accepts (a deliberate difference, see README). */
  readonly deliberateError?: string;
}

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
      const restError = checkScheduleBody(goTrimSpace(rest.slice(space))).veleroError;
      return { veleroError: restError ? `${zoneError}; it also ${restError}` : zoneError };
    }
    rest = goTrimSpace(rest.slice(space));
  }
  return checkScheduleBody(rest);
}

/** The schedule after any time zone prefix: a descriptor or five fields. */
function checkScheduleBody(rest: string): CronCheck {
  if (rest.startsWith('@')) {
    return checkDescriptor(rest);
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
  const empty = selections.findIndex(selection => selection.values.size === 0);
  if (empty >= 0) {
    return { deliberateError: `has a ${FIELDS[empty].name} field that selects nothing (${JSON.stringify(fields[empty])}), so the schedule would never run` };
  }
  const [, , days, months, weekdays] = selections;
  if ((days.star || weekdays.star) && !days.star && ![...months.values].some(m => [...days.values].some(d => d <= DAYS_IN_MONTH[m]))) {
    // robfig requires both day fields when either is "*"; then only the day of
    // month restricts, and no selected month has any selected day.
    return { deliberateError: `selects days (${fields[2]}) that no selected month (${fields[3]}) has, so the schedule would never run` };
  }
  return {};
}

/** Why Go's `time.LoadLocation` (with the IANA database) refuses `zone`, or undefined. */
export function timeZoneError(zone: string): string | undefined {
  if (zone === '' || zone === 'UTC' || zone === 'Local' || GO_TIME_ZONES.has(zone)) {
    return undefined;
  }
  return `names the time zone ${JSON.stringify(zone)}, which is not in the IANA time zone database (names are case-sensitive, such as Europe/Berlin)`;
}

function checkDescriptor(descriptor: string): CronCheck {
  if (DESCRIPTORS.includes(descriptor)) {
    return {};
  }
  if (descriptor.startsWith(EVERY)) {
    const parsed = parseGoDuration(descriptor.slice(EVERY.length));
    if ('error' in parsed) {
      return { veleroError: `has an @every interval that ${parsed.error}` };
    }
    if (parsed.nanos < MIN_EVERY_NS) {
      // robfig runs anything below one second every second.
      return { deliberateError: 'has an @every interval below one minute, which would start backups back to back' };
    }
    return {};
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
  const named = bounds.names?.[text.toLowerCase()];
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
