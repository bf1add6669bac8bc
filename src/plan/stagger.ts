// Staggering: rules of a plan whose minute was left to the library move to
// a minute no other rule starts in over the simulated year, so that their
// backups do not queue behind each other (Velero runs one backup at a time).
import { BackupSchedule } from '../schedule/backup-schedule';
import { checkSchedule } from '../time/cron';
import { runsBetween, yearWindow } from '../time/cron-runs';
import { formatWallTime, zoneSupported } from '../time/zone-clock';
import { Problem, ProblemKind, problem } from '../validation/problem';

/** Minutes a staggered rule may move to, in order of preference. */
export const STAGGER_MINUTES: readonly number[] = [0, 15, 30, 45, 5, 10, 20, 25, 35, 40, 50, 55];

/** A rule as staggering sees it. */
export interface StaggerRule {
  readonly name: string;
  readonly schedule: BackupSchedule;
}

/**
 * The schedule each rule is written with, in the order given: rules with a
 * minute of their own keep it (a clash between two of them is a problem);
 * the others take the first minute of `STAGGER_MINUTES` at which none of
 * their runs in `year` starts in a minute another rule already takes.
 * `@every` schedules and schedules that cannot be simulated (invalid, or
 * in a zone Node.js lacks) keep their minute and take no minutes from the others.
 */
export function staggerRules(rules: readonly StaggerRule[], year: number): { schedules: BackupSchedule[]; problems: Problem[] } {
  const { start, end } = yearWindow('UTC', year);
  const taken = new Map<number, number>(); // run minute -> rule index
  const problems: Problem[] = [];
  const schedules = rules.map(rule => rule.schedule);
  const runMinutes = (schedule: BackupSchedule): number[] | undefined => {
    const parsed = checkSchedule(schedule._toVelero()).parsed;
    // @every runs are counted from when the Schedule starts, unknown at synth.
    if (!parsed || parsed.kind === 'every' || !zoneSupported(parsed.zone)) return undefined;
    return runsBetween(parsed, start - 1, end - 1).map(run => Math.floor(run / 60));
  };
  const place = (index: number, minutes: number[] | undefined) => {
    for (const minute of minutes ?? []) if (!taken.has(minute)) taken.set(minute, index);
  };

  const movable = rules.map(rule => rule.schedule._staggered(0) !== undefined);
  rules.forEach((rule, i) => {
    if (movable[i]) return;
    const minutes = runMinutes(rule.schedule);
    const clash = minutes?.find(m => taken.has(m));
    if (clash !== undefined) {
      const other = rules[taken.get(clash)!];
      const zone = checkSchedule(rule.schedule._toVelero()).parsed?.zone ?? 'UTC';
      problems.push(problem(`rules[${i}].schedule`, rule.schedule._toVelero(),
        `starts in the same minute as rule ${JSON.stringify(other.name)} (first at ${formatWallTime(clash * 60, zone)})`,
        'rules that never start together: give one another minute, or set stagger: false', ProblemKind.PROPS));
    }
    place(i, minutes);
  });
  rules.forEach((rule, i) => {
    if (!movable[i]) return;
    // A schedule that cannot be simulated keeps its minute: its own problem is reported (an unknown weekday, say).
    if (runMinutes(rule.schedule) === undefined) return;
    let chosen: BackupSchedule | undefined;
    for (const minute of STAGGER_MINUTES) {
      const candidate = rule.schedule._staggered(minute);
      const minutes = candidate && runMinutes(candidate);
      if (candidate && minutes && !minutes.some(m => taken.has(m))) {
        chosen = candidate;
        place(i, minutes);
        break;
      }
    }
    if (!chosen) {
      problems.push(problem(`rules[${i}].schedule`, rule.schedule._toVelero(), 'starts in the same minute as another rule at every minute staggering can choose',
        'give it a minute of its own, or set stagger: false', ProblemKind.PROPS));
    }
    schedules[i] = chosen ?? rule.schedule;
  });
  return { schedules, problems };
}
