// `kyma-backup restore [--dir]`: pre-flight, then the restore plan's phases in
// order, each applied, followed and judged before the next; or, with
// --dry-run, what each phase would bring back.
import * as readline from 'readline';
import Table from 'cli-table3';
import { CliError, ExitCode, ExitCodeValue } from './errors';
import { Kube } from './kube';
import { readManifestDirectory } from './manifests';
import { RestoreOptions } from './options';
import { Output } from './output';
import { ClusterFacts, Preflight, RestorePlanDir, VELERO_DEFINITIONS, planRestore, preflight, sourceMismatch } from './preflight';
import { ResourceName, RestorePreview, guessPlural, previewRestore } from './restore-preview';
import { RestoreResults, resultLines } from './restore-results';
import { BackupObject, LocationObject, RestoreObject, ScheduleObject, formatAge, isFinalRestorePhase, restoreProgress, timeOf } from './velero-state';

const VELERO = 'velero.io/v1';
const KIND_OF: Record<string, string> = {
  backups: 'Backup', restores: 'Restore', schedules: 'Schedule', backupstoragelocations: 'BackupStorageLocation', downloadrequests: 'DownloadRequest',
};
/** How many warnings of a Completed Restore are printed (five times as many of one that is not). */
const WARNINGS_SHOWN = 10;
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** What pre-flight reads of the cluster. */
export async function clusterFacts(kube: Kube, namespace: string): Promise<ClusterFacts> {
  const served = await Promise.all(VELERO_DEFINITIONS.map(async d => [d, await kube.serves(VELERO, KIND_OF[d])] as const));
  const missingDefinitions = served.filter(([, ok]) => !ok).map(([d]) => d);
  if (missingDefinitions.length > 0) return { missingDefinitions, locations: [], backups: [], schedules: [], restores: [], configMaps: [] };
  const [locations, backups, schedules, restores, configMaps] = await Promise.all([
    kube.list<any>(VELERO, 'BackupStorageLocation', namespace),
    kube.list<any>(VELERO, 'Backup', namespace),
    kube.list<any>(VELERO, 'Schedule', namespace),
    kube.list<any>(VELERO, 'Restore', namespace),
    kube.list<any>('v1', 'ConfigMap', namespace),
  ]);
  return {
    missingDefinitions,
    locations: locations as LocationObject[],
    backups: backups as BackupObject[],
    schedules: schedules as ScheduleObject[],
    restores: restores as RestoreObject[],
    configMaps: configMaps.map((c: any) => c.metadata.name),
  };
}

function logPreflight(out: Output, pf: Preflight): void {
  out.log('pre-flight:');
  for (const c of pf.checks) out.log(`  ok       ${c}`);
  for (const w of pf.warnings) out.log(`  warning  ${w}`);
  for (const p of pf.problems) out.log(`  problem  ${p}`);
  if (pf.schedulesToPause.length > 0) out.log(`  pause    Schedule ${pf.schedulesToPause.join(', ')} (--pause-schedules)`);
}

/** The resource names of kinds, by the API server's discovery, guessed from the kind where it does not serve it. */
async function resourceNames(kube: Kube, lists: ReadonlyArray<Record<string, readonly string[]>>):
Promise<(apiVersion: string, kind: string) => ResourceName> {
  const names = new Map<string, ResourceName>();
  for (const key of new Set(lists.flatMap(l => Object.keys(l)))) {
    const slash = key.lastIndexOf('/');
    const apiVersion = key.slice(0, slash);
    const kind = key.slice(slash + 1);
    const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
    const found = await kube.resourceOf(apiVersion, kind);
    names.set(key, found ? { plural: found.name, group } : { plural: guessPlural(kind), group, guessed: true });
  }
  return (apiVersion, kind) => names.get(`${apiVersion}/${kind}`) ?? { plural: guessPlural(kind), group: '', guessed: true };
}

interface PreviewEntry { name: string; backup?: string; preview?: RestorePreview; error?: string }

interface PhaseReport {
  phase: number;
  file: string;
  restores: Array<{
    name: string;
    backup?: string;
    phase?: string;
    seconds?: number;
    items?: number;
    total?: number;
    warnings: number;
    errors: number;
    messages?: { warnings: string[]; errors: string[] };
    resultsError?: string;
    /** Velero's reasons in the Restore's status: its validation errors, its failure reason. */
    reasons?: string[];
  }>;
}

export async function restoreCommand(options: RestoreOptions, out: Output): Promise<ExitCodeValue> {
  const plan: RestorePlanDir = planRestore(readManifestDirectory(options.directory), options.namespace);
  const kube = Kube.connect(options);
  const poll = options.pollMs ?? 1000;
  const facts = await clusterFacts(kube, options.namespace);
  const pf = preflight(plan, facts, { pauseSchedules: options.pauseSchedules, now: Date.now() });
  out.log(`restore plan ${options.directory}: ${plan.phases.length} phases, ${plan.phases.reduce((n, p) => n + p.restores.length, 0)} Restores`
    + `${plan.prerequisites.length > 0 ? `, ${plan.prerequisites.length} ConfigMaps and Secrets` : ''}`);
  logPreflight(out, pf);
  const sourceOf = new Map(pf.sources.map(s => [s.restore, s]));
  const base = {
    directory: options.directory,
    namespace: options.namespace,
    preflight: { checks: pf.checks, warnings: pf.warnings, problems: pf.problems, schedulesToPause: pf.schedulesToPause },
    sources: pf.sources.map(s => ({ restore: s.restore, backup: s.backup?.metadata.name, how: s.how })),
  };

  if (options.dryRun) {
    const previews: Array<{ phase: number; file: string; restores: PreviewEntry[] }> = [];
    const lists = new Map<string, Record<string, readonly string[]>>();
    const errors = new Map<string, string>();
    for (const s of pf.sources) {
      const backup = s.backup?.metadata.name;
      if (!backup || lists.has(backup) || errors.has(backup)) continue;
      try {
        const list = await kube.download(options.namespace, 'BackupResourceList', backup);
        if (list && typeof list === 'object') lists.set(backup, list as Record<string, readonly string[]>);
        else errors.set(backup, 'Velero has no resource list of it');
      } catch (e) {
        if (!(e instanceof CliError)) throw e;
        errors.set(backup, e.message);
      }
    }
    const resourceOf = await resourceNames(kube, [...lists.values()]);
    for (const phase of plan.phases) {
      const entry = { phase: phase.number, file: phase.file, restores: [] as PreviewEntry[] };
      for (const restore of phase.restores) {
        const backup = sourceOf.get(restore.metadata.name)?.backup?.metadata.name;
        const list = backup ? lists.get(backup) : undefined;
        if (!backup || !list) {
          const error = backup ? `cannot read the resource list of backup ${backup}: ${errors.get(backup)}` : 'its source backup is not known (see pre-flight)';
          entry.restores.push({ name: restore.metadata.name, backup, error });
          continue;
        }
        entry.restores.push({ name: restore.metadata.name, backup, preview: previewRestore(restore, list, resourceOf) });
      }
      previews.push(entry);
    }
    for (const phase of previews) {
      out.log(`\nphase ${phase.phase} (${phase.file}) would bring back:`);
      for (const r of phase.restores) {
        if (!r.preview) {
          out.log(`  Restore ${r.name}: ${r.error}`);
          continue;
        }
        out.log(`  Restore ${r.name}, from backup ${r.backup}: ${r.preview.items.length} objects`);
        const table = new Table({ head: ['Namespace', 'Kind', 'Count'], style: { head: [], border: [], compact: true } });
        for (const c of r.preview.counts) table.push([c.namespace || '(cluster)', c.kind, c.count]);
        out.log(table.toString().split('\n').map(l => `  ${l}`).join('\n'));
        for (const note of r.preview.notes) out.log(`  note: ${note}`);
      }
    }
    const code = pf.problems.length > 0 || previews.some(p => p.restores.some(r => !r.preview)) ? ExitCode.FAILED : ExitCode.OK;
    out.log(`\ndry run: nothing was applied${pf.problems.length > 0 ? `; pre-flight found ${pf.problems.length} problems` : ''}`);
    out.result({ ...base, dryRun: true, phases: previews, exitCode: code });
    return code;
  }

  if (pf.problems.length > 0) {
    const message = `pre-flight found ${pf.problems.length} problem${pf.problems.length === 1 ? '' : 's'}; nothing was applied`;
    out.log(message);
    out.result({ ...base, applied: false, message, exitCode: ExitCode.FAILED });
    return ExitCode.FAILED;
  }

  if (!options.yes) {
    if (!process.stdin.isTTY) {
      throw new CliError('not restoring without --yes: stdin is not a terminal, so kyma-backup cannot ask (nothing was applied)', ExitCode.USAGE);
    }
    const answer = await ask(`Restore ${plan.phases.length} phases into ${kube.server}? Type yes to go on: `);
    if (answer.trim().toLowerCase() !== 'yes') {
      out.log('not restoring: nothing was applied');
      out.result({ ...base, applied: false, message: 'not confirmed', exitCode: ExitCode.USAGE });
      return ExitCode.USAGE;
    }
  }

  for (const name of pf.schedulesToPause) {
    await kube.mergePatch({ apiVersion: VELERO, kind: 'Schedule', metadata: { name, namespace: options.namespace } }, { spec: { paused: true } });
    out.log(`paused Schedule ${name} (unpause it after the restore: kubectl patch schedule ${name} -n ${options.namespace} --type merge -p '{"spec":{"paused":false}}')`);
  }
  for (const object of plan.prerequisites) {
    await kube.apply(object);
    out.log(`applied ${object.kind} ${object.metadata.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata.name}`);
  }

  const reports: PhaseReport[] = [];
  const tty = out.tty === true;
  let code: ExitCodeValue = ExitCode.OK;
  let message: string | undefined;
  for (const phase of plan.phases) {
    const report: PhaseReport = { phase: phase.number, file: phase.file, restores: [] };
    reports.push(report);
    out.log(`phase ${phase.number} (${phase.file}): ${phase.restores.map(r => r.metadata.name).join(', ')}`);
    for (const restore of phase.restores) await kube.create(restore as any);
    const deadline = Date.now() + options.timeoutMs;
    const last = new Map<string, string>();
    const final = new Map<string, RestoreObject>();
    for (;;) {
      for (const restore of phase.restores) {
        const name = restore.metadata.name;
        if (final.has(name)) continue;
        const stored = await kube.read<any>(restore as any) as RestoreObject | undefined;
        const line = stored ? restoreProgress(stored) : 'deleted';
        if (last.get(name) !== line && !tty) out.log(`restore ${name}: ${line}`);
        last.set(name, line);
        if (!stored || isFinalRestorePhase(stored.status?.phase)) {
          final.set(name, stored ?? { metadata: restore.metadata, status: { phase: 'Deleted' } });
        }
      }
      // On a terminal, one line that is rewritten in place; otherwise a line per change (above).
      if (tty) out.progress(phase.restores.map(r => `restore ${r.metadata.name}: ${last.get(r.metadata.name)}`).join(' | '));
      if (final.size === phase.restores.length || Date.now() > deadline) break;
      await sleep(poll);
    }
    if (tty) out.progress(undefined);
    const mismatches: string[] = [];
    for (const restore of phase.restores) {
      const name = restore.metadata.name;
      const stored = final.get(name);
      const status = stored?.status ?? {};
      const mismatch = sourceMismatch(name, sourceOf.get(name)?.backup?.metadata.name, stored?.spec?.backupName as string | undefined);
      if (mismatch) mismatches.push(mismatch);
      const started = timeOf(status.startTimestamp);
      const ended = timeOf(status.completionTimestamp);
      const entry: PhaseReport['restores'][number] = {
        name,
        backup: (stored?.spec?.backupName as string | undefined) ?? sourceOf.get(name)?.backup?.metadata.name,
        phase: stored ? status.phase : undefined,
        seconds: started !== undefined && ended !== undefined ? Math.round((ended - started) / 1000) : undefined,
        items: status.progress?.itemsRestored,
        total: status.progress?.totalItems,
        warnings: status.warnings ?? 0,
        errors: status.errors ?? 0,
        reasons: [...status.validationErrors ?? [], ...status.failureReason ? [status.failureReason] : []],
      };
      if (stored && (status.phase !== 'Completed' || entry.warnings > 0 || entry.errors > 0) && status.phase !== 'FailedValidation' && status.phase !== 'Deleted') {
        try {
          const results = await kube.download(options.namespace, 'RestoreResults', name) as RestoreResults | undefined;
          entry.messages = { warnings: resultLines(results?.warnings), errors: resultLines(results?.errors) };
        } catch (e) {
          if (!(e instanceof CliError)) throw e;
          entry.resultsError = e.message;
        }
      }
      report.restores.push(entry);
    }
    const bad = report.restores.filter(r => r.phase !== 'Completed');
    for (const r of report.restores) {
      // Every error; the warnings of a Restore that completed only in part, to keep the log readable (all of them with --output json).
      const warnings = r.messages?.warnings ?? [];
      const shown = r.phase === 'Completed' ? WARNINGS_SHOWN : WARNINGS_SHOWN * 5;
      for (const w of warnings.slice(0, shown)) out.log(`  restore ${r.name} warning: ${w}`);
      if (warnings.length > shown) out.log(`  restore ${r.name}: ${warnings.length - shown} more warnings (all of them with --output json, or velero restore describe ${r.name} --details)`);
      for (const e of r.messages?.errors ?? []) out.log(`  restore ${r.name} error: ${e}`);
      for (const reason of r.reasons ?? []) out.log(`  restore ${r.name} ${r.phase}: ${reason}`);
      if (r.resultsError) out.log(`  restore ${r.name}: its warnings and errors could not be read: ${r.resultsError}`);
    }
    if (mismatches.length > 0 && bad.length === 0) {
      code = ExitCode.FAILED;
      for (const m of mismatches) out.log(`  ${m}`);
      message = `phase ${phase.number} completed from other backups than pre-flight named; `
        + `${plan.phases.length > phase.number ? 'the later phases were not applied' : 'it was the last phase'}`;
      break;
    }
    if (bad.length > 0) {
      code = ExitCode.FAILED;
      const stillRunning = bad.filter(r => r.phase === undefined || !isFinalRestorePhase(r.phase));
      message = `phase ${phase.number} did not complete: ${bad.map(r => `${r.name} ${r.phase && isFinalRestorePhase(r.phase) ? r.phase : `still ${last.get(r.name)} after ${formatAge(options.timeoutMs)}`}`).join(', ')}; `
        + `${plan.phases.length > phase.number ? `${plan.phases.length === phase.number + 1 ? `phase ${phase.number + 1} was` : `phases ${phase.number + 1}-${plan.phases.length} were`} not applied` : 'it was the last phase'}`
        + `${stillRunning.length > 0 ? ' (Velero goes on with what still runs)' : ''}`;
      break;
    }
  }

  const table = new Table({ head: ['Phase', 'Restore', 'Backup', 'Status', 'Duration', 'Items', 'Warnings', 'Errors'], style: { head: [], border: [], compact: true } });
  for (const p of reports) {
    for (const r of p.restores) {
      table.push([p.phase, r.name, r.backup ?? '', r.phase ?? '(running)', r.seconds !== undefined ? formatAge(r.seconds * 1000) : '',
        r.total !== undefined ? `${r.items ?? 0}/${r.total}` : '', r.warnings, r.errors]);
    }
  }
  out.log(table.toString());
  out.log(message ?? `restored: ${reports.length} phases Completed`);
  if (pf.schedulesToPause.length > 0) out.log(`the Schedules ${pf.schedulesToPause.join(', ')} stay paused until you unpause them`);
  out.result({ ...base, applied: true, pausedSchedules: pf.schedulesToPause, phases: reports, ...(message ? { message } : {}), exitCode: code });
  return code;
}

function ask(question: string): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  return new Promise(resolve => rl.question(question, answer => {
    rl.close();
    resolve(answer);
  }));
}
