// The pure logic of `kyma-backup apply` (src/cli): reading and ordering the
// manifests, the refusals, the change report, the location and Backup verdicts,
// the exit codes. No cluster here: the command itself is proven on the real
// one by the e2e scenario (test/e2e/scenario.ts).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { KymaBackupStorageLocation, KymaRestorePlan, KymaSystemBackup, KymaUserBackup, KymaVolumeSnapshotLocation } from '../src';
import { usageError } from './cli-helpers';
import { ExitCode } from '../src/cli/errors';
import { ManifestObject, SourcedObject, manifestFiles, objectName, parseManifests, planApply, readManifestDirectory, stageOf } from '../src/cli/manifests';
import { commanderExitCode, parseDurationOption, program } from '../src/cli/program';
import { applyExitCode, backupProgress, backupSpecDiffers, changeOf, scheduleToApply, changeSummary, isFinalBackupPhase, locationVerdict } from '../src/cli/verdicts';

const NS = 'kyma-backup';
const obj = (apiVersion: string, kind: string, name: string, namespace?: string, extra: object = {}): ManifestObject =>
  ({ apiVersion, kind, metadata: { name, ...(namespace ? { namespace } : {}) }, ...extra });
const sourced = (objects: ManifestObject[], file = 'a.yaml'): SourcedObject[] => objects.map((object, i) => ({ object, file, document: i + 1 }));


describe('reading manifests', () => {
  test('only .yaml, .yml and .json files, by name', () => {
    expect(manifestFiles(['b.k8s.yaml', 'kyma-backup-summary.md', 'a.yml', 'c.json', 'README', 'd.YAML'])).toEqual(['a.yml', 'b.k8s.yaml', 'c.json', 'd.YAML']);
  });

  test('several documents, empty ones skipped, a List expanded', () => {
    const text = [
      '---',
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: one',
      '',
      'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: c, namespace: one}\n- apiVersion: v1\n  kind: Secret\n  metadata: {name: s, namespace: one}',
    ].join('\n---\n');
    const { objects, problems } = parseManifests('f.yaml', text);
    expect(problems).toEqual([]);
    expect(objects.map(o => `${o.object.kind}/${o.object.metadata.name}@${o.document}`)).toEqual(['Namespace/one@2', 'ConfigMap/c@4', 'Secret/s@4']);
  });

  test('JSON is read as YAML; an empty file holds nothing', () => {
    expect(parseManifests('f.json', JSON.stringify(obj('v1', 'ConfigMap', 'c'))).objects).toHaveLength(1);
    expect(parseManifests('f.yaml', '')).toEqual({ objects: [], problems: [] });
  });

  test('what is not a named Kubernetes object, or not YAML, is a problem naming the file and document', () => {
    expect(parseManifests('f.yaml', 'kind: ConfigMap\nmetadata: {}').problems).toEqual(['f.yaml (document 1): not a Kubernetes object with a name: no apiVersion, metadata.name']);
    expect(parseManifests('f.yaml', '- 1\n- 2').problems).toEqual(['f.yaml (document 1): not a Kubernetes object (a list)']);
    expect(parseManifests('f.yaml', 'a: b\n---\nkey: [unclosed').problems[1]).toMatch(/^f\.yaml \(document 2\): not valid YAML: /);
    expect(parseManifests('f.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: 3}').problems).toEqual(['f.yaml (document 1): metadata.namespace is not a string']);
  });

  test('a directory: missing, empty, with a broken file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-apply-'));
    expect(usageError(() => readManifestDirectory(path.join(dir, 'nope'))).message).toBe(`cannot read the directory ${path.join(dir, 'nope')}: it does not exist`);
    fs.writeFileSync(path.join(dir, 'notes.md'), '# not a manifest');
    expect(usageError(() => readManifestDirectory(dir)).message).toMatch(/holds no manifest/);
    fs.writeFileSync(path.join(dir, 'b.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n');
    fs.writeFileSync(path.join(dir, 'a.yaml'), 'apiVersion: v1\n');
    expect(usageError(() => readManifestDirectory(dir)).message).toBe(`cannot apply ${dir}:\n  ${path.join(dir, 'a.yaml')} (document 1): not a Kubernetes object with a name: no kind, metadata.name`);
    fs.writeFileSync(path.join(dir, 'a.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata: {name: n}\n');
    expect(readManifestDirectory(dir).map(o => o.object.kind)).toEqual(['Namespace', 'ConfigMap']);
    expect(usageError(() => readManifestDirectory(path.join(dir, 'a.yaml'))).message).toMatch(/is not a directory$/);
  });
});

describe('the order of apply', () => {
  test('each kind in its stage; Velero\'s other kinds in none', () => {
    expect(stageOf(obj('v1', 'Namespace', 'n'))).toBe('namespaces');
    expect(stageOf(obj('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'c'))).toBe('definitions');
    for (const [v, k] of [['v1', 'Secret'], ['v1', 'ConfigMap'], ['monitoring.coreos.com/v1', 'PrometheusRule'], ['apps/v1', 'Deployment'], ['example.com/v1', 'Namespace']]) {
      expect(stageOf(obj(v, k, 'x'))).toBe('prerequisites');
    }
    expect(stageOf(obj('velero.io/v1', 'BackupStorageLocation', 'l'))).toBe('locations');
    expect(stageOf(obj('velero.io/v1', 'VolumeSnapshotLocation', 'l'))).toBe('locations');
    expect(stageOf(obj('velero.io/v1', 'Schedule', 's'))).toBe('schedules');
    expect(stageOf(obj('velero.io/v1', 'Backup', 'b'))).toBe('backups');
    expect(stageOf(obj('velero.io/v1', 'DeleteBackupRequest', 'd'))).toBeUndefined();
    expect(stageOf(obj('velero.io/v1', 'Restore', 'r'))).toBeUndefined();
  });

  test('stages in order whatever the file order; within a stage, the file order; empty stages left out', () => {
    const plan = planApply(sourced([
      obj('velero.io/v1', 'Backup', 'b1', NS),
      obj('velero.io/v1', 'Schedule', 's', NS),
      obj('velero.io/v1', 'BackupStorageLocation', 'l', NS),
      obj('v1', 'Secret', 'creds', NS),
      obj('velero.io/v1', 'Backup', 'b2', NS),
      obj('v1', 'Namespace', 'n'),
      obj('velero.io/v1', 'VolumeSnapshotLocation', 'v', NS),
    ]), NS);
    expect(plan.stages.map(s => [s.stage, s.objects.map(o => o.metadata.name)])).toEqual([
      ['namespaces', ['n']],
      ['prerequisites', ['creds']],
      ['locations', ['l', 'v']],
      ['schedules', ['s']],
      ['backups', ['b1', 'b2']],
    ]);
  });

  test('the library\'s own app: locations before the Backups', () => {
    const chart = new Chart(Testing.app(), 'c');
    const storage = new KymaBackupStorageLocation(chart, 'S', { provider: 'aws', bucket: 'b', config: { region: 'eu-central-1' } });
    const snapshots = new KymaVolumeSnapshotLocation(chart, 'V', { provider: 'aws', config: { region: 'eu-central-1' } });
    for (const b of [new KymaSystemBackup(chart, 'Sys'), new KymaUserBackup(chart, 'User')]) {
      b.useStorageLocation(storage);
      b.useVolumeSnapshotLocations(snapshots);
    }
    const plan = planApply(sourced(Testing.synth(chart)), NS);
    expect(plan.stages.map(s => `${s.stage}: ${s.objects.map(o => o.kind).join(', ')}`)).toEqual([
      'locations: BackupStorageLocation, VolumeSnapshotLocation',
      'backups: Backup, Backup',
    ]);
  });

  test('a Velero object without a namespace goes into Velero\'s; others are left as they are', () => {
    const plan = planApply(sourced([obj('velero.io/v1', 'Backup', 'b'), obj('v1', 'ConfigMap', 'c')]), 'velero');
    expect(plan.stages.flatMap(s => s.objects.map(o => o.metadata.namespace))).toEqual([undefined, 'velero']);
  });

  test('a Restore is refused, pointing to the restore runbook; nothing else is planned', () => {
    // The restore plan as `npm run synth:restore` writes it, one file per phase, read back from disk.
    const app = Testing.app();
    new KymaRestorePlan(app, 'restore');
    app.synth();
    const restores = readManifestDirectory(app.outdir);
    expect(restores.map(r => r.object.kind)).toEqual(['Restore', 'Restore']);
    const e = usageError(() => planApply([...sourced([obj('v1', 'Namespace', 'n')]), ...restores], NS));
    expect(e.message).toMatch(/^refusing to apply: the directory holds 2 Restores: kyma-system-restore \(.*0000-restore.*\.k8s\.yaml\), kyma-restore /);
    expect(e.message).toContain('follow the restore plan\'s runbook in docs/restore.md');
    expect(usageError(() => planApply(sourced([obj('velero.io/v1', 'Restore', 'r', NS)]), NS)).message).toMatch(/holds a Restore: r \(a\.yaml\)\./);
  });

  test('Velero\'s other kinds, objects outside Velero\'s namespace and duplicates are refused, all at once', () => {
    const e = usageError(() => planApply(sourced([
      obj('velero.io/v1', 'DeleteBackupRequest', 'd', NS),
      obj('velero.io/v1', 'Backup', 'b', 'velero'),
      obj('v1', 'ConfigMap', 'c', 'x'),
      obj('v1', 'ConfigMap', 'c', 'x'),
      obj('v1', 'ConfigMap', 'c', 'y'),
    ]), NS));
    expect(e.message.split('\n')).toEqual([
      'refusing to apply:',
      '  a.yaml (document 1): DeleteBackupRequest d is Velero\'s own kind; apply takes BackupStorageLocations, VolumeSnapshotLocations, Schedules and Backups of velero.io',
      '  a.yaml (document 2): Backup b is in namespace velero, but Velero runs in kyma-backup and sees only that namespace (give Velero\'s namespace with --namespace)',
      '  a.yaml (document 4): configmap/x/c is given twice (first in a.yaml, document 3)',
    ]);
  });

  test('objects are named as kubectl names them, with the namespace', () => {
    expect(objectName(obj('velero.io/v1', 'Backup', 'b', NS))).toBe('backup.velero.io/kyma-backup/b');
    expect(objectName(obj('v1', 'Namespace', 'n'))).toBe('namespace/n');
  });
});

describe('what apply reports and decides', () => {
  test('created, configured, unchanged from the resourceVersion before and after', () => {
    expect(changeOf(undefined, '5')).toBe('created');
    expect(changeOf('5', '5')).toBe('unchanged');
    expect(changeOf('5', '9')).toBe('configured');
    expect(changeSummary(['created', 'unchanged', 'unchanged'])).toBe('1 created, 2 unchanged');
    expect(changeSummary([])).toBe('nothing applied');
  });

  test('an existing Backup\'s spec differs only by the fields the manifest sets, Velero\'s additions aside', () => {
    const manifest = { excludedResources: ['pods'], includedNamespaces: ['*'], ttl: '168h0m0s' };
    // As Velero v1.18.1 stores it once it has taken it: excludedResources appended to, defaults filled in.
    const stored = { excludedResources: ['pods', 'events', 'backups.velero.io'], includedNamespaces: ['*'], ttl: '168h0m0s', storageLocation: 'default' };
    expect(backupSpecDiffers(manifest, stored)).toBe(false);
    expect(backupSpecDiffers({ ...manifest, ttl: '24h0m0s' }, stored)).toBe(true);
    expect(backupSpecDiffers({ ...manifest, excludedResources: ['pods', 'secrets'] }, stored)).toBe(true);
    expect(backupSpecDiffers({ ...manifest, labelSelector: { matchLabels: { a: 'b' } } }, stored)).toBe(true);
    expect(backupSpecDiffers({ labelSelector: { matchLabels: { a: 'b', c: 'd' } } }, { labelSelector: { matchLabels: { c: 'd', a: 'b' } } })).toBe(false);
    expect(backupSpecDiffers(undefined, stored)).toBe(false);
  });

  test('an existing Schedule whose skipImmediately Velero has reset is applied without it', () => {
    const schedule = obj('velero.io/v1', 'Schedule', 's', NS, { spec: { schedule: '0 1 * * *', skipImmediately: true } });
    expect(scheduleToApply(schedule, { ...schedule, spec: { schedule: '0 1 * * *', skipImmediately: false } }).spec).toEqual({ schedule: '0 1 * * *' });
    // New, or not yet skipped, or not asked for: as it is.
    expect(scheduleToApply(schedule, undefined)).toBe(schedule);
    expect(scheduleToApply(schedule, { ...schedule, spec: { skipImmediately: true } })).toBe(schedule);
    const plain = obj('velero.io/v1', 'Schedule', 's', NS, { spec: { schedule: '0 1 * * *' } });
    expect(scheduleToApply(plain, { ...plain, spec: { skipImmediately: false } })).toBe(plain);
    expect(schedule.spec).toEqual({ schedule: '0 1 * * *', skipImmediately: true });
  });

  const applied = new Date('2026-11-28T10:00:00.400Z');
  test('a location is ready once Velero has validated it since the apply and found it Available', () => {
    expect(locationVerdict({}, applied)).toEqual({ ready: false, reason: 'Velero has not validated it yet' });
    expect(locationVerdict({ status: { phase: 'Available', lastValidationTime: '2026-11-28T10:00:00Z' } }, applied)).toEqual({ ready: true });
    // Changed, still Available from before: not yet revalidated.
    expect(locationVerdict({ status: { phase: 'Available', lastValidationTime: '2026-11-28T09:59:59Z' } }, applied).ready).toBe(false);
    expect(locationVerdict({ status: { phase: 'Unavailable', message: 'BackupStorageLocation "x" is unavailable: rpc error', lastValidationTime: '2026-11-28T10:00:01Z' } }, applied))
      .toEqual({ ready: false, reason: 'it is Unavailable: BackupStorageLocation "x" is unavailable: rpc error' });
    // Unchanged: by its phase as it is.
    expect(locationVerdict({ status: { phase: 'Available', lastValidationTime: '2026-11-28T09:00:00Z' } }, undefined)).toEqual({ ready: true });
    expect(locationVerdict({ status: { phase: 'Unavailable', message: 'no bucket' } }, undefined)).toEqual({ ready: false, reason: 'it is Unavailable: no bucket' });
  });

  test('a Backup\'s progress in one line, and its final phases', () => {
    expect(backupProgress({})).toBe('New');
    expect(backupProgress({ status: { phase: 'InProgress', progress: { itemsBackedUp: 35, totalItems: 59 } } })).toBe('InProgress, 35/59 items');
    expect(backupProgress({ status: { phase: 'FailedValidation', validationErrors: ['backup can\'t be created because BackupStorageLocation default is in Unavailable status.'] } }))
      .toBe('FailedValidation: backup can\'t be created because BackupStorageLocation default is in Unavailable status.');
    expect(backupProgress({ status: { phase: 'PartiallyFailed', errors: 2, warnings: 1, progress: { itemsBackedUp: 5, totalItems: 5 } } })).toBe('PartiallyFailed, 5/5 items (2 errors, 1 warnings)');
    expect(['Completed', 'PartiallyFailed', 'Failed', 'FailedValidation'].every(isFinalBackupPhase)).toBe(true);
    expect(['New', 'Queued', 'InProgress', 'Finalizing', undefined].some(isFinalBackupPhase)).toBe(false);
  });

  test('exit 0 only when every location became Available and every awaited Backup Completed', () => {
    expect(applyExitCode({ unavailableLocations: 0, backupPhases: [] })).toBe(ExitCode.OK);
    expect(applyExitCode({ unavailableLocations: 0, backupPhases: ['Completed', 'Completed'] })).toBe(ExitCode.OK);
    expect(applyExitCode({ unavailableLocations: 1, backupPhases: [] })).toBe(ExitCode.FAILED);
    expect(applyExitCode({ unavailableLocations: 0, backupPhases: ['Completed', 'PartiallyFailed'] })).toBe(ExitCode.FAILED);
    expect(applyExitCode({ unavailableLocations: 0, backupPhases: [undefined] })).toBe(ExitCode.FAILED);
  });
});

describe('the command line', () => {
  test('durations as Velero takes them', () => {
    expect(parseDurationOption('5m')).toBe(300_000);
    expect(parseDurationOption('1h30m')).toBe(5_400_000);
    expect(() => parseDurationOption('5')).toThrow(/a duration such as 90s/);
    expect(() => parseDurationOption('0s')).toThrow(/more than 0/);
  });

  function parse(args: string[]): { code?: number; stderr: string; stdout: string } {
    let stderr = '';
    let stdout = '';
    const output = { writeErr: (s: string) => { stderr += s; }, writeOut: (s: string) => { stdout += s; } };
    const ok = async () => ExitCode.OK;
    const root = program({ apply: ok, restore: ok, verify: ok, status: ok }, () => undefined).configureOutput(output);
    for (const c of root.commands) c.configureOutput(output);
    try {
      root.parse(['node', 'kyma-backup', ...args]);
      return { stderr, stdout };
    } catch (e) {
      return { code: commanderExitCode(e as any), stderr, stdout };
    }
  }

  test('--help and --version exit 0; the help lists the exit codes and the common options', () => {
    const help = parse(['apply', '--help']);
    expect(help.code).toBe(0);
    for (const text of ['--namespace', '--output', '--kubeconfig', '--context', '--wait', 'Exit codes:', '2  wrong use']) expect(help.stdout).toContain(text);
    expect(parse(['--version']).code).toBe(0);
  });

  test('restore, verify and status: each --help lists its options and its own exit codes', () => {
    const wants: Record<string, string[]> = {
      restore: ['--dir <dir>', 'manifests-restore', '--pause-schedules', '--yes', '--dry-run', '--timeout', '1  pre-flight found a problem (nothing was applied)'],
      verify: ['<restore...>', '1  an object is missing'],
      status: ['--margin', '1  a location not Available, a Schedule overdue'],
    };
    for (const [command, texts] of Object.entries(wants)) {
      const help = parse([command, '--help']);
      expect(help.code).toBe(0);
      for (const text of [...texts, '--namespace', 'kyma-backup', '--output', '--kubeconfig', '--context', 'Exit codes:', '3  the cluster']) expect(help.stdout).toContain(text);
    }
    expect(parse(['verify']).code).toBe(2);
    expect(parse(['status', '--margin', 'soon']).code).toBe(2);
  });

  test('wrong use exits 2: no command, an unknown option, a bad choice or duration', () => {
    expect(parse([]).code).toBe(2);
    expect(parse(['apply', '--bogus']).code).toBe(2);
    expect(parse(['apply', '-o', 'yaml']).stderr).toMatch(/Allowed choices are text, json/);
    expect(parse(['apply', '-o', 'yaml']).code).toBe(2);
    expect(parse(['apply', '--location-timeout', 'soon']).code).toBe(2);
  });
});
