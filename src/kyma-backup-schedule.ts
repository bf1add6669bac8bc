import { Cron, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { BackupScope, BackupScopeKind } from './backup-scope';
import { KymaBackupScopeConstruct } from './kyma-backup-scope-construct';
import { KymaBackupScopeOptions } from './kyma-backup-scope-options';
import { DEFAULT_SCHEDULE, SYSTEM_BACKUP_NAME, USER_BACKUP_NAME } from './kyma-defaults';
import { validateOwnedObjects } from './owned-objects';
import { propsProblems } from './props-check';
import { SCHEDULE_PROPS } from './props-shapes';
import { Problem, ProblemKind, problem } from './validation/problem';
import { ValidatedSchedule } from './velero-objects';
import { Schedule, ScheduleSpecTemplate } from '../imports/velero.io';

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
   * When backups run, as a cron schedule. Give this or `scheduleExpression`, not both.
   *
   * @default - the guide's `0 1 * * *` (daily at 01:00)
   */
  readonly schedule?: Cron;

  /**
   * When backups run, as a raw Velero schedule string: five cron fields or a
   * descriptor such as `@daily` or `@every 6h`. Give this or `schedule`, not both.
   *
   * @default - the guide's `0 1 * * *` (daily at 01:00)
   */
  readonly scheduleExpression?: string;

  /**
   * The IANA time zone the schedule is read in, rendered as Velero's
   * `CRON_TZ=<zone> ` prefix.
   *
   * @default - no prefix: the Velero server's local time (UTC in its image)
   */
  readonly timeZone?: string;

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
}

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

  private readonly props: KymaBackupScheduleProps;
  /** @internal */
  protected readonly _scopes: BackupScope[];

  constructor(scope: Construct, id: string, props: KymaBackupScheduleProps = {}) {
    super(scope, id);
    this.props = props;
    const systemScope = new BackupScope(BackupScopeKind.SYSTEM, props);
    const userScope = new BackupScope(BackupScopeKind.USER, props);
    this._scopes = [systemScope, userScope];
    this.systemSchedule = this.addSchedule('System', systemScope, props.systemName ?? SYSTEM_BACKUP_NAME);
    this.userSchedule = this.addSchedule('User', userScope, props.userName ?? USER_BACKUP_NAME);
    const intent = (backupScope: BackupScope) => (manifest: any) => backupScope.intentProblems(manifest.spec?.template, 'spec.template');
    validateOwnedObjects(this, [
      { object: this.systemSchedule, label: 'System', intentChecks: intent(systemScope) },
      { object: this.userSchedule, label: 'User', intentChecks: intent(userScope) },
    ], {
      props: () => propsProblems(this.props, SCHEDULE_PROPS),
      // Problems of the shared props are reported once, before those of each Schedule.
      options: () => [...systemScope.optionProblems(), ...scheduleProblems(this.props)],
    });
  }

  private addSchedule(childId: string, backupScope: BackupScope, name: string): Schedule {
    const props = this.props;
    return new ValidatedSchedule(this, childId, {
      metadata: { name, namespace: backupScope.veleroNamespace },
      spec: {
        schedule: Lazy.any({ produce: () => renderScheduleString(props) }) as string,
        // Velero's Schedule template is its BackupSpec type; the generated
        // TypeScript names differ only in their hook enum types.
        template: Lazy.any({ produce: () => backupScope.renderSpec() }) as ScheduleSpecTemplate,
        paused: props.paused,
        useOwnerReferencesInBackup: props.useOwnerReferencesInBackup,
        skipImmediately: props.skipImmediately,
      },
    });
  }
}

/** `spec.schedule`: the cron or raw expression, after the time zone prefix if one is given. */
function renderScheduleString(props: KymaBackupScheduleProps): string {
  const base = props.scheduleExpression ?? props.schedule?.expressionString ?? DEFAULT_SCHEDULE;
  return props.timeZone !== undefined ? `CRON_TZ=${props.timeZone} ${base}` : base;
}

/** Problems of the schedule props themselves; the written schedule is judged with the Schedule. */
function scheduleProblems(props: KymaBackupScheduleProps): Problem[] {
  const problems: Problem[] = [];
  if (props.schedule !== undefined && props.scheduleExpression !== undefined) {
    problems.push(problem('scheduleExpression', props.scheduleExpression, `is given together with schedule (${props.schedule.expressionString})`,
      'give one of schedule or scheduleExpression', ProblemKind.PROPS));
  }
  if (props.timeZone !== undefined) {
    if (props.timeZone === '' || /\s/.test(props.timeZone)) {
      // An empty or spaced zone would render a different schedule string than meant.
      problems.push(problem('timeZone', props.timeZone, 'is empty or contains white space',
        'an IANA time zone name such as Europe/Berlin or UTC is accepted', ProblemKind.PROPS));
    }
    if (/^(CRON_)?TZ=/.test(props.scheduleExpression ?? '')) {
      problems.push(problem('scheduleExpression', props.scheduleExpression, 'has its own time zone prefix while timeZone is set',
        'give the zone once: in timeZone, or as the CRON_TZ= prefix of scheduleExpression', ProblemKind.PROPS));
    }
  }
  return problems;
}
