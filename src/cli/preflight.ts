// What `kyma-backup restore` decides before it applies anything, as plain
// functions: the restore plan of a directory (its phases, its ConfigMaps and
// Secrets), which backup each Restore would restore, and every reason not to
// start, all together (test/cli-restore.test.ts).
import { CliError, ExitCode } from './errors';
import { ManifestObject, SourcedObject, isVelero, objectName } from './manifests';
import {
  BackupObject, LocationObject, RestoreObject, SCHEDULE_LABEL, ScheduleObject, formatAge, nameTimestamp, scheduleIntervalSeconds, timeOf,
} from './velero-state';

/** One phase of a restore plan: the Restores of one file, applied together. */
export interface RestorePhase {
  readonly number: number;
  readonly file: string;
  readonly restores: readonly RestoreObject[];
}

export interface RestorePlanDir {
  /** The ConfigMaps and Secrets of the directory (policies, modifiers, remapping), applied before phase 1. */
  readonly prerequisites: readonly ManifestObject[];
  readonly phases: readonly RestorePhase[];
}

/**
 * The restore plan of a directory as KymaRestorePlan writes it: one file per
 * phase, in the order of the file names. A usage error names every reason to
 * refuse it: no Restore; a kind restore does not apply (a Backup, a Schedule,
 * a location: `kyma-backup apply` applies those); a Velero object outside
 * Velero's namespace; a name given twice. Restores without a namespace go to
 * Velero's.
 */
export function planRestore(objects: readonly SourcedObject[], veleroNamespace: string): RestorePlanDir {
  const problems: string[] = [];
  const prerequisites: ManifestObject[] = [];
  const byFile = new Map<string, RestoreObject[]>();
  const names = new Map<string, string>();
  for (const { object, file, document } of objects) {
    const at = `${file} (document ${document})`;
    if (isVelero(object) && object.kind === 'Restore') {
      const ns = object.metadata.namespace ?? veleroNamespace;
      if (ns !== veleroNamespace) {
        problems.push(`${at}: Restore ${object.metadata.name} is in namespace ${ns}, but Velero runs in ${veleroNamespace} (give Velero's namespace with --namespace)`);
        continue;
      }
      const first = names.get(object.metadata.name);
      if (first) {
        problems.push(`${at}: Restore ${object.metadata.name} is given twice (first in ${first})`);
        continue;
      }
      names.set(object.metadata.name, at);
      const restore = { ...object, metadata: { ...object.metadata, namespace: ns } } as unknown as RestoreObject;
      byFile.set(file, [...byFile.get(file) ?? [], restore]);
    } else if (object.apiVersion === 'v1' && (object.kind === 'ConfigMap' || object.kind === 'Secret')) {
      prerequisites.push(object);
    } else {
      problems.push(`${at}: ${objectName(object)}: a restore plan holds Restores, ConfigMaps and Secrets only (apply the rest with kyma-backup apply)`);
    }
  }
  if (byFile.size === 0 && problems.length === 0) problems.push('it holds no Restore (write one with KymaRestorePlan, `npm run synth:restore`)');
  if (problems.length > 0) throw new CliError(`refusing to restore:\n  ${problems.join('\n  ')}`, ExitCode.USAGE);
  const files = [...byFile.keys()].sort();
  return { prerequisites, phases: files.map((file, i) => ({ number: i + 1, file, restores: byFile.get(file)! })) };
}

/** What pre-flight reads of the cluster. */
export interface ClusterFacts {
  /** Velero's CRDs the API server does not serve (then nothing else is judged). */
  readonly missingDefinitions: readonly string[];
  readonly locations: readonly LocationObject[];
  readonly backups: readonly BackupObject[];
  readonly schedules: readonly ScheduleObject[];
  /** The Restores in Velero's namespace now. */
  readonly restores: readonly RestoreObject[];
  /** The names of the ConfigMaps in Velero's namespace now. */
  readonly configMaps: readonly string[];
}

export interface PreflightOptions {
  readonly pauseSchedules: boolean;
  /** The time of the check, in ms (ages in messages). */
  readonly now: number;
}

/** The source of one Restore as Velero will resolve it. */
export interface ResolvedSource {
  readonly restore: string;
  /** `backupName`, or the latest completed backup of `scheduleName`. */
  readonly backup?: BackupObject;
  /** How it was found, for people: `backup X` or `schedule S: its latest completed backup X`. */
  readonly how: string;
}

export interface Preflight {
  /** Reasons not to start: nothing is applied when there is one. */
  readonly problems: string[];
  /** What is worth knowing but does not stop the restore (halves not of the same run, a PartiallyFailed source). */
  readonly warnings: string[];
  /** What was found right, for people. */
  readonly checks: string[];
  readonly sources: ResolvedSource[];
  /** The Schedules restore pauses first (with --pause-schedules). */
  readonly schedulesToPause: string[];
}

/** The CRDs restore needs of Velero: what it applies, reads, and asks for. */
export const VELERO_DEFINITIONS = ['backups', 'restores', 'schedules', 'backupstoragelocations', 'downloadrequests'];

/** What a window is judged against when no Schedule says how far apart its runs are. */
export const DEFAULT_SAME_RUN_SECONDS = 3600;

/**
 * Velero's choice for `scheduleName`: of the backups labelled with the
 * Schedule, the newest by start time that is Completed. (Velero lists them in
 * every namespace; restore reads those of Velero's namespace, where a Schedule
 * makes its backups.)
 */
export function latestCompleted(backups: readonly BackupObject[], schedule: string): BackupObject | undefined {
  return backups
    .filter(b => b.metadata.labels?.[SCHEDULE_LABEL] === schedule)
    .sort((a, b) => (timeOf(b.status?.startTimestamp) ?? 0) - (timeOf(a.status?.startTimestamp) ?? 0))
    .find(b => b.status?.phase === 'Completed');
}

/** Velero's final phases of a Backup: after them, it neither runs nor completes. */
const BACKUP_ENDED = ['Completed', 'PartiallyFailed', 'Failed', 'FailedValidation', 'Deleting'];

/** The backups of a Schedule that have not ended yet (New, Queued, ReadyToStart, InProgress, the post-processing phases). */
export function unfinishedBackups(backups: readonly BackupObject[], schedule: string): BackupObject[] {
  return backups.filter(b => b.metadata.labels?.[SCHEDULE_LABEL] === schedule && !BACKUP_ENDED.includes(b.status?.phase ?? ''));
}

/**
 * Whether Velero restored a Restore from another backup than pre-flight
 * named: for `scheduleName`, Velero writes its own pick into
 * `spec.backupName` when it takes the Restore. A description of the
 * difference, or `undefined` when they agree (or nothing can be compared).
 */
export function sourceMismatch(restore: string, named: string | undefined, stored: string | undefined): string | undefined {
  if (named === undefined || stored === undefined || stored === '' || named === stored) return undefined;
  return `Restore ${restore} was restored from backup ${stored}, not from ${named}, which pre-flight named: a newer backup of its Schedule `
    + 'completed during the restore, so the halves may now be of two runs. Check the cluster, then restore the later phases from named backups';
}

export interface SameRun {
  readonly same: boolean;
  /** Why, with both times. */
  readonly reason: string;
}

const iso = (ms: number | undefined) => (ms === undefined ? 'unknown' : new Date(ms).toISOString().replace('.000Z', 'Z'));

/**
 * Whether two backups are of the same run: the same timestamp in their
 * scheduled names, or start times no further apart than the Schedule's
 * longest interval (its robfig runs from `spec.schedule`), or than
 * `DEFAULT_SAME_RUN_SECONDS` when neither comes from a known Schedule.
 */
export function sameRun(a: BackupObject, b: BackupObject, schedules: readonly ScheduleObject[]): SameRun {
  const [na, nb] = [nameTimestamp(a.metadata.name), nameTimestamp(b.metadata.name)];
  if (na !== undefined && na === nb) return { same: true, reason: `both are named for ${iso(na)}` };
  const [sa, sb] = [timeOf(a.status?.startTimestamp), timeOf(b.status?.startTimestamp)];
  const times = `${a.metadata.name} started ${iso(sa)}, ${b.metadata.name} started ${iso(sb)}`;
  if (sa === undefined || sb === undefined) return { same: false, reason: `${times}: a start time is missing` };
  const specs = [a, b].map(x => schedules.find(s => s.metadata.name === x.metadata.labels?.[SCHEDULE_LABEL])?.spec?.schedule);
  const intervals = specs.map(s => scheduleIntervalSeconds(s, Math.max(sa, sb))).filter((s): s is number => s !== undefined);
  const window = intervals.length > 0 ? Math.max(...intervals) : DEFAULT_SAME_RUN_SECONDS;
  const whose = intervals.length > 0 ? 'the Schedule\'s longest interval' : 'an hour (no Schedule says how far apart its runs are)';
  const apart = Math.abs(sa - sb);
  const same = apart <= window * 1000;
  return { same, reason: `${times}: ${formatAge(apart)} apart, ${same ? 'within' : 'more than'} ${whose} (${formatAge(window * 1000)})` };
}

/** Every check of pre-flight, over what was read of the cluster. */
export function preflight(plan: RestorePlanDir, facts: ClusterFacts, options: PreflightOptions): Preflight {
  const problems: string[] = [];
  const warnings: string[] = [];
  const checks: string[] = [];
  const sources: ResolvedSource[] = [];
  if (facts.missingDefinitions.length > 0) {
    problems.push(`Velero's CRDs are not installed: the API server does not serve ${facts.missingDefinitions.map(d => `${d}.velero.io`).join(', ')} (is Velero installed?)`);
    return { problems, warnings, checks, sources, schedulesToPause: [] };
  }
  checks.push('Velero\'s CRDs are installed');

  const locations = new Map(facts.locations.map(l => [l.metadata.name, l]));
  const available = facts.locations.filter(l => l.status?.phase === 'Available');
  if (available.length === 0) {
    const seen = facts.locations.map(l => `${l.metadata.name} ${l.status?.phase ?? '(not validated yet)'}${l.status?.message ? `: ${l.status.message}` : ''}`);
    problems.push(`no BackupStorageLocation is Available${seen.length > 0 ? ` (${seen.join('; ')})` : ' (there is none)'}`);
  } else {
    checks.push(`BackupStorageLocation ${available.map(l => l.metadata.name).join(', ')} Available`);
  }

  const restores = plan.phases.flatMap(p => p.restores);
  for (const restore of restores) {
    const name = restore.metadata.name;
    const spec = restore.spec ?? {};
    let backup: BackupObject | undefined;
    let how: string;
    if (spec.backupName) {
      how = `backup ${spec.backupName}`;
      backup = facts.backups.find(b => b.metadata.name === spec.backupName);
      if (!backup) {
        problems.push(`Restore ${name}: its backup ${spec.backupName} does not exist in ${restore.metadata.namespace}`);
      }
    } else if (spec.scheduleName) {
      backup = latestCompleted(facts.backups, spec.scheduleName);
      const unfinished = unfinishedBackups(facts.backups, spec.scheduleName);
      if (unfinished.length > 0) {
        problems.push(`Restore ${name}: Schedule ${spec.scheduleName} has a backup that has not ended (${unfinished.map(b => `${b.metadata.name} ${b.status?.phase || 'New'}`).join(', ')}). `
          + 'Velero picks the latest completed backup of a Schedule when it takes each Restore, so one that completes during the restore '
          + 'would become the source of the later phases; pausing a Schedule does not stop a backup it has started. Wait until it has ended, '
          + 'or restore from named backups (systemBackupName and userBackupName, or restorePoint)');
      }
      how = backup ? `schedule ${spec.scheduleName}: its latest completed backup ${backup.metadata.name}` : `schedule ${spec.scheduleName}`;
      if (!backup) {
        const all = facts.backups.filter(b => b.metadata.labels?.[SCHEDULE_LABEL] === spec.scheduleName);
        problems.push(`Restore ${name}: Schedule ${spec.scheduleName} has no completed backup (${all.length} backups labelled with it${all.length > 0 ? `: ${all.map(b => `${b.metadata.name} ${b.status?.phase ?? 'New'}`).join(', ')}` : ''})`);
      }
    } else {
      how = 'no source';
      problems.push(`Restore ${name}: it names neither a backupName nor a scheduleName`);
    }
    if (backup) {
      const phase = backup.status?.phase ?? 'New';
      const age = timeOf(backup.status?.startTimestamp);
      const about = `${backup.metadata.name} (${phase}${age !== undefined ? `, started ${formatAge(options.now - age)} ago` : ''}, ${backup.status?.progress?.itemsBackedUp ?? 0} items)`;
      if (phase === 'Completed') {
        checks.push(`Restore ${name}: ${spec.backupName ? 'backup' : `schedule ${spec.scheduleName}: latest completed backup`} ${about}`);
      } else if (phase === 'PartiallyFailed') {
        warnings.push(`Restore ${name}: its backup ${about} is PartiallyFailed: Velero restores it, without what failed to be backed up`);
      } else {
        problems.push(`Restore ${name}: its backup ${about} is ${phase}, not Completed`);
      }
      const where = backup.spec?.storageLocation;
      const location = where ? locations.get(where) : undefined;
      if (where && !location) {
        problems.push(`Restore ${name}: the location of backup ${backup.metadata.name}, ${where}, does not exist`);
      } else if (location && location.status?.phase !== 'Available') {
        problems.push(`Restore ${name}: the location of backup ${backup.metadata.name}, ${where}, is ${location.status?.phase ?? 'not validated yet'}`
          + `${location.status?.message ? `: ${location.status.message}` : ''} (Velero refuses a restore from it)`);
      }
    }
    sources.push({ restore: name, backup, how: how! });

    const modifier = spec.resourceModifier?.name;
    if (modifier && !facts.configMaps.includes(modifier) && !plan.prerequisites.some(o => o.kind === 'ConfigMap' && o.metadata.name === modifier)) {
      problems.push(`Restore ${name}: its resource modifier ConfigMap ${modifier} is neither in the directory nor in ${restore.metadata.namespace}`);
    }
    const existing = facts.restores.find(r => r.metadata.name === name);
    if (existing) {
      problems.push(`Restore ${name} exists already (${existing.status?.phase ?? 'New'}): Velero runs a Restore once; give the plan new Restore names `
        + '(systemRestoreName, userRestoreName) or delete the old Restore');
    }
  }

  // The halves: every two different source backups must be of one run.
  const distinct = [...new Map(sources.filter(s => s.backup).map(s => [s.backup!.metadata.name, s.backup!])).values()];
  for (let i = 0; i < distinct.length; i++) {
    for (let j = i + 1; j < distinct.length; j++) {
      const run = sameRun(distinct[i], distinct[j], facts.schedules);
      if (run.same) checks.push(`${distinct[i].metadata.name} and ${distinct[j].metadata.name} are of the same run: ${run.reason}`);
      else warnings.push(`${distinct[i].metadata.name} and ${distinct[j].metadata.name} may not be of the same run: ${run.reason}`);
    }
  }

  if (plan.prerequisites.length > 0) {
    checks.push(`applied first: ${plan.prerequisites.map(o => `${o.kind} ${o.metadata.name}`).join(', ')}`);
  }

  const running = facts.schedules.filter(s => s.spec?.paused !== true).map(s => s.metadata.name).sort();
  const schedulesToPause = options.pauseSchedules ? running : [];
  if (running.length === 0) {
    checks.push(facts.schedules.length > 0 ? `every Schedule is paused (${facts.schedules.length})` : 'no Schedule');
  } else if (!options.pauseSchedules) {
    problems.push(`Schedule ${running.join(', ')} ${running.length === 1 ? 'is' : 'are'} not paused: a backup taken during the restore would be of a half-restored `
      + 'cluster, and become the latest one of its Schedule. Pause them, or give --pause-schedules');
  }
  return { problems, warnings, checks, sources, schedulesToPause };
}
