import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { KymaBackupAlerts, KymaBackupAlertsOptions } from './alerts';
import { IKymaBackupPlan } from './plan-interface';
import { KYMA_BACKUP_RULE_TYPE, KymaBackupRule } from './rule';
import { staggerRules } from './stagger';
import { Schedule } from '../../imports/velero.io';
import { KymaSystemBackup, KymaUserBackup } from '../backup/backup';
import { BackupScope, BackupScopeKind } from '../backup/scope';
import { KymaBackupScopeConstruct } from '../backup/scope-construct';
import { KymaBackupScopeOptions, SCOPE_OPTIONS_SHAPE } from '../backup/scope-options';
import { SYSTEM_BACKUP_NAME, USER_BACKUP_NAME } from '../core/defaults';
import { ownObject, validateOwnedObjects } from '../private/owned-objects';
import { PropsShape, propsProblems } from '../private/props-check';
import { BackupSchedule } from '../schedule/backup-schedule';
import { addSchedulePair } from '../schedule/schedule-pair';
import { longestRunGap } from '../time/cron-runs';
import { renderPlanSummary } from '../timeline/summary';
import { renderPlanSvg } from '../timeline/svg';
import { PlanTimeline, TimelineRule, planTimeline, ruleRunsOf, ttlSeconds } from '../timeline/timeline';
import { Problem, ProblemKind, problem } from '../validation/problem';
import { DEFAULT_RETENTION_CHECK_YEAR } from '../validation/retention';

/** Props of `KymaBackupPlan`: the scope of every backup, and the plan's own settings. */
export interface KymaBackupPlanProps extends KymaBackupScopeOptions {
  /**
   * The rules; more can be added with `addRule`.
   *
   * @default - none: add at least one
   */
  readonly rules?: KymaBackupRule[];

  /**
   * The prefix of the system Schedules' names (`<systemName>-<rule>`).
   *
   * @default "kyma-system-backup"
   */
  readonly systemName?: string;

  /**
   * The prefix of the user Schedules' names (`<userName>-<rule>`).
   *
   * @default "kyma-backup"
   */
  readonly userName?: string;

  /**
   * Moves the minute of rules that leave it out, so that no two rules start
   * in the same minute of the simulated year; rules whose minutes collide all
   * the same fail the synth. Off: minutes stay as given, collisions allowed.
   *
   * @default true
   */
  readonly stagger?: boolean;

  /**
   * Whether the Schedules are paused.
   *
   * @default - not set: they run
   */
  readonly paused?: boolean;

  /**
   * Whether backups carry an owner reference to their Schedule.
   *
   * @default - not set: backups outlive their Schedule
   */
  readonly useOwnerReferencesInBackup?: boolean;

  /**
   * Whether a backup due when a Schedule is created or unpaused is skipped.
   *
   * @default - not set: the Velero server's setting applies
   */
  readonly skipImmediately?: boolean;

  /**
   * The calendar year the retention-gap check, the staggering and the summary simulate.
   *
   * @default 2027
   */
  readonly retentionCheckYear?: number;
}

/** The run-time shape of `KymaBackupPlanProps`. */
const PLAN_PROPS_SHAPE: PropsShape = {
  ...SCOPE_OPTIONS_SHAPE,
  rules: { list: KYMA_BACKUP_RULE_TYPE },
  systemName: 'string',
  userName: 'string',
  stagger: 'boolean',
  paused: 'boolean',
  useOwnerReferencesInBackup: 'boolean',
  skipImmediately: 'boolean',
  retentionCheckYear: 'integer',
};

/** The on-demand pair of `KymaBackupPlan.backupNow`. */
export interface KymaOnDemandBackups {
  readonly system: KymaSystemBackup;
  readonly user: KymaUserBackup;
}

/** How a rule stands at synth: its written schedule and ttl. */
interface ResolvedRule {
  readonly rule: KymaBackupRule;
  readonly schedule: BackupSchedule;
  readonly ttl?: Duration;
}

/** Every rule as written at synth, and the problems staggering found. */
interface Resolved {
  readonly rules: ResolvedRule[];
  readonly problems: Problem[];
}

/** A ladder preset's props: its rules first, then any the caller gives. */
function withRules(props: KymaBackupPlanProps, ...rules: KymaBackupRule[]): KymaBackupPlanProps {
  return { ...props, rules: [...rules, ...(props.rules ?? [])] };
}

/**
 * A full Kyma cluster backup plan: rules of cadence and retention (daily,
 * weekly, monthly, or custom), each written as two Velero Schedules, system
 * and user, over one shared scope. Every Schedule is checked for retention
 * gaps; `summaryMarkdown()` says what the plan keeps, and `addAlerts()` adds
 * Prometheus alerts matched to each rule's cadence.
 */
export class KymaBackupPlan extends KymaBackupScopeConstruct implements IKymaBackupPlan {
  /** 7 daily, 4 weekly and 12 monthly backups: a year back, a day at most lost. */
  public static dailyWeeklyMonthly1YearRetention(scope: Construct, id: string, props: KymaBackupPlanProps = {}): KymaBackupPlan {
    return new KymaBackupPlan(scope, id, withRules(props,
      KymaBackupRule.daily({ keep: 7 }), KymaBackupRule.weekly({ keep: 4 }), KymaBackupRule.monthly({ keep: 12 })));
  }

  /** 7 daily, 4 weekly and 60 monthly backups: five years back. */
  public static dailyWeeklyMonthly5YearRetention(scope: Construct, id: string, props: KymaBackupPlanProps = {}): KymaBackupPlan {
    return new KymaBackupPlan(scope, id, withRules(props,
      KymaBackupRule.daily({ keep: 7 }), KymaBackupRule.weekly({ keep: 4 }), KymaBackupRule.monthly({ keep: 60 })));
  }

  /** 35 daily backups. */
  public static daily35DayRetention(scope: Construct, id: string, props: KymaBackupPlanProps = {}): KymaBackupPlan {
    return new KymaBackupPlan(scope, id, withRules(props, KymaBackupRule.daily({ keep: 35 })));
  }

  /** @internal */
  protected readonly _scopes: BackupScope[];
  private readonly props: KymaBackupPlanProps;
  private readonly planRules: KymaBackupRule[] = [];
  private readonly schedules: Array<{ readonly system: Schedule; readonly user: Schedule }> = [];
  private readonly systemScope: BackupScope;
  private readonly userScope: BackupScope;
  private resolvedCache?: Resolved & { readonly count: number; timeline?: PlanTimeline | null };

  constructor(scope: Construct, id: string, props: KymaBackupPlanProps = {}) {
    super(scope, id);
    this.props = props;
    this.systemScope = new BackupScope(BackupScopeKind.SYSTEM, props);
    this.userScope = new BackupScope(BackupScopeKind.USER, props);
    this._scopes = [this.systemScope, this.userScope];
    validateOwnedObjects(this, [], {
      props: () => propsProblems(this.props, PLAN_PROPS_SHAPE),
      options: () => this.planProblems(),
    });
    for (const rule of props.rules ?? []) this.addRule(rule);
  }

  /** The rules, in the order they were added. */
  public get rules(): KymaBackupRule[] {
    return [...this.planRules];
  }

  /** The system Schedule of each rule, in the order of `rules`. */
  public get systemSchedules(): Schedule[] {
    return this.schedules.map(pair => pair.system);
  }

  /** The user Schedule of each rule, in the order of `rules`. */
  public get userSchedules(): Schedule[] {
    return this.schedules.map(pair => pair.user);
  }

  /** The names of the system and user Schedule of a rule. */
  public scheduleNames(rule: KymaBackupRule): string[] {
    return this.pairNames(rule.name);
  }

  /** `<systemName>-<suffix>` and `<userName>-<suffix>`: the names of a rule's Schedules and of an on-demand pair. */
  private pairNames(suffix: string): string[] {
    return [`${this.props.systemName ?? SYSTEM_BACKUP_NAME}-${suffix}`, `${this.props.userName ?? USER_BACKUP_NAME}-${suffix}`];
  }

  /** Adds a rule: a system and a user Schedule named after it. */
  public addRule(rule: KymaBackupRule): void {
    const index = this.planRules.length;
    this.planRules.push(rule);
    const [systemName, userName] = this.scheduleNames(rule);
    const pair = addSchedulePair(this, `Rule${index}`, `${rule.name} `, { system: this.systemScope, user: this.userScope }, {
      systemName,
      userName,
      paused: this.props.paused,
      useOwnerReferencesInBackup: this.props.useOwnerReferencesInBackup,
      skipImmediately: this.props.skipImmediately,
      allowRetentionGap: rule.allowRetentionGap,
      retentionCheckYear: this.props.retentionCheckYear,
      // Staggered minutes and ttls from keep depend on all rules: resolved at synth.
      schedule: () => this.resolved().rules[index].schedule,
      ttl: () => this.resolved().rules[index].ttl,
    });
    const checks = { props: () => propsProblems(this.props, PLAN_PROPS_SHAPE) };
    for (const owned of pair.owned) ownObject(this, owned, checks);
    this.schedules.push(pair);
  }

  /**
   * Adds the on-demand pair over the plan's scope props: Backups
   * `<systemName>-<name>` and `<userName>-<name>`. Later `add…()` calls on
   * the plan do not reach them; call those on the returned backups.
   */
  public backupNow(name: string): KymaOnDemandBackups {
    const [systemName, userName] = this.pairNames(name);
    // The scope props only: the plan's own settings are not a Backup's.
    const scope: KymaBackupScopeOptions = Object.fromEntries(Object.entries(this.props).filter(([key]) => key in SCOPE_OPTIONS_SHAPE));
    return {
      system: new KymaSystemBackup(this, `Now-${name}-System`, { ...scope, name: systemName }),
      user: new KymaUserBackup(this, `Now-${name}-User`, { ...scope, name: userName }),
    };
  }

  /**
   * What the plan keeps over the simulated year; undefined while a rule's
   * schedule is invalid or never runs (the synth reports that).
   */
  public timeline(): PlanTimeline | undefined {
    const resolved = this.resolved();
    // Cached with the resolved rules: the alerts ask for it once per rule and render.
    if (resolved.timeline === undefined) resolved.timeline = planTimeline(this.timelineRules(), this.year) ?? null;
    return resolved.timeline ?? undefined;
  }

  private timelineRules(): TimelineRule[] {
    return this.resolved().rules.map(r => ({
      name: r.rule.name,
      schedule: r.schedule._toVelero(),
      ttlSeconds: ttlSeconds(r.ttl ?? this.props.ttl),
    }));
  }

  /**
   * The plan as people read it, in Markdown: each rule's Schedules, first
   * runs in its zone, ttl and backups kept; the plan's recovery point
   * objective and retention horizon at steady state.
   */
  public summaryMarkdown(): string {
    const timeline = this.timeline();
    if (!timeline) {
      return `# Backup plan ${this.node.path}\n\nNo summary: a rule's schedule is invalid or never runs; the synth says which.\n`;
    }
    return renderPlanSummary(timeline, {
      title: `Backup plan ${this.node.path}`,
      schedules: this.planRules.map(rule => this.scheduleNames(rule)),
    });
  }

  /**
   * The plan as a picture (SVG): for each rule, every backup that exists in
   * the simulated year as a bar from its run to its expiry.
   */
  public timelineSvg(): string {
    const runs = ruleRunsOf(this.timelineRules(), this.year);
    const title = `Backup plan ${this.node.path}`;
    return runs ? renderPlanSvg(runs, this.year, title)
      : `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="20"><text x="4" y="14">${title}: a rule's schedule is invalid or never runs</text></svg>\n`;
  }

  /**
   * Adds a PrometheusRule per rule: an alert when the newest successful
   * backup of its Schedules is older than the rule's longest interval plus a
   * margin, one when a backup of them failed, and one when none ever succeeded.
   */
  public addAlerts(options: KymaBackupAlertsOptions = {}): KymaBackupAlerts {
    return new KymaBackupAlerts(this, 'Alerts', { ...options, plan: this });
  }

  private get year(): number {
    return this.props.retentionCheckYear ?? DEFAULT_RETENTION_CHECK_YEAR;
  }

  private planProblems(): Problem[] {
    const problems: Problem[] = [];
    if (this.planRules.length === 0) {
      problems.push(problem('rules', [], 'is empty, so the plan would back up nothing',
        'at least one rule, such as addRule(KymaBackupRule.daily({ keep: 7 }))', ProblemKind.PROPS));
    }
    const seen = new Map<string, number>();
    this.planRules.forEach((rule, i) => {
      problems.push(...rule._problems(`rules[${i}]`));
      const first = seen.get(rule.name);
      if (first !== undefined) {
        problems.push(problem(`rules[${i}].name`, rule.name, `is also the name of rules[${first}], so their Schedules would share names`,
          'a name per rule', ProblemKind.PROPS));
      } else {
        seen.set(rule.name, i);
      }
    });
    problems.push(...this.systemScope.optionProblems(), ...this.resolved().problems);
    return problems;
  }

  /** Rules as written at synth: staggered minutes and ttls from `keep`, computed once per set of rules. */
  private resolved(): Resolved & { timeline?: PlanTimeline | null } {
    if (this.resolvedCache?.count !== this.planRules.length) {
      this.resolvedCache = { count: this.planRules.length, ...this.resolve() };
    }
    return this.resolvedCache;
  }

  private resolve(): Resolved {
    const { schedules, problems } = (this.props.stagger ?? true)
      ? staggerRules(this.planRules, this.year)
      : { schedules: this.planRules.map(rule => rule.schedule), problems: [] };
    const rules = this.planRules.map((rule, i): ResolvedRule => {
      const schedule = schedules[i];
      if (rule.ttl !== undefined || rule.keep === undefined) return { rule, schedule, ttl: rule.ttl };
      const gap = longestRunGap(schedule._toVelero(), this.year);
      return { rule, schedule, ttl: typeof gap === 'object' ? Duration.seconds(rule.keep * gap.seconds) : undefined };
    });
    return { rules, problems };
  }
}
