import { Duration } from 'cdk8s';
import { PropType, PropsShape, anchored, conformingProps, optionsProblems, structShape } from '../private/props-check';
import { BACKUP_SCHEDULE_TYPE, BackupSchedule } from '../schedule/backup-schedule';
import { Problem, ProblemKind, problem } from '../validation/problem';

/** What every rule of a `KymaBackupPlan` takes. */
export interface KymaBackupRuleOptions {
  /**
   * How many backups of this rule to keep: the `ttl` becomes `keep` times the
   * longest interval between two runs (simulated, see the retention-gap
   * check), so at least `keep` backups exist at any time.
   *
   * @default - `ttl` decides; with neither, the plan's `ttl`, else Velero's 720h
   */
  readonly keep?: number;

  /**
   * How long each backup lives; give this or `keep`, not both.
   *
   * @default - from `keep`
   */
  readonly ttl?: Duration;

  /**
   * Accepts backups that expire before the next run (see `KymaBackupSchedule`).
   *
   * @default false
   */
  readonly allowRetentionGap?: boolean;
}

/** The run-time shape of `KymaBackupRuleOptions`. */
const RULE_OPTIONS_SHAPE: PropsShape = structShape('KymaBackupRuleOptions', { keep: 'integer', ttl: 'duration', allowRetentionGap: 'boolean' });

/** When a preset rule runs; fields are cron fields, as in `BackupSchedule.cron`. */
export interface KymaBackupRuleTimeOptions extends KymaBackupRuleOptions {
  /**
   * The rule's name: the suffix of its two Schedules
   * (`kyma-system-backup-<name>`, `kyma-backup-<name>`).
   *
   * @default - the preset's name: daily, weekly or monthly
   */
  readonly name?: string;

  /**
   * The hour.
   *
   * @default "1" (the guide's 01:00)
   */
  readonly hour?: string;

  /**
   * The minute; when left out, the plan staggers the rules (see `stagger`).
   *
   * @default "0", moved by the plan's staggering
   */
  readonly minute?: string;

  /**
   * The IANA time zone of the hour and minute.
   *
   * @default - the Velero server's local time (UTC in its image)
   */
  readonly timeZone?: string;
}

/** The run-time shape of `KymaBackupRuleTimeOptions`. */
const TIME_OPTIONS_SHAPE: PropsShape = structShape('KymaBackupRuleTimeOptions', { ...RULE_OPTIONS_SHAPE, name: 'literal', hour: 'literal', minute: 'literal', timeZone: 'literal' });

/** A weekly rule. */
export interface KymaBackupWeeklyRuleOptions extends KymaBackupRuleTimeOptions {
  /**
   * The day of the week (0-6 or SUN-SAT).
   *
   * @default "SUN"
   */
  readonly weekDay?: string;
}

/** The run-time shape of `KymaBackupWeeklyRuleOptions`. */
const WEEKLY_OPTIONS_SHAPE: PropsShape = structShape('KymaBackupWeeklyRuleOptions', { ...TIME_OPTIONS_SHAPE, weekDay: 'literal' });

/** A monthly rule. */
export interface KymaBackupMonthlyRuleOptions extends KymaBackupRuleTimeOptions {
  /**
   * The day of the month.
   *
   * @default "1"
   */
  readonly day?: string;
}

/** The run-time shape of `KymaBackupMonthlyRuleOptions`. */
const MONTHLY_OPTIONS_SHAPE: PropsShape = structShape('KymaBackupMonthlyRuleOptions', { ...TIME_OPTIONS_SHAPE, day: 'literal' });

/** A rule with a schedule of its own. */
export interface KymaBackupCustomRuleProps extends KymaBackupRuleOptions {
  /** The rule's name, the suffix of its Schedules' names. */
  readonly name: string;
  /** When it runs. */
  readonly schedule: BackupSchedule;
}

/** The run-time shape of `KymaBackupCustomRuleProps`. */
const CUSTOM_PROPS_SHAPE: PropsShape = structShape('KymaBackupCustomRuleProps', {
  ...RULE_OPTIONS_SHAPE,
  name: { required: 'literal' },
  schedule: { required: BACKUP_SCHEDULE_TYPE },
});

/**
 * One cadence of a `KymaBackupPlan` and how long its backups live: two
 * Velero Schedules (system and user) per rule.
 */
export class KymaBackupRule {
  /** Every day, at 01:00 unless told otherwise. */
  public static daily(options: KymaBackupRuleTimeOptions = {}): KymaBackupRule {
    const o = conformingProps(options, TIME_OPTIONS_SHAPE);
    return new KymaBackupRule(o.name ?? 'daily', BackupSchedule.cron({
      minute: o.minute, hour: o.hour ?? '1', timeZone: o.timeZone,
    }), options, TIME_OPTIONS_SHAPE, 'KymaBackupRule.daily');
  }

  /** Every week, on Sunday at 01:00 unless told otherwise. */
  public static weekly(options: KymaBackupWeeklyRuleOptions = {}): KymaBackupRule {
    const o = conformingProps(options, WEEKLY_OPTIONS_SHAPE);
    return new KymaBackupRule(o.name ?? 'weekly', BackupSchedule.cron({
      minute: o.minute, hour: o.hour ?? '1', weekDay: o.weekDay ?? 'SUN', timeZone: o.timeZone,
    }), options, WEEKLY_OPTIONS_SHAPE, 'KymaBackupRule.weekly');
  }

  /** Every month, on the 1st at 01:00 unless told otherwise. */
  public static monthly(options: KymaBackupMonthlyRuleOptions = {}): KymaBackupRule {
    const o = conformingProps(options, MONTHLY_OPTIONS_SHAPE);
    return new KymaBackupRule(o.name ?? 'monthly', BackupSchedule.cron({
      minute: o.minute, hour: o.hour ?? '1', day: o.day ?? '1', timeZone: o.timeZone,
    }), options, MONTHLY_OPTIONS_SHAPE, 'KymaBackupRule.monthly');
  }

  /** A rule with its own schedule, `ttl` or `keep`. */
  public static custom(props: KymaBackupCustomRuleProps): KymaBackupRule {
    const p = conformingProps(props, CUSTOM_PROPS_SHAPE);
    // A missing or wrong schedule is reported; the rule runs hourly meanwhile, and nothing is written.
    return new KymaBackupRule(p.name ?? '', p.schedule ?? BackupSchedule.expression('0 * * * *'), props, CUSTOM_PROPS_SHAPE, 'KymaBackupRule.custom');
  }

  /** How many backups to keep, if given. */
  public readonly keep?: number;
  /** The backups' lifetime, if given. */
  public readonly ttl?: Duration;
  /** Whether a retention gap is accepted. */
  public readonly allowRetentionGap: boolean;
  private readonly problems: Problem[];

  private constructor(
    /** The suffix of the rule's Schedules. */
    public readonly name: string,
    /** When the rule runs, before the plan staggers it. */
    public readonly schedule: BackupSchedule,
    given: KymaBackupRuleOptions,
    shape: PropsShape,
    factory: string,
  ) {
    const options = conformingProps(given, shape);
    this.keep = options.keep;
    this.ttl = options.ttl;
    this.allowRetentionGap = options.allowRetentionGap ?? false;
    this.problems = optionsProblems(factory, factory === 'KymaBackupRule.custom' ? 'props' : 'options', given, shape, factory === 'KymaBackupRule.custom');
    if (Number.isSafeInteger(options.keep) && options.keep! < 1) {
      this.problems.push(problem('keep', options.keep, 'is not a whole number of at least 1', 'how many backups to keep, such as 7', ProblemKind.PROPS));
    }
    if (options.keep !== undefined && options.ttl !== undefined) {
      // One of them would be dropped without a word.
      this.problems.push(problem('keep', options.keep, 'is given together with ttl', 'keep (the ttl follows) or ttl, not both', ProblemKind.PROPS));
    }
  }

  /** @internal Problems of the rule's options, fields prefixed with `at`; then those of its schedule. */
  public _problems(at: string): Problem[] {
    return [...anchored(this.problems, at), ...this.schedule._problems(`${at}.schedule`)];
  }
}

/** A prop that takes a `KymaBackupRule`. */
export const KYMA_BACKUP_RULE_TYPE: PropType = {
  instanceOf: KymaBackupRule,
  name: 'KymaBackupRule, such as KymaBackupRule.daily({ keep: 7 })',
  // Reported by the plan for every rule, those of addRule too.
  reportedApart: true,
};
