// Small helpers of the end-to-end scenario: kubectl and velero of the local
// cluster (test/e2e/cluster.sh), polling, and reading Velero's backup tarballs
// from the object store.
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { queuedWhileIdle } from '../../src/cli/backup-queue';

export const ROOT = path.join(__dirname, '..', '..');
const CLUSTER = path.join(ROOT, 'test', 'e2e', 'cluster.sh');

/** The variables `cluster.sh up` writes (see test/e2e/README.md). */
export type ClusterEnv = Record<string, string>;

export function cluster(...args: string[]): void {
  execFileSync('bash', [CLUSTER, ...args], { stdio: 'inherit', cwd: ROOT });
}

export function clusterEnv(): ClusterEnv {
  const stateDir = process.env.E2E_STATE_DIR ?? path.join(ROOT, '.e2e-cache', 'run');
  return JSON.parse(fs.readFileSync(path.join(stateDir, 'env.json'), 'utf8'));
}

export class Kube {
  constructor(private readonly env: ClusterEnv) {
  }

  /** kubectl with the cluster's kubeconfig; throws with kubectl's own message on failure. */
  public kubectl(args: string[], input?: string): string {
    const result = spawnSync(this.env.E2E_KUBECTL, args, {
      input, encoding: 'utf8', env: { ...process.env, KUBECONFIG: this.env.KUBECONFIG }, maxBuffer: 256 * 1024 * 1024,
    });
    if (result.status !== 0) {
      throw new Error(`kubectl ${args.join(' ')} failed: ${result.stderr.trim()}`);
    }
    return result.stdout;
  }

  /** `kubectl create` with strict field validation: an unknown field is refused, as our validator refuses it. */
  public create(objects: any[]): { ok: boolean; error?: string } {
    const result = spawnSync(this.env.E2E_KUBECTL, ['create', '--validate=strict', '-f', '-'], {
      input: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }),
      encoding: 'utf8',
      env: { ...process.env, KUBECONFIG: this.env.KUBECONFIG },
    });
    return result.status === 0 ? { ok: true } : { ok: false, error: result.stderr.trim() };
  }

  public apply(objects: any[]): void {
    this.kubectl(['apply', '--server-side', '--field-manager=e2e', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }));
  }

  public applyFile(file: string): void {
    this.kubectl(['apply', '--server-side', '--field-manager=e2e', '-f', file]);
  }

  public get(resource: string, namespace?: string): any[] {
    const ns = namespace ? ['-n', namespace] : [];
    return JSON.parse(this.kubectl(['get', resource, ...ns, '-o', 'json'])).items;
  }

  public getOne(resource: string, name: string, namespace?: string): any | undefined {
    const ns = namespace ? ['-n', namespace] : [];
    try {
      return JSON.parse(this.kubectl(['get', resource, name, ...ns, '-o', 'json']));
    } catch (e) {
      if (/NotFound|not found/.test((e as Error).message)) return undefined;
      throw e;
    }
  }
}

/** Polls `probe` until it returns a value, or fails naming what was awaited. */
export function waitFor<T>(what: string, timeoutSeconds: number, probe: () => T | undefined): T {
  const deadline = Date.now() + timeoutSeconds * 1000;
  let last: unknown;
  for (;;) {
    try {
      const value = probe();
      if (value !== undefined) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutSeconds}s waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`);
    }
    sleep(1000);
  }
}

export function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Creates a bucket in the object store (moto's S3 server) unless it exists. */
export function createBucket(env: ClusterEnv, bucket: string): void {
  const script = [
    'import boto3, sys',
    `s3 = boto3.client("s3", endpoint_url="${env.E2E_S3_URL}", region_name="${env.E2E_REGION}", aws_access_key_id="e2e", aws_secret_access_key="e2e")`,
    'if sys.argv[1] not in [b["Name"] for b in s3.list_buckets().get("Buckets", [])]: s3.create_bucket(Bucket=sys.argv[1])',
  ].join('\n');
  execFileSync(env.E2E_MOTO_PYTHON, ['-c', script, bucket], { stdio: 'pipe' });
}

/** The files of a backup tarball in the bucket (`backups/<name>/<name>.tar.gz`), by path. */
export function backupContents(env: ClusterEnv, backupName: string): Map<string, any> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-backup-')), `${backupName}.tar.gz`);
  // The object store is moto's S3 server; its virtual environment has boto3.
  const script = [
    'import boto3, sys',
    `s3 = boto3.client("s3", endpoint_url="${env.E2E_S3_URL}", region_name="${env.E2E_REGION}", aws_access_key_id="e2e", aws_secret_access_key="e2e")`,
    `s3.download_file("${env.E2E_BUCKET}", "backups/${backupName}/${backupName}.tar.gz", sys.argv[1])`,
  ].join('\n');
  execFileSync(env.E2E_MOTO_PYTHON, ['-c', script, file], { stdio: 'pipe' });
  return untar(zlib.gunzipSync(fs.readFileSync(file)));
}

/** The JSON files of a (ustar) tar archive, by path. */
function untar(tar: Buffer): Map<string, any> {
  const files = new Map<string, any>();
  for (let offset = 0; offset + 512 <= tar.length;) {
    const header = tar.subarray(offset, offset + 512);
    const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    if (name === '') break;
    const prefix = header.subarray(345, 500).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(header.subarray(124, 136).toString('utf8').replace(/\0.*$/s, '').trim() || '0', 8);
    const type = String.fromCharCode(header[156]);
    const body = tar.subarray(offset + 512, offset + 512 + size);
    const full = prefix ? `${prefix}/${name}` : name;
    if ((type === '0' || type === '\0') && full.endsWith('.json')) {
      files.set(full, JSON.parse(body.toString('utf8')));
    }
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

/** Fails the step with the message, or prints it as checked. */
export function expectThat(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
  console.log(`  ok: ${message}`);
}

/**
 * An object as the restore comparisons see it: its kind, name, labels (but
 * Velero's), annotations (but kubectl's and the Deployment controller's) and
 * content, without server-set metadata, status, or what the API server
 * assigns anew (a ServiceAccount's token Secrets, a Service's cluster IPs,
 * which Velero drops so that new ones are allocated). Without the namespace:
 * callers key objects by it, or restore into another one.
 */
export function comparable(o: any): any {
  const { metadata, status: _status, ...rest } = o;
  const labels = Object.fromEntries(Object.entries(metadata.labels ?? {}).filter(([key]) => !key.startsWith('velero.io/')));
  const annotations = Object.fromEntries(Object.entries(metadata.annotations ?? {})
    .filter(([key]) => !key.startsWith('kubectl.kubernetes.io/') && !key.startsWith('deployment.kubernetes.io/')));
  const content = JSON.parse(JSON.stringify(rest));
  if (o.kind === 'ServiceAccount') delete content.secrets;
  if (o.kind === 'Service') {
    delete content.spec.clusterIP;
    delete content.spec.clusterIPs;
  }
  return { kind: o.kind, name: metadata.name, labels, annotations, content };
}

/** The command line's bundle (`npx projen bundle:cli`; the e2e task builds it first). */
export const KYMA_BACKUP_CLI = path.join(ROOT, 'lib', 'cli', 'kyma-backup.js');

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout as JSON, for `--output json` runs. */
  readonly json: any;
  readonly seconds: number;
}

/** `kyma-backup <args>` against the cluster (its kubeconfig only, never the user's). */
export function kymaBackup(env: ClusterEnv, args: string[]): CliRun {
  if (!fs.existsSync(KYMA_BACKUP_CLI)) throw new Error(`${KYMA_BACKUP_CLI} is missing: run npx projen bundle:cli (the e2e task does)`);
  const started = Date.now();
  const result = spawnSync(process.execPath, [KYMA_BACKUP_CLI, ...args, '--kubeconfig', env.KUBECONFIG], {
    encoding: 'utf8', env: { ...process.env, KUBECONFIG: '' }, maxBuffer: 64 * 1024 * 1024,
  });
  let json: any;
  try {
    json = JSON.parse(result.stdout);
  } catch {
    // Not a JSON run, or no result.
  }
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, json, seconds: (Date.now() - started) / 1000 };
}

/**
 * How long Backups may stay Queued with none running before the watch below
 * restarts Velero: its queue rechecks once a minute, so 90 s is more than one
 * recheck with nothing dequeued.
 */
const QUEUE_STOPPED_MS = 90_000;
let queueIdleSince: number | undefined;
let queueRestartCount = 0;

/** How often the watch below has restarted Velero in this run. */
export function veleroQueueRestarts(): number {
  return queueRestartCount;
}

/**
 * Called while waiting for Backups: when Velero's backup queue has stopped
 * (Backups Queued, none running, for QUEUE_STOPPED_MS: velero#10519, after a
 * Backup that failed validation at once), restarts Velero, as an operator
 * would (and as `kyma-backup status` advises), so that the wait goes on.
 */
export function restartVeleroIfQueueStopped(kube: Kube, namespace = 'kyma-backup'): void {
  const queued = queuedWhileIdle(kube.get('backups.velero.io', namespace));
  if (queued.length === 0) {
    queueIdleSince = undefined;
    return;
  }
  queueIdleSince ??= Date.now();
  if (Date.now() - queueIdleSince < QUEUE_STOPPED_MS) return;
  console.log(`  Velero's backup queue stopped (${queued.join(', ')} Queued, none running, for ${Math.round((Date.now() - queueIdleSince) / 1000)} s; velero#10519): restarting Velero`);
  restartVelero();
  queueRestartCount++;
  queueIdleSince = undefined;
}

/**
 * Restarts velero server. Velero v1.18.1 can stop its backup queue for good
 * after a Backup that fails validation at once (velero#10519: the queue
 * counts the finished backup as running); the steps that make such Backups
 * on purpose restart Velero after them, as an operator would, so that the
 * next step's Backups run. `kyma-backup apply --wait` warns of a stopped queue.
 */
export function restartVelero(): void {
  cluster('velero-down');
  cluster('velero-up');
}

/** Velero's final phases of a Backup. */
const BACKUP_ENDED = ['Completed', 'PartiallyFailed', 'Failed', 'FailedValidation'];

/** Waits until a Backup of Velero's namespace has ended, restarting Velero when its queue has stopped; returns it. */
export function waitBackupEnd(kube: Kube, name: string, namespace = 'kyma-backup'): any {
  return waitFor(`backup ${name} to end`, 300, () => {
    restartVeleroIfQueueStopped(kube, namespace);
    const o = kube.getOne('backup', name, namespace);
    return BACKUP_ENDED.includes(o?.status?.phase) ? o : undefined;
  });
}
