import { Construct } from 'constructs';
import { BACKUP_SCHEDULE_TYPE, BackupSchedule } from './backup-schedule';
import { addSchedulePair } from './schedule-pair';
import { Schedule } from '../../imports/velero.io';
import { BackupScope, BackupScopeKind } from '../backup/scope';
import { KymaBackupScopeConstruct } from '../backup/scope-construct';
import { KymaBackupScopeOptions, SCOPE_OPTIONS_SHAPE } from '../backup/scope-options';
import { DEFAULT_SCHEDULE, SYSTEM_BACKUP_NAME, USER_BACKUP_NAME } from '../core/defaults';
import { validateOwnedObjects } from '../private/owned-objects';
import { PropsShape, conformingProps, propsProblems, structShape } from '../private/props-check';
import { renderPlanSummary } from '../timeline/summary';
import { planTimeline, ttlSeconds } from '../timeline/timeline';
import { Problem } from '../validation/problem';
import { DEFAULT_RETENTION_CHECK_YEAR } from '../validation/retention';

/** Props of `KymaBackupSchedule`. */
export interface KymaBackupScheduleProps extends KymaBackupScopeOptions {
  /**
   * The name of the Schedule of the system namespaces (and the prefix of the
   * backups it creates).
   *
   * @default "kyma-system-backup"
   */
  readonly systemName?: string;

  /**
   * The name of the Schedule of the user namespaces.
   *
   * @default "kyma-backup"
   */
  readonly userName?: string;

  /**
   * When backups run.
   *
   * @default - the guide's `0 1 * * *`: daily at 01:00 in the Velero server's time (UTC)
   */
  readonly schedule?: BackupSchedule;

  /**
   * Whether the Schedules are paused.
   *
   * @default - not set: the Schedules run
   */
  readonly paused?: boolean;

  /**
   * Whether backups carry an owner reference to their Schedule, so that
   * deleting the Schedule deletes them too.
   *
   * @default - not set: backups outlive their Schedule
   */
  readonly useOwnerReferencesInBackup?: boolean;

  /**
   * Whether to skip a backup that is due right away when a Schedule is
   * created or unpaused.
   *
   * @default - not set: the Velero server's setting applies
   */
  readonly skipImmediately?: boolean;

  /**
   * Accepts backups that expire before the next one starts. Without it, a
   * `ttl` (720h when unset) shorter than the longest interval between two
   * runs fails the synth, naming the interval and the `ttl` that closes it.
   *
   * @default false
   */
  readonly allowRetentionGap?: boolean;

  /**
   * The calendar year whose runs the retention-gap check simulates, in the
   * schedule's time zone (with the time zone data of Node.js' ICU).
   *
   * @default 2027
   */
  readonly retentionCheckYear?: number;
}

/** The run-time shape of `KymaBackupScheduleProps`. */
const SCHEDULE_PROPS_SHAPE: PropsShape = structShape('KymaBackupScheduleProps', {
  ...SCOPE_OPTIONS_SHAPE,
  systemName: 'string',
  userName: 'string',
  schedule: BACKUP_SCHEDULE_TYPE,
  paused: 'boolean',
  useOwnerReferencesInBackup: 'boolean',
  skipImmediately: 'boolean',
  allowRetentionGap: 'boolean',
  retentionCheckYear: 'integer',
});

/**
 * A full Kyma cluster backup on a cadence: two Velero Schedules in Velero's
 * namespace, `kyma-system-backup` for the system namespaces and `kyma-backup`
 * for every other namespace, each with the guide's spec as its template.
 *
 * (The guide's sample pastes the system spec into both; here the user
 * Schedule carries the user spec, so user namespaces are backed up.)
 */
export class KymaBackupSchedule extends KymaBackupScopeConstruct {
  /** The underlying Schedule of the system namespaces (escape hatch). */
  public readonly systemSchedule: Schedule;
  /** The underlying Schedule of the user namespaces (escape hatch). */
  public readonly userSchedule: Schedule;

  /** @internal */
  protected readonly _scopes: BackupScope[];
  private readonly props: KymaBackupScheduleProps;
  /** The schedule both Schedules are written with. */
  private readonly schedule: BackupSchedule;
  /** The props as given, judged. */
  private readonly propsProblems: () => Problem[];

  constructor(scope: Construct, id: string, props: KymaBackupScheduleProps = {}) {
    super(scope, id);
    const given = props;
    // The schedule's own problems too: nothing is rendered from a stand-in schedule.
    this.propsProblems = () => [...propsProblems(given, SCHEDULE_PROPS_SHAPE, '', true), ...this.schedule?._problems('schedule') ?? []];
    props = this.props = conformingProps(given, SCHEDULE_PROPS_SHAPE);
    const systemScope = new BackupScope(BackupScopeKind.SYSTEM, props);
    const userScope = new BackupScope(BackupScopeKind.USER, props);
    this._scopes = [systemScope, userScope];
    const schedule = this.schedule = props.schedule ?? BackupSchedule.expression(DEFAULT_SCHEDULE);
    const pair = addSchedulePair(this, '', '', { system: systemScope, user: userScope }, {
      systemName: props.systemName ?? SYSTEM_BACKUP_NAME,
      userName: props.userName ?? USER_BACKUP_NAME,
      paused: props.paused,
      useOwnerReferencesInBackup: props.useOwnerReferencesInBackup,
      skipImmediately: props.skipImmediately,
      allowRetentionGap: props.allowRetentionGap,
      retentionCheckYear: props.retentionCheckYear,
      schedule: () => schedule,
    });
    this.systemSchedule = pair.system;
    this.userSchedule = pair.user;
    validateOwnedObjects(this, pair.owned, {
      props: this.propsProblems,
      // Problems of the shared props are reported once, before those of each Schedule.
      options: () => systemScope.optionProblems(),
    });
  }

  /**
   * The Schedules as people read them, in Markdown: first runs, ttl, longest
   * interval, backups kept and the oldest restorable point, over the
   * simulated year (see `KymaBackupPlan.summaryMarkdown`).
   */
  public summaryMarkdown(): string {
    const props = this.props;
    const title = `Backup schedule ${this.node.path}`;
    if (this.propsProblems().length > 0) return `# ${title}\n\nNo summary: the props are invalid; the synth says why.\n`;
    const timeline = planTimeline([{
      name: 'schedule',
      schedule: this.schedule._toVelero(),
      ttlSeconds: ttlSeconds(props.ttl),
    }], props.retentionCheckYear ?? DEFAULT_RETENTION_CHECK_YEAR);
    if (!timeline) return `# ${title}\n\nNo summary: the schedule is invalid or never runs; the synth says why.\n`;
    return renderPlanSummary(timeline, {
      title,
      schedules: [[this.systemSchedule.metadata.name!, this.userSchedule.metadata.name!]],
    });
  }
}
