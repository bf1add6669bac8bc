// `kyma-backup status | restore | verify` on the real servers (issue 18): the
// coordinator calls cliRestoreOnRealServers in the scenario once the
// scenario's Backups kyma-system-backup and kyma-backup are Completed (and
// after its own restores). Everything here is driven through the bundled
// command line (lib/cli/kyma-backup.js); kubectl only sets the stage and
// checks. Its own names (cli-…), its own bucket; what it changes of the
// scenario's (the fixture, the Schedules' pause) it puts back.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Duration } from 'cdk8s';
import * as YAML from 'yaml';
import { compare, snapshot, wipeAll } from './fixture';
import { ClusterEnv, Kube, createBucket, expectThat, kymaBackup, restartVeleroIfQueueStopped, waitFor } from './kube';
import { BackupSchedule, KymaBackupSchedule, KymaBackupStorageLocation, KymaRestorePlan, KymaUserBackup, RestoreOrder } from '../../src';

const VELERO_NS = 'kyma-backup';
/** The bucket of this module's own locations (not the scenario's: a location without a prefix finds other folders invalid). */
const CLI_RESTORE_BUCKET = 'kyma-backups-cli-restore';

export interface CliRestoreOptions {
  /** The source backups (default: the scenario's on-demand pair). */
  readonly systemBackup?: string;
  readonly userBackup?: string;
}


let timings: Array<[string, number]> = [];
function step(name: string, fn: () => void): void {
  const start = Date.now();
  console.log(`== kyma-backup CLI: ${name}`);
  fn();
  const seconds = (Date.now() - start) / 1000;
  timings.push([name, seconds]);
  console.log(`  (${seconds.toFixed(1)}s)`);
}

function indent(text: string, max = 40): string {
  const lines = text.trim().split('\n');
  const shown = lines.length > max ? [...lines.slice(0, max), `… (${lines.length - max} more lines)`] : lines;
  return shown.map(l => `  | ${l}`).join('\n');
}


/** A restore plan directory as `npm run synth:restore` writes one. */
function planDir(props: ConstructorParameters<typeof KymaRestorePlan>[2]): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-cli-plan-'));
  const app = new App({ outdir });
  new KymaRestorePlan(app, 'restore', props);
  app.synth();
  return outdir;
}

const startOf = (b: any) => Date.parse(b.status?.startTimestamp ?? b.metadata.creationTimestamp);

function restoreNames(kube: Kube): Set<string> {
  return new Set(kube.get('restores.velero.io', VELERO_NS).map(r => r.metadata.name));
}

/** What verify saw restored (or skipped), by item key, per Restore. */
function verifiedItems(verify: any): Map<string, Set<string>> {
  return new Map((verify.restores as any[]).map(r => [r.restore,
    new Set<string>([...r.present, ...r.skipped, ...r.failedButPresent, ...r.replaced, ...r.missing.map((m: string) => m.replace(/ \(Velero reported a warning or error for it\)$/, ''))])]));
}

function previewItems(dryRun: any): Map<string, Set<string>> {
  return new Map((dryRun.phases as any[]).flatMap(p => p.restores).map((r: any) => [r.name, new Set<string>(r.preview?.items ?? [])]));
}

/** Runs the steps; returns each step's name and seconds, for the scenario's summary. */
export function cliRestoreOnRealServers(kube: Kube, env: ClusterEnv, options: CliRestoreOptions = {}): Array<[string, number]> {
  const systemBackup = options.systemBackup ?? 'kyma-system-backup';
  const userBackup = options.userBackup ?? 'kyma-backup';
  timings = [];
  const stamp = Date.now().toString(36);
  const name = (what: string) => `cli-${what}-${stamp}`;
  createBucket(env, CLI_RESTORE_BUCKET);
  const pausedBefore = new Map(kube.get('schedules.velero.io', VELERO_NS).map(s => [s.metadata.name, s.spec?.paused === true]));
  const original = snapshot(kube);
  // The guide's system backup leaves test definitions out on purpose: they are not expected back.
  for (const key of [...original.keys()]) if (key.startsWith('TestDefinition ')) original.delete(key);
  console.log(`  ${original.size} fixture objects; Schedules ${[...pausedBefore].map(([n, p]) => `${n}${p ? ' (paused)' : ''}`).join(', ') || 'none'}`);
  const cleanups: Array<() => void> = [];

  try {
    // A Schedule pair of this module's own, named by the plan rules' rule (kyma-system-backup-<rule>, kyma-backup-<rule>):
    // it runs once, then not within the test; status sees it as a pair, and --pause-schedules pauses it.
    const rule = `cli${stamp}`;
    const [pairSystem, pairUser] = [`kyma-system-backup-${rule}`, `kyma-backup-${rule}`];
    const pairSchedule = () => new KymaBackupSchedule(new Chart(new App(), 'schedules'), 'Pair', {
      systemName: pairSystem, userName: pairUser, schedule: BackupSchedule.expression('@every 24h'),
    });
    step(`a Schedule pair of its own (${pairSystem}, ${pairUser}) takes its first backups`, () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-cli-schedule-'));
      const app = new App({ outdir: dir });
      // Velero runs a new Schedule first one interval after its creation: every minute, then a day apart once it has run.
      new KymaBackupSchedule(new Chart(app, 'schedules'), 'Pair', { systemName: pairSystem, userName: pairUser, schedule: BackupSchedule.expression('* * * * *') });
      app.synth();
      kube.kubectl(['apply', '--server-side', '--field-manager=e2e', '-f', dir]);
      cleanups.push(() => {
        kube.kubectl(['delete', 'schedules.velero.io', pairSystem, pairUser, '-n', VELERO_NS, '--ignore-not-found']);
        kube.kubectl(['delete', 'backups.velero.io', '-n', VELERO_NS, '-l', `velero.io/schedule-name in (${pairSystem},${pairUser})`, '--ignore-not-found', '--wait=false']);
      });
      // Once each has started its first backup, a day apart: no second run within the test.
      for (const schedule of [pairSystem, pairUser]) {
        waitFor(`the first backup of Schedule ${schedule} to start`, 150, () =>
          kube.get('backups.velero.io', VELERO_NS).some(b => b.metadata.labels?.['velero.io/schedule-name'] === schedule) ? true : undefined);
        kube.kubectl(['patch', 'schedule', schedule, '-n', VELERO_NS, '--type=merge', '-p', JSON.stringify({ spec: { schedule: '@every 24h' } })]);
      }
      for (const schedule of [pairSystem, pairUser]) {
        const done = waitFor(`the first backup of Schedule ${schedule}`, 300, () => {
          restartVeleroIfQueueStopped(kube);
          return kube.get('backups.velero.io', VELERO_NS).find(b => b.metadata.labels?.['velero.io/schedule-name'] === schedule && ['Completed', 'PartiallyFailed', 'Failed', 'FailedValidation'].includes(b.status?.phase));
        });
        expectThat(done.status.phase === 'Completed', `Schedule ${schedule}: backup ${done.metadata.name} ${done.status.phase}, ${done.status.progress?.itemsBackedUp} items`);
      }
    });

    step('status: counts and ages as the API server has them', () => {
      const run = kymaBackup(env, ['status', '--output', 'json']);
      console.log(indent(kymaBackup(env, ['status']).stdout, 30));
      const backups = kube.get('backups.velero.io', VELERO_NS);
      const schedules = kube.get('schedules.velero.io', VELERO_NS);
      expectThat(run.json !== undefined && run.json.backups === backups.length, `status read ${run.json?.backups} backups, as kubectl lists ${backups.length}`);
      expectThat(run.json.schedules.length === schedules.length, `it shows each of the ${schedules.length} Schedules`);
      for (const s of run.json.schedules as any[]) {
        const own = backups.filter(b => b.metadata.labels?.['velero.io/schedule-name'] === s.name)
          .sort((a, b) => startOf(b) - startOf(a));
        const success = own.find(b => b.status?.phase === 'Completed');
        const [lastName, successName] = [own[0]?.metadata.name ?? null, success?.metadata.name ?? null];
        expectThat((s.lastBackup?.name ?? null) === lastName && (s.lastSuccessful?.name ?? null) === successName,
          `Schedule ${s.name}: last backup ${s.lastBackup?.name ?? 'none'}, last successful ${s.lastSuccessful?.name ?? 'none'}`);
        if (success) {
          const age = Date.parse(run.json.now) - Date.parse(success.status.startTimestamp);
          expectThat(Math.abs(s.lastSuccessful.ageMs - age) < 2000 && s.lastSuccessful.items === success.status.progress?.itemsBackedUp,
            `its age ${Math.round(s.lastSuccessful.ageMs / 1000)}s and ${s.lastSuccessful.items} items agree with the Backup`);
        }
      }
      const pair = (run.json.pairs as any[]).find(p => p.system === pairSystem);
      expectThat(pair?.user === pairUser && pair.inStep === true, `the pair ${pairSystem} / ${pairUser} is known by its names and in step: ${pair?.reason}`);
      const mine = (run.json.schedules as any[]).find(x => x.name === pairUser);
      const fine = mine.intervalSeconds === 86_400 && mine.overdue === false && mine.failed === false;
      expectThat(fine && mine.lastSuccessful.expiresInMs > 719 * 3600_000,
        `Schedule ${pairUser}: longest interval ${mine.intervalSeconds}s, not overdue, expires in ${Math.round(mine.lastSuccessful.expiresInMs / 3600_000)}h`);
      expectThat(run.status === (run.json.problems.length > 0 ? 1 : 0), `exit ${run.status} with ${run.json.problems.length} problems: ${run.json.problems.join('; ') || 'none'}`);
    });

    const missingBucket = name('nobucket');
    step('status: a location whose bucket does not exist is unavailable, exit 1', () => {
      kube.apply([{
        apiVersion: 'velero.io/v1',
        kind: 'BackupStorageLocation',
        metadata: { name: missingBucket, namespace: VELERO_NS },
        spec: { provider: 'aws', objectStorage: { bucket: `${CLI_RESTORE_BUCKET}-missing`, prefix: missingBucket }, config: { region: env.E2E_REGION, s3ForcePathStyle: 'true', s3Url: env.E2E_S3_URL } },
      }]);
      cleanups.push(() => kube.kubectl(['delete', 'backupstoragelocation', missingBucket, '-n', VELERO_NS, '--ignore-not-found']));
      waitFor(`location ${missingBucket} to be Unavailable`, 90, () => kube.getOne('backupstoragelocation', missingBucket, VELERO_NS)?.status?.phase === 'Unavailable' ? true : undefined);
      const run = kymaBackup(env, ['status', '--output', 'json']);
      const problem = (run.json?.problems ?? []).find((p: string) => p.includes(missingBucket));
      expectThat(run.status === 1 && /is Unavailable/.test(problem ?? ''), `status exits ${run.status}: ${problem}`);
      kube.kubectl(['delete', 'backupstoragelocation', missingBucket, '-n', VELERO_NS]);
    });

    const plans: Array<[string, RestoreOrder | undefined]> = [['the guide\'s order', undefined], ['CRDS_FIRST', RestoreOrder.CRDS_FIRST]];
    let lastUser = '';
    let lastRestoreDir = '';
    for (const [label, order] of plans) {
      const key = order ? 'crds' : 'guide';
      const props = { systemBackupName: systemBackup, userBackupName: userBackup, systemRestoreName: name(`${key}-system`), userRestoreName: name(`${key}-user`), order };
      const dir = planDir(props);
      let dryRun: any;
      step(`restore --dry-run of the plan in ${label}`, () => {
        const run = kymaBackup(env, ['restore', '--dir', dir, '--dry-run', '--pause-schedules', '--output', 'json']);
        dryRun = run.json;
        console.log(indent(run.stderr, 12));
        expectThat(run.status === 0 && dryRun?.dryRun === true, `restore --dry-run exits ${run.status} in ${run.seconds.toFixed(1)}s`);
        const counts = (dryRun.phases as any[]).map(p => `phase ${p.phase}: ${p.restores.map((r: any) => `${r.name} ${r.preview?.items.length}`).join(', ')}`);
        expectThat(dryRun.phases.every((p: any) => p.restores.every((r: any) => r.preview?.items.length > 0)), `it lists what each phase would bring back (${counts.join('; ')})`);
      });
      step(`wipe the fixture; restore --pause-schedules --yes in ${label}; verify`, () => {
        const before = restoreNames(kube);
        wipeAll(kube);
        const namespacesAfterWipe = kube.get('namespaces').map(n => n.metadata.name);
        const run = kymaBackup(env, ['restore', '--dir', dir, '--pause-schedules', '--yes', '--output', 'json']);
        console.log(indent(run.stderr, 30));
        expectThat(run.status === 0, `restore exits ${run.status} in ${run.seconds.toFixed(1)}s: ${run.json?.message ?? 'every phase Completed'}`);
        const phases = (run.json.phases as any[]);
        expectThat(phases.length === (order ? 3 : 2) && phases.every(p => p.restores.every((r: any) => r.phase === 'Completed')),
          `${phases.length} phases, each Restore Completed (${phases.flatMap(p => p.restores.map((r: any) => `${r.name} ${r.items}/${r.total} items in ${r.seconds}s`)).join(', ')})`);
        const created = [...restoreNames(kube)].filter(n => !before.has(n));
        expectThat(created.length === (order ? 4 : 2), `it created the plan's ${created.length} Restores`);
        if (key === 'guide') {
          expectThat(run.json.pausedSchedules.includes(pairSystem) && run.json.pausedSchedules.includes(pairUser) && run.stderr.includes(`paused Schedule ${pairUser}`),
            `it paused the running Schedules and said so: ${run.json.pausedSchedules.join(', ')}`);
          expectThat([pairSystem, pairUser].every(n => kube.getOne('schedule', n, VELERO_NS)?.spec?.paused === true), `Schedules ${pairSystem} and ${pairUser} are paused on the cluster`);
        }
        // Every object back, each the same as before (the scenario's own comparison; test definitions aside).
        compare(original, snapshot(kube), `kyma-backup restore (${key})`);

        const verify = kymaBackup(env, ['verify', ...created, '--output', 'json']);
        console.log(indent(verify.stdout.split('\n').filter(l => !l.startsWith('    ')).join('\n'), 10));
        expectThat(verify.status === 0 && verify.json.missing === 0, `verify exits ${verify.status}: ${verify.json.missing} missing of `
          + `${verify.json.restores.reduce((n: number, r: any) => n + r.present.length + r.failedButPresent.length, 0)} restored objects`);
        const restored = verifiedItems(verify.json);
        const previewed = previewItems(dryRun);
        // Velero lists a namespace only when it created it: one that existed after the wipe, or that an earlier Restore created, is not.
        const existed = new Set(namespacesAfterWipe.map(n => `v1/Namespace ${n}`));
        for (const restore of (run.json.phases as any[]).flatMap(p => p.restores.map((r: any) => r.name))) {
          const want = previewed.get(restore) ?? new Set<string>();
          const got = restored.get(restore) ?? new Set<string>();
          const onlyPreview = [...want].filter(k => !got.has(k) && !existed.has(k));
          for (const k of got) if (k.startsWith('v1/Namespace ')) existed.add(k);
          const onlyRestored = [...got].filter(k => !want.has(k));
          expectThat(onlyPreview.length === 0 && onlyRestored.length === 0, `Restore ${restore}: --dry-run listed the ${want.size} resources it brought back (namespaces that existed aside)`
            + `${onlyPreview.length + onlyRestored.length > 0 ? ` (only in the dry run: ${onlyPreview.join(', ')}; only restored: ${onlyRestored.join(', ')})` : ''}`);
        }
        lastUser = props.userRestoreName;
        lastRestoreDir = dir;
      });
    }

    step('restore --dry-run of a plan by scheduleName: the latest completed backups, named, of one run', () => {
      const dir = planDir({ schedule: pairSchedule(), systemRestoreName: name('bysched-system'), userRestoreName: name('bysched-user') });
      const run = kymaBackup(env, ['restore', '--dir', dir, '--dry-run', '--pause-schedules', '--output', 'json']);
      const latest = [pairSystem, pairUser].map(schedule => kube.get('backups.velero.io', VELERO_NS)
        .filter(b => b.metadata.labels?.['velero.io/schedule-name'] === schedule && b.status?.phase === 'Completed')
        .sort((a, b) => Date.parse(b.status.startTimestamp) - Date.parse(a.status.startTimestamp))[0].metadata.name);
      expectThat(run.status === 0 && JSON.stringify(run.json.sources.map((x: any) => x.backup)) === JSON.stringify(latest),
        `exit ${run.status}; pre-flight names the latest completed backups: ${run.json?.sources?.map((x: any) => x.how).join('; ')}`);
      const same = (run.json.preflight.checks as string[]).find(c => c.includes('of the same run'));
      expectThat(same !== undefined, `the halves are of one run: ${same}`);
    });

    step('pre-flight: a missing source backup; nothing applied', () => {
      const dir = planDir({ systemBackupName: `${systemBackup}-missing`, userBackupName: userBackup, systemRestoreName: name('missing-system'), userRestoreName: name('missing-user') });
      const before = restoreNames(kube);
      const run = kymaBackup(env, ['restore', '--dir', dir, '--yes']);
      console.log(indent(run.stdout, 12));
      expectThat(run.status === 1 && run.stdout.includes(`its backup ${systemBackup}-missing does not exist`) && /pre-flight found 1 problem; nothing was applied/.test(run.stdout),
        `exit ${run.status}: "${run.stdout.split('\n').find(l => l.includes('problem '))?.trim()}"`);
      expectThat(restoreNames(kube).size === before.size, 'no Restore was created');
    });

    step('pre-flight: a Restore name already taken; nothing applied', () => {
      const before = restoreNames(kube);
      const run = kymaBackup(env, ['restore', '--dir', lastRestoreDir, '--yes', '--output', 'json']);
      const problems: string[] = run.json?.preflight?.problems ?? [];
      expectThat(run.status === 1 && problems.some(p => p.startsWith(`Restore ${lastUser} exists already (Completed)`)), `exit ${run.status}: ${problems.join('; ')}`);
      expectThat(restoreNames(kube).size === before.size && run.json.applied === false, 'no Restore was created');
    });

    step('pre-flight: the source backup\'s location is unavailable; nothing applied', () => {
      const location = name('flaky');
      const backup = name('flaky-backup');
      const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-cli-flaky-'));
      const app = new App({ outdir });
      const storage = new KymaBackupStorageLocation(new Chart(app, 'locations'), 'Storage', {
        name: location,
        provider: 'aws',
        bucket: CLI_RESTORE_BUCKET,
        prefix: location,
        config: { region: env.E2E_REGION, s3ForcePathStyle: 'true', s3Url: env.E2E_S3_URL },
        validationFrequency: Duration.minutes(1),
        backupSyncPeriod: Duration.hours(1),
      });
      new KymaUserBackup(new Chart(app, 'backup'), 'Backup', { name: backup }).useStorageLocation(storage);
      app.synth();
      cleanups.push(() => {
        kube.kubectl(['delete', 'backups.velero.io', backup, '-n', VELERO_NS, '--ignore-not-found', '--wait=false']);
        kube.kubectl(['delete', 'backupstoragelocation', location, '-n', VELERO_NS, '--ignore-not-found']);
      });
      const applied = kymaBackup(env, ['apply', outdir, '--wait', '--backup-timeout', '5m']);
      expectThat(applied.status === 0, `kyma-backup apply --wait of a location and a Backup in it: exit ${applied.status}`);
      // The bucket goes: the location's spec now names one that does not exist, and Velero revalidates it at once.
      kube.kubectl(['patch', 'backupstoragelocation', location, '-n', VELERO_NS, '--type=merge', '-p', JSON.stringify({ spec: { objectStorage: { bucket: `${CLI_RESTORE_BUCKET}-gone` } } })]);
      waitFor(`location ${location} to be Unavailable`, 120, () => kube.getOne('backupstoragelocation', location, VELERO_NS)?.status?.phase === 'Unavailable' ? true : undefined);
      const dir = planDir({ systemBackupName: systemBackup, userBackupName: backup, systemRestoreName: name('flaky-system'), userRestoreName: name('flaky-user') });
      const before = restoreNames(kube);
      const run = kymaBackup(env, ['restore', '--dir', dir, '--yes', '--output', 'json']);
      const problems: string[] = run.json?.preflight?.problems ?? [];
      expectThat(run.status === 1 && problems.some(p => p.includes(`the location of backup ${backup}, ${location}, is Unavailable`)), `exit ${run.status}: ${problems.join('; ')}`);
      expectThat(restoreNames(kube).size === before.size, 'no Restore was created');
    });

    step('a restore that ends PartiallyFailed: stopped there, its warnings and errors shown, the next phase not applied', () => {
      // A resource modifier whose name regex Velero cannot compile: the Restore ends PartiallyFailed (measured).
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-cli-partial-'));
      const modifier = name('bad-modifier');
      const mapped = name('partial');
      const [first, second] = [name('partial-1'), name('partial-2')];
      const restore = (restoreName: string, extra: object) => ({
        apiVersion: 'velero.io/v1',
        kind: 'Restore',
        metadata: { name: restoreName, namespace: VELERO_NS },
        spec: { backupName: userBackup, includedNamespaces: ['shop'], includedResources: ['configmaps'], namespaceMapping: { shop: mapped }, ...extra },
      });
      fs.writeFileSync(path.join(dir, '0000-modifier.yaml'), YAML.stringify({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: modifier, namespace: VELERO_NS },
        data: { 'rules.yaml': YAML.stringify({ version: 'v1', resourceModifierRules: [{ conditions: { groupResource: 'configmaps', resourceNameRegex: '([' }, patches: [{ operation: 'add', path: '/data/x', value: 'y' }] }] }) },
      }));
      fs.writeFileSync(path.join(dir, '0001-phase-1.yaml'), YAML.stringify(restore(first, { resourceModifier: { kind: 'ConfigMap', name: modifier } })));
      fs.writeFileSync(path.join(dir, '0002-phase-2.yaml'), YAML.stringify(restore(second, {})));
      cleanups.push(() => {
        kube.kubectl(['delete', 'namespace', mapped, '--ignore-not-found', '--wait=false']);
        kube.kubectl(['delete', 'configmap', modifier, '-n', VELERO_NS, '--ignore-not-found']);
      });
      const run = kymaBackup(env, ['restore', '--dir', dir, '--yes', '--output', 'json']);
      console.log(indent(run.stderr, 20));
      const phase1 = run.json?.phases?.[0]?.restores?.[0];
      expectThat(run.status === 1 && phase1?.phase === 'PartiallyFailed', `restore exits ${run.status}; ${first} ended ${phase1?.phase}: ${run.json?.message}`);
      expectThat(kube.getOne('configmap', modifier, VELERO_NS) !== undefined, 'the directory\'s ConfigMap was applied before the phases');
      const shown = [...phase1.messages?.errors ?? [], ...phase1.messages?.warnings ?? []];
      expectThat(shown.length > 0 && run.stderr.includes(`restore ${first} error:`), `its errors, fetched through a RestoreResults DownloadRequest, are shown: ${shown.slice(0, 2).join(' | ')}`);
      expectThat(kube.getOne('restore', second, VELERO_NS) === undefined, `the next phase's Restore ${second} was not created`);
    });

    step('verify names an object deleted after the restore', () => {
      const victim = kube.getOne('configmap', 'e2e-config', 'shop');
      expectThat(victim !== undefined, 'configmap shop/e2e-config is there after the restore');
      kube.kubectl(['delete', 'configmap', 'e2e-config', '-n', 'shop']);
      const run = kymaBackup(env, ['verify', lastUser, '--output', 'json']);
      console.log(indent(run.stdout.split('\n').filter(l => !l.startsWith('    ')).join('\n'), 10));
      expectThat(run.status === 1 && run.json.missing === 1 && run.json.restores[0].missing[0] === 'v1/ConfigMap shop/e2e-config',
        `verify exits ${run.status} and names the missing object: ${run.json?.restores?.[0]?.missing?.join(', ')}`);
      const { resourceVersion: _rv, uid: _uid, creationTimestamp: _ct, managedFields: _mf, ...metadata } = victim.metadata;
      kube.kubectl(['create', '-f', '-'], JSON.stringify({ ...victim, metadata }));
      expectThat(kymaBackup(env, ['verify', lastUser]).status === 0, 'put back, verify exits 0 again');
    });
  } finally {
    for (const cleanup of cleanups.reverse()) {
      try {
        cleanup();
      } catch (e) {
        console.log(`  cleanup: ${(e as Error).message}`);
      }
    }
    // The Schedules as they were: --pause-schedules paused the running ones.
    for (const [schedule, paused] of pausedBefore) {
      const now = kube.getOne('schedule', schedule, VELERO_NS);
      if (now && now.spec?.paused !== paused) {
        kube.kubectl(['patch', 'schedule', schedule, '-n', VELERO_NS, '--type=merge', '-p', JSON.stringify({ spec: { paused } })]);
      }
    }
    console.log('\n| kyma-backup CLI step | seconds |\n| --- | ---: |');
    for (const [stepName, seconds] of timings) console.log(`| ${stepName} | ${seconds.toFixed(1)} |`);
  }
  return timings;
}
