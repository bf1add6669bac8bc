import { IConstruct } from 'constructs';
import { KymaBackupRule } from './rule';
import { PlanTimeline } from '../timeline/timeline';

/**
 * A backup plan as the constructs that watch it see it (`KymaBackupAlerts`):
 * its rules, the names of their Schedules and what it keeps. Implemented by
 * `KymaBackupPlan`; an interface, so that the alerts do not depend on the
 * plan that creates them.
 */
export interface IKymaBackupPlan extends IConstruct {
  /** The rules, in the order they were added. */
  readonly rules: KymaBackupRule[];

  /** The names of the system and user Schedule of a rule. */
  scheduleNames(rule: KymaBackupRule): string[];

  /**
   * What the plan keeps over the simulated year; undefined while a rule's
   * schedule is invalid or never runs.
   */
  timeline(): PlanTimeline | undefined;
}
