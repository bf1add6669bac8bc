import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { ALERTS_OPTIONS_SHAPE, ALERTS_OPTIONS_TYPE, KymaBackupAlerts, KymaBackupAlertsOptions } from './alerts';
import { IKymaBackupPlan } from './plan-interface';
import { KYMA_BACKUP_RULE_TYPE, KymaBackupRule } from './rule';
import { staggerRules } from './stagger';
import { Schedule } from '../../imports/velero.io';
import { KymaSystemBackup, KymaUserBackup } from '../backup/backup';
import { BackupScope, BackupScopeKind } from '../backup/scope';
import { KymaBackupScopeConstruct } from '../backup/scope-construct';
import { KymaBackupScopeOptions, SCOPE_OPTIONS_SHAPE } from '../backup/scope-options';
import { SYSTEM_BACKUP_NAME, USER_BACKUP_NAME } from '../core/defaults';
import { constructId } from '../private/construct-id';
import { ownObject, validateOwnedObjects } from '../private/owned-objects';
import { PropsShape, conformingProps, propsProblems, structShape } from '../private/props-check';
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
const PLAN_PROPS_SHAPE: PropsShape = structShape('KymaBackupPlanProps', {
  ...SCOPE_OPTIONS_SHAPE,
  rules: { list: KYMA_BACKUP_RULE_TYPE },
  systemName: 'literal',
  userName: 'literal',
  stagger: 'boolean',
  paused: 'boolean',
  useOwnerReferencesInBackup: 'boolean',
  skipImmediately: 'boolean',
  retentionCheckYear: 'integer',
});

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
  // Props that are no object, or rules that are no list, go to the plan as given: it reports them.
  if (props === null || typeof props !== 'object' || Array.isArray(props) || ![Object.prototype, null].includes(Object.getPrototypeOf(props))
    || (props.rules !== undefined && !Array.isArray(props.rules))) return props;
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
  /** The props as given, judged. */
  private readonly propsProblems: () => Problem[];
  private readonly onDemand = new Map<string, KymaOnDemandBackups>();
  private invalidPair?: KymaOnDemandBackups;
  private alerts?: { readonly construct: KymaBackupAlerts; readonly options: string };

  constructor(scope: Construct, id: string, props: KymaBackupPlanProps = {}) {
    super(scope, id);
    // What the caller gave, rules included: while any of it is wrong, nothing is rendered or simulated.
    this.propsProblems = () => [...propsProblems(props, PLAN_PROPS_SHAPE, '', true), ...this.ruleProblems()];
    this.props = conformingProps(props, PLAN_PROPS_SHAPE);
    this.systemScope = new BackupScope(BackupScopeKind.SYSTEM, this.props);
    this.userScope = new BackupScope(BackupScopeKind.USER, this.props);
    this._scopes = [this.systemScope, this.userScope];
    validateOwnedObjects(this, [], {
      props: this.propsProblems,
      options: () => this.planProblems(),
    });
    for (const rule of this.props.rules ?? []) this.addRule(rule);
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
    // A question, asked often (the alerts, the summary): recorded only when it is a wrong one.
    if (!(rule instanceof KymaBackupRule)) {
      this._refused('scheduleNames', [['rule', rule, { required: KYMA_BACKUP_RULE_TYPE }]]);
      return [];
    }
    return this.pairNames(rule.name);
  }

  /** `<systemName>-<suffix>` and `<userName>-<suffix>`: the names of a rule's Schedules and of an on-demand pair. */
  private pairNames(suffix: string): string[] {
    return [`${this.props.systemName ?? SYSTEM_BACKUP_NAME}-${suffix}`, `${this.props.userName ?? USER_BACKUP_NAME}-${suffix}`];
  }

  /** Adds a rule: a system and a user Schedule named after it. */
  public addRule(rule: KymaBackupRule): void {
    if (this._refused('addRule', [['rule', rule, { required: KYMA_BACKUP_RULE_TYPE }]])) return;
    const index = this.planRules.length;
    this.planRules.push(rule);
    const [systemName, userName] = this.pairNames(rule.name);
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
    for (const owned of pair.owned) ownObject(this, owned, { props: this.propsProblems });
    this.schedules.push(pair);
  }

  /**
   * Adds the on-demand pair over the plan's scope props: Backups
   * `<systemName>-<name>` and `<userName>-<name>`. Later `add…()` calls on
   * the plan do not reach them; call those on the returned backups. Velero
   * keeps one backup per name, so a name given again returns the same pair.
   */
  public backupNow(name: string): KymaOnDemandBackups {
    const taken = typeof name === 'string' ? this.onDemand.get(name) : undefined;
    if (taken) return taken;
    const refused = this._refused('backupNow', [['name', name, { required: 'literal' }]]);
    // A wrong name still gets a pair (so the caller can go on), named `invalid`: the synth reports the name.
    const suffix = refused ? 'invalid' : name;
    const [systemName, userName] = this.pairNames(suffix);
    // The scope props only: the plan's own settings are not a Backup's.
    const scope: KymaBackupScopeOptions = Object.fromEntries(Object.entries(this.props).filter(([key]) => key in SCOPE_OPTIONS_SHAPE));
    if (refused) {
      // One stand-in pair for every wrong name, so that the caller can go on; never handed out for a real name.
      return this.invalidPair ??= {
        system: new KymaSystemBackup(this, 'Now-(invalid name)-System', { ...scope, name: systemName }),
        user: new KymaUserBackup(this, 'Now-(invalid name)-User', { ...scope, name: userName }),
      };
    }
    const id = constructId(suffix);
    const pair = {
      system: new KymaSystemBackup(this, `Now-${id}-System`, { ...scope, name: systemName }),
      user: new KymaUserBackup(this, `Now-${id}-User`, { ...scope, name: userName }),
    };
    this.onDemand.set(suffix, pair);
    return pair;
  }

  /**
   * What the plan keeps over the simulated year; undefined while a rule's
   * schedule is invalid or never runs (the synth reports that).
   */
  public timeline(): PlanTimeline | undefined {
    if (this.propsProblems().length > 0) return undefined;
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
      return `# Backup plan ${this.node.path}\n\nNo summary: the props or a rule's schedule are invalid, or a rule never runs; the synth says which.\n`;
    }
    return renderPlanSummary(timeline, {
      title: `Backup plan ${this.node.path}`,
      schedules: this.planRules.map(rule => this.pairNames(rule.name)),
    });
  }

  /**
   * The plan as a picture (SVG): for each rule, every backup that exists in
   * the simulated year as a bar from its run to its expiry.
   */
  public timelineSvg(): string {
    const runs = this.propsProblems().length > 0 ? undefined : ruleRunsOf(this.timelineRules(), this.year);
    const title = `Backup plan ${this.node.path}`;
    return runs ? renderPlanSvg(runs, this.year, title)
      : `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="20"><text x="4" y="14">${title}: the props or a rule's schedule are invalid, or a rule never runs</text></svg>\n`;
  }

  /**
   * Adds a PrometheusRule per rule: an alert when the newest successful
   * backup of its Schedules is older than the rule's longest interval plus a
   * margin, one when a backup of them failed, and one when none ever succeeded.
   */
  public addAlerts(options: KymaBackupAlertsOptions = {}): KymaBackupAlerts {
    // Wrong options are reported here, as this call's; the alerts get the options of the right type.
    this._refused('addAlerts', [['options', options, ALERTS_OPTIONS_TYPE]]);
    options = conformingProps(options, ALERTS_OPTIONS_SHAPE);
    const given = sameness(options);
    if (this.alerts) {
      // One set of alerts per plan: the same call again is the same alerts; other options are a mistake.
      if (given !== this.alerts.options) {
        this._reportCall(problem('addAlerts(options)', options, 'differs from the options of the first addAlerts call, and a plan has one set of alerts',
          'one addAlerts call, with all its options', ProblemKind.PROPS));
      }
      return this.alerts.construct;
    }
    const construct = new KymaBackupAlerts(this, 'Alerts', { ...options, plan: this });
    this.alerts = { construct, options: given };
    return construct;
  }

  private get year(): number {
    return this.props.retentionCheckYear ?? DEFAULT_RETENTION_CHECK_YEAR;
  }

  /** The rules' own problems, and what is wrong with them together: none, or two of one name. */
  private ruleProblems(): Problem[] {
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
    return problems;
  }

  private planProblems(): Problem[] {
    const problems: Problem[] = [];
    if (this.props.ttl !== undefined && this.planRules.length > 0 && this.onDemand.size === 0
      && this.planRules.every(rule => rule.keep !== undefined || rule.ttl !== undefined)) {
      // Each rule's own keep or ttl wins: the plan's ttl would be dropped without a word.
      problems.push(problem('ttl', `${this.props.ttl.toHours({ integral: false })}h`, 'is used by no rule: each sets keep or ttl of its own',
        'leave ttl out, or give it to a rule that sets neither (KymaBackupRule.custom({ name, schedule }))', ProblemKind.PROPS));
    }
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

/** Options as a string that is equal for equal options (durations by length). */
function sameness(options: unknown): string {
  try {
    return JSON.stringify(options ?? {}, (_key, value) => value instanceof Duration ? `${value.toMilliseconds({ integral: false })}ms` : value) ?? '';
  } catch {
    return '(unreadable)';
  }
}
