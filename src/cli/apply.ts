// `kyma-backup apply [dir]`: the manifests in dependency order, by server-side
// apply, waiting for what Velero must have validated before the next stage.
import Table from 'cli-table3';
import { QueuedBackupState, idleSince, queueStallMessage, queueStalled, queuedWhileIdle } from './backup-queue';
import { CliError, ExitCode, ExitCodeValue } from './errors';
import { Kube } from './kube';
import { ManifestObject, Stage, objectName, planApply, readManifestDirectory } from './manifests';
import { ApplyOptions } from './options';
import { Output } from './output';
import { BackupState, Change, LocationState, applyExitCode, backupProgress, backupSpecDiffers, changeOf, changeSummary, isFinalBackupPhase, locationVerdict, scheduleToApply } from './verdicts';

interface AppliedObject {
  readonly object: ManifestObject;
  readonly stage: Stage;
  readonly change: Change;
  readonly resourceVersionBefore?: string;
  readonly resourceVersionAfter?: string;
  readonly appliedAt: Date;
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

export async function applyCommand(options: ApplyOptions, out: Output): Promise<ExitCodeValue> {
  // Everything apply refuses is refused before the cluster is touched.
  const plan = planApply(readManifestDirectory(options.directory), options.namespace);
  const kube = Kube.connect(options);
  const poll = options.pollMs ?? 1000;
  const applied: AppliedObject[] = [];
  const locations: Array<{ name: string; ready: boolean; phase?: string; reason?: string }> = [];
  const backups: Array<{ name: string; phase?: string; progress: string }> = [];

  const finish = (code: ExitCodeValue, message?: string): ExitCodeValue => {
    const changes = applied.map(a => a.change);
    if (message) out.log(message);
    out.log(`${applied.length} objects applied: ${changeSummary(changes)}`);
    if (backups.length > 0) {
      const table = new Table({ head: ['Backup', 'Phase', 'Progress'], style: { head: [], border: [] } });
      for (const b of backups) table.push([b.name, b.phase ?? '(still running)', b.progress]);
      out.log(table.toString());
    }
    out.result({
      directory: options.directory,
      namespace: options.namespace,
      objects: applied.map(a => ({
        apiVersion: a.object.apiVersion,
        kind: a.object.kind,
        namespace: a.object.metadata.namespace,
        name: a.object.metadata.name,
        stage: a.stage,
        change: a.change,
        resourceVersionBefore: a.resourceVersionBefore,
        resourceVersionAfter: a.resourceVersionAfter,
      })),
      summary: changeSummary(changes),
      locations,
      backups,
      ...(message ? { message } : {}),
      exitCode: code,
    });
    return code;
  };

  for (const { stage, objects } of plan.stages) {
    for (const object of objects) {
      const before = await kube.read<ManifestObject>(object);
      if (stage === 'backups' && before) {
        // A Backup runs once, and Velero owns its spec once it has taken it (it rewrites
        // excludedResources, fills in defaults): an existing Backup is left as it is.
        const resourceVersion = before.metadata?.resourceVersion as string | undefined;
        applied.push({ object, stage, change: 'unchanged', appliedAt: new Date(), resourceVersionBefore: resourceVersion, resourceVersionAfter: resourceVersion });
        const differs = backupSpecDiffers(object.spec as Record<string, unknown>, before.spec as Record<string, unknown>);
        out.log(`${objectName(object)} unchanged (it exists; a Backup runs once${differs ? ', so its changed spec is not applied: give the new Backup a new name' : ''})`);
        continue;
      }
      const appliedAt = new Date();
      const after = await kube.apply(stage === 'schedules' ? scheduleToApply(object, before) : object);
      const change = changeOf(before?.metadata?.resourceVersion as string | undefined, after.metadata?.resourceVersion);
      applied.push({
        object,
        stage,
        change,
        appliedAt,
        resourceVersionBefore: before?.metadata?.resourceVersion as string | undefined,
        resourceVersionAfter: after.metadata?.resourceVersion,
      });
      out.log(`${objectName(object)} ${change}`);
    }
    const changed = applied.filter(a => a.stage === stage && a.change !== 'unchanged');
    if (stage === 'definitions') {
      for (const crd of changed) await waitEstablished(kube, crd.object, options.locationTimeoutMs, poll, out);
    }
    if (stage === 'locations') {
      // New and changed ones until Velero has validated them; unchanged ones must be Available as they are.
      const storage = applied.filter(a => a.stage === stage && a.object.kind === 'BackupStorageLocation');
      const results = await Promise.all(storage.map(a => waitAvailable(kube, a, options.locationTimeoutMs, poll, out)));
      locations.push(...results);
      const unavailable = results.filter(r => !r.ready);
      if (unavailable.length > 0) {
        const seconds = Math.round(options.locationTimeoutMs / 1000);
        const why = unavailable.map(r => `backupstoragelocation ${r.name}: ${r.reason}`).join('\n  ');
        return finish(applyExitCode({ unavailableLocations: unavailable.length, backupPhases: [] }),
          `not Available after ${seconds}s, so no Schedule or Backup was applied (Velero would refuse each Backup and never retry it):\n  ${why}`);
      }
    }
  }

  if (options.wait) {
    const created = applied.filter(a => a.stage === 'backups' && a.change === 'created');
    if (created.length === 0) out.log('--wait: no Backup was created by this apply, nothing to wait for');
    const deadline = Date.now() + options.backupTimeoutMs;
    const last = new Map<string, string>();
    const pending = new Set(created.map(a => a.object.metadata.name));
    let idle: number | undefined;
    let warnedStall = false;
    for (;;) {
      const waiting = [...pending].filter(name => /^Queued\b/.test(last.get(name) ?? ''));
      if (waiting.length > 0 && !warnedStall) {
        // A stopped queue (velero#10519) would keep --wait here until the timeout: say so, once, and go on waiting.
        const queued = queuedWhileIdle(await kube.list<QueuedBackupState & ManifestObject>('velero.io/v1', 'Backup', options.namespace));
        idle = idleSince(idle, Date.now(), queued.some(name => pending.has(name)) ? queued : []);
        if (queueStalled(idle, Date.now(), options.queueStallMs)) {
          out.log(`warning: ${queueStallMessage(queued, Date.now() - idle!, options.namespace)}`);
          warnedStall = true;
        }
      }
      for (const a of created) {
        const name = a.object.metadata.name;
        if (!pending.has(name)) continue;
        const backup = await kube.read<BackupState & ManifestObject>(a.object);
        const progress = backup ? backupProgress(backup) : 'deleted';
        if (last.get(name) !== progress) out.log(`backup ${name}: ${progress}`);
        last.set(name, progress);
        if (!backup || isFinalBackupPhase(backup.status?.phase)) {
          pending.delete(name);
          backups.push({ name, phase: backup?.status?.phase ?? 'Deleted', progress });
        }
      }
      if (pending.size === 0 || Date.now() > deadline) break;
      await sleep(poll);
    }
    for (const name of pending) backups.push({ name, phase: undefined, progress: `${last.get(name) ?? 'New'} (not final after ${Math.round(options.backupTimeoutMs / 1000)}s)` });
    const code = applyExitCode({ unavailableLocations: 0, backupPhases: backups.map(b => b.phase) });
    return finish(code, code === ExitCode.OK ? undefined : `not every Backup Completed: ${backups.filter(b => b.phase !== 'Completed').map(b => `${b.name} ${b.phase ?? 'still running'}`).join(', ')}`);
  }
  return finish(ExitCode.OK);
}

/** Waits until Velero has validated a new or changed storage location and found it Available. */
async function waitAvailable(kube: Kube, applied: AppliedObject, timeoutMs: number, poll: number, out: Output):
Promise<{ name: string; ready: boolean; phase?: string; reason?: string }> {
  const name = applied.object.metadata.name;
  const deadline = Date.now() + timeoutMs;
  let lastReason: string | undefined;
  for (;;) {
    const location = await kube.read<LocationState & ManifestObject>(applied.object);
    const verdict = location ? locationVerdict(location, applied.change === 'unchanged' ? undefined : applied.appliedAt) : { ready: false as const, reason: 'it was deleted' };
    if (verdict.ready) {
      if (applied.change !== 'unchanged' || lastReason !== undefined) out.log(`backupstoragelocation ${name}: Available`);
      return { name, ready: true, phase: 'Available' };
    }
    if (verdict.reason !== lastReason) out.log(`backupstoragelocation ${name}: waiting, ${verdict.reason}`);
    lastReason = verdict.reason;
    if (Date.now() > deadline) return { name, ready: false, phase: location?.status?.phase, reason: verdict.reason };
    await sleep(poll);
  }
}

/** Waits until a new or changed CRD is established, so that its custom resources can be applied. */
async function waitEstablished(kube: Kube, crd: ManifestObject, timeoutMs: number, poll: number, out: Output): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let said = false;
  for (;;) {
    const stored = await kube.read<ManifestObject & { status?: { conditions?: Array<{ type: string; status: string }> } }>(crd);
    if (stored?.status?.conditions?.some(c => c.type === 'Established' && c.status === 'True')) return;
    if (Date.now() > deadline) {
      throw new CliError(`${objectName(crd)} is not established after ${Math.round(timeoutMs / 1000)}s; nothing after it was applied`, ExitCode.CLUSTER);
    }
    if (!said) out.log(`${objectName(crd)}: waiting until it is established`);
    said = true;
    await sleep(poll);
  }
}
