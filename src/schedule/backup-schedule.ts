import { Duration } from 'cdk8s';
import { PropType, PropsShape, anchored, argumentProblems, optionsProblems, structShape } from '../private/props-check';
import { durationNanos, formatGoNanos } from '../time/go-duration';
import { Problem, ProblemKind, problem } from '../validation/problem';

/** When a Velero Schedule runs, as cron fields. Velero reads them with robfig/cron v3. */
export interface BackupCronOptions {
  /**
   * The minute (0-59): a number, a list, a range or a step, such as `0`, `0,30` or `*\/15`.
   *
   * @default "0"
   */
  readonly minute?: string;

  /**
   * The hour (0-23).
   *
   * @default - "0" when `day`, `month` or `weekDay` is given, otherwise "*" (every hour)
   */
  readonly hour?: string;

  /**
   * The day of the month (1-31).
   *
   * @default "*"
   */
  readonly day?: string;

  /**
   * The month (1-12 or JAN-DEC).
   *
   * @default "*"
   */
  readonly month?: string;

  /**
   * The day of the week (0-6, Sunday is 0, or SUN-SAT).
   *
   * @default "*"
   */
  readonly weekDay?: string;

  /**
   * The IANA time zone the fields are read in (Velero's `CRON_TZ=` prefix),
   * such as `Europe/Berlin`. Daylight-saving changes move runs: the
   * retention-gap check simulates them.
   *
   * @default - no prefix: the Velero server's local time, UTC in Velero's image
   */
  readonly timeZone?: string;
}

/** The run-time shape of `BackupCronOptions`. */
const CRON_OPTIONS_SHAPE: PropsShape = structShape('BackupCronOptions', { minute: 'literal', hour: 'literal', day: 'literal', month: 'literal', weekDay: 'literal', timeZone: 'literal' });

/**
 * When a Velero Schedule runs: cron fields, a fixed interval or a raw Velero
 * schedule string. What is written is `spec.schedule`, judged as Velero v1.18
 * parses it.
 */
export class BackupSchedule {
  /**
   * Cron fields, optionally in a time zone; a left-out minute is 0, so that
   * `BackupSchedule.cron({ hour: '1' })` runs once a day at 01:00.
   */
  public static cron(options: BackupCronOptions): BackupSchedule {
    // From JavaScript or Python a misspelled field ("weekday") would otherwise vanish.
    const shapeProblems = optionsProblems('BackupSchedule.cron', 'options', options, CRON_OPTIONS_SHAPE, true);
    // Nothing is written while these stand; the string only has to be one.
    if (shapeProblems.length > 0) return new BackupSchedule('0 * * * *', shapeProblems);
    const coarser = options.day !== undefined || options.month !== undefined || options.weekDay !== undefined;
    const fields: Array<[string, string]> = [
      ['minute', options.minute ?? '0'],
      ['hour', options.hour ?? (coarser ? '0' : '*')],
      ['day', options.day ?? '*'],
      ['month', options.month ?? '*'],
      ['weekDay', options.weekDay ?? '*'],
    ];
    const zone = options.timeZone;
    const problems: Problem[] = [];
    for (const [name, value] of fields) {
      if (value === '' || /\s/.test(value)) {
        // A blank or spaced field would shift the others in the written string.
        problems.push(problem(name, value, 'is empty or contains white space', 'one cron field, such as 0, 1-5, */15 or MON', ProblemKind.PROPS));
      }
    }
    if (zone !== undefined && (zone === '' || /\s/.test(zone))) {
      problems.push(problem('timeZone', zone, 'is empty or contains white space', 'an IANA time zone name such as Europe/Berlin or UTC', ProblemKind.PROPS));
    }
    const render = (minute: string) => `${zone !== undefined ? `CRON_TZ=${zone} ` : ''}${[minute, ...fields.slice(1).map(([, value]) => value)].join(' ')}`;
    // A left-out minute is the library's to choose: a plan may move it (see KymaBackupPlan's stagger).
    return new BackupSchedule(render(fields[0][1]), problems, options.minute === undefined ? render : undefined);
  }

  /**
   * A fixed interval between runs (Velero's `@every`), counted from the last
   * backup, so runs drift with the time they take to start; whole seconds.
   */
  public static every(interval: Duration): BackupSchedule {
    const wrong = argumentProblems('BackupSchedule.every', [['interval', interval, { required: 'duration' }]]);
    // Nothing is written while these stand; the string only has to be one.
    if (wrong.length > 0) return new BackupSchedule('0 * * * *', wrong);
    const { nanos, exact } = durationNanos(interval);
    const problems = exact ? [] : [problem('every', `${interval.toMilliseconds({ integral: false })}ms`,
      'is not a whole number of nanoseconds', 'Go durations count whole nanoseconds', ProblemKind.DELIBERATE)];
    return new BackupSchedule(`@every ${formatGoNanos(nanos)}`, problems);
  }

  /**
   * A schedule string as Velero takes it: five cron fields or a descriptor
   * (`@daily`, `@weekly`, `@every 6h` …), optionally after `CRON_TZ=<zone> `.
   */
  public static expression(expression: string): BackupSchedule {
    const wrong = argumentProblems('BackupSchedule.expression', [['expression', expression, { required: 'literal' }]]);
    return wrong.length > 0 ? new BackupSchedule('0 * * * *', wrong) : new BackupSchedule(expression, []);
  }

  private constructor(
    /** The schedule string Velero receives (`spec.schedule`). */
    public readonly expressionString: string,
    private readonly problems: Problem[],
    /** The string with another minute, where the minute was left to the library. */
    private readonly withMinute?: (minute: string) => string,
  ) {}

  /** @internal The schedule string Velero receives (`spec.schedule`). */
  public _toVelero(): string {
    return this.expressionString;
  }

  /** @internal Problems of the factory's input, fields prefixed with `at`. */
  public _problems(at: string): Problem[] {
    return anchored(this.problems, at);
  }

  /**
   * @internal The same schedule started `minutes` later within the hour, when
   * the library chose its minute; undefined when the user did.
   */
  public _staggered(minutes: number): BackupSchedule | undefined {
    return this.withMinute && new BackupSchedule(this.withMinute(String(minutes)), this.problems, this.withMinute);
  }
}

/** A prop that takes a `BackupSchedule`. */
export const BACKUP_SCHEDULE_TYPE: PropType = {
  instanceOf: BackupSchedule,
  name: 'BackupSchedule, such as BackupSchedule.cron({ hour: "1" })',
  // Reported with the Schedules' own problems (KymaBackupSchedule, KymaBackupRule).
  reportedApart: true,
};
