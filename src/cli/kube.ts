// The cluster, through the official Kubernetes client for JavaScript
// (@kubernetes/client-node 1.x, bundled into the command line's one file).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { ApiException, KubeConfig, KubernetesObject, KubernetesObjectApi, PatchStrategy } from '@kubernetes/client-node';
import { CliError, ExitCode } from './errors';
import { KubeOptions } from './options';

/** The field manager of every server-side apply of kyma-backup. */
export const FIELD_MANAGER = 'kyma-backup';
/** How long a download from the object store may take (Velero's signed URLs are valid for 10 minutes). */
const FETCH_TIMEOUT_MS = 5 * 60_000;

/** The kubeconfig by kubectl's rules; a missing file or an unknown context is a cluster error (exit 3). */
export function loadKubeConfig(options: KubeOptions): KubeConfig {
  const kc = new KubeConfig();
  const source = options.kubeconfig ? `--kubeconfig ${options.kubeconfig}` : process.env.KUBECONFIG ? `KUBECONFIG=${process.env.KUBECONFIG}` : undefined;
  try {
    if (options.kubeconfig) {
      kc.loadFromFile(options.kubeconfig);
    } else if (process.env.KUBECONFIG || fs.existsSync(path.join(os.homedir(), '.kube', 'config')) || process.env.KUBERNETES_SERVICE_HOST) {
      kc.loadFromDefault();
    } else {
      throw new CliError('no kubeconfig: give --kubeconfig, set KUBECONFIG, or write ~/.kube/config', ExitCode.CLUSTER);
    }
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`cannot read the kubeconfig${source ? ` (${source})` : ''}: ${oneLine(e)}`, ExitCode.CLUSTER);
  }
  if (options.context) {
    if (!kc.getContexts().some(c => c.name === options.context)) {
      const known = kc.getContexts().map(c => c.name);
      throw new CliError(`the kubeconfig has no context ${options.context} (it has: ${known.join(', ') || 'none'})`, ExitCode.CLUSTER);
    }
    kc.setCurrentContext(options.context);
  }
  if (!kc.getCurrentCluster()) {
    throw new CliError(`the kubeconfig's current context (${kc.getCurrentContext() || 'none'}) names no cluster: give --context`, ExitCode.CLUSTER);
  }
  return kc;
}

/** The first line of an error's message. */
function oneLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}

/** The API server's own message of a failed request, or the network's reason. */
export function apiErrorMessage(e: unknown): string {
  if (e instanceof ApiException) {
    let body: any = e.body;
    if (typeof body === 'string') {
      try {
        body = JSON.parse(body);
      } catch {
        // A body that is not JSON is the message.
      }
    }
    const message = typeof body === 'object' && body !== null && typeof body.message === 'string' ? body.message : typeof body === 'string' ? body : '';
    return `${message || 'no message'} (HTTP ${e.code})`;
  }
  const cause = (e as any)?.cause ?? e;
  const code = (cause as any)?.code ?? (e as any)?.code;
  if (typeof code === 'string' && /^E[A-Z]+/.test(code)) return `${code}: ${oneLine(cause)}`;
  return oneLine(e);
}

/** A 404 of the API server. */
function notFound(e: unknown): boolean {
  return e instanceof ApiException && e.code === 404;
}

/** What the commands need of the cluster: read, server-side apply. Objects are copied, never changed. */
export class Kube {
  public static connect(options: KubeOptions): Kube {
    return new Kube(loadKubeConfig(options));
  }

  private readonly api: KubernetesObjectApi;

  private constructor(private readonly kc: KubeConfig) {
    this.api = KubernetesObjectApi.makeApiClient(kc);
  }

  /** The API server's URL, for messages. */
  public get server(): string {
    return this.kc.getCurrentCluster()?.server ?? 'the API server';
  }

  /** The object as stored, or `undefined` when there is none. */
  public async read<T extends KubernetesObject>(object: KubernetesObject): Promise<T | undefined> {
    const metadata = { name: object.metadata!.name!, namespace: object.metadata!.namespace! };
    const header = { apiVersion: object.apiVersion!, kind: object.kind!, metadata };
    try {
      return await this.api.read(header) as T;
    } catch (e) {
      if (notFound(e)) return undefined;
      throw this.failure(`cannot read ${describe(object)}`, e);
    }
  }

  /** Server-side apply with kyma-backup's field manager; returns the object as stored. */
  public async apply<T extends KubernetesObject>(object: KubernetesObject): Promise<T> {
    try {
      return await this.api.patch(structuredClone(object), undefined, undefined, FIELD_MANAGER, false, PatchStrategy.ServerSideApply) as T;
    } catch (e) {
      throw this.failure(`the API server refused ${describe(object)}`, e);
    }
  }

  /** The objects of a kind (in a namespace); an empty list when the API server does not serve the kind. */
  public async list<T extends KubernetesObject>(apiVersion: string, kind: string, namespace?: string, labelSelector?: string): Promise<T[]> {
    try {
      const list = await this.api.list<T>(apiVersion, kind, namespace, undefined, undefined, undefined, undefined, labelSelector);
      return list.items;
    } catch (e) {
      if (notFound(e) || /Unrecognized API version and kind/.test(apiErrorMessage(e))) return [];
      throw this.failure(`cannot list ${kind}${namespace ? ` in namespace ${namespace}` : ''}`, e);
    }
  }

  /** Whether the API server serves a kind now. */
  public async serves(apiVersion: string, kind: string): Promise<boolean> {
    return (await this.resourceOf(apiVersion, kind)) !== undefined;
  }

  /** The API server's resource of a kind (discovery), or undefined when it does not serve it. */
  public async resourceOf(apiVersion: string, kind: string): Promise<{ name: string; namespaced: boolean } | undefined> {
    try {
      // The client's discovery (with its cache) is protected; it is what every call of the client uses.
      const resource = await (this.api as any).resource(apiVersion, kind);
      return resource ? { name: resource.name, namespaced: resource.namespaced } : undefined;
    } catch (e) {
      if (notFound(e)) return undefined;
      const message = apiErrorMessage(e);
      if (/Unrecognized API version and kind|404/.test(message)) return undefined;
      throw this.failure(`cannot discover ${kind} of ${apiVersion}`, e);
    }
  }

  /** Creates an object (refused when it exists). */
  public async create<T extends KubernetesObject>(object: KubernetesObject): Promise<T> {
    try {
      return await this.api.create(structuredClone(object), undefined, undefined, FIELD_MANAGER) as T;
    } catch (e) {
      throw this.failure(`the API server refused to create ${describe(object)}`, e);
    }
  }

  /** A JSON merge patch (`kubectl patch --type=merge`). */
  public async mergePatch<T extends KubernetesObject>(object: KubernetesObject, patch: Record<string, unknown>): Promise<T> {
    try {
      const metadata = { name: object.metadata!.name, namespace: object.metadata!.namespace };
      const body = { apiVersion: object.apiVersion, kind: object.kind, metadata, ...patch };
      return await this.api.patch(body as KubernetesObject, undefined, undefined, FIELD_MANAGER, undefined, PatchStrategy.MergePatch) as T;
    } catch (e) {
      throw this.failure(`the API server refused to patch ${describe(object)}`, e);
    }
  }

  /** Deletes an object; nothing when it is gone. */
  public async delete(object: KubernetesObject): Promise<void> {
    try {
      await this.api.delete(object);
    } catch (e) {
      if (notFound(e)) return;
      throw this.failure(`cannot delete ${describe(object)}`, e);
    }
  }

  /**
   * A file Velero keeps in the object store beside a backup or restore, the
   * way the Velero CLI gets it: a DownloadRequest, whose status Velero fills
   * with a signed URL of the object store; the file is gzipped JSON. The
   * request is deleted afterwards. Undefined when the file does not exist.
   */
  public async download(namespace: string, kind: string, target: string, timeoutMs = 60_000): Promise<unknown> {
    const name = `kyma-backup-${kind.toLowerCase()}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`.slice(0, 63);
    const request = { apiVersion: 'velero.io/v1', kind: 'DownloadRequest', metadata: { name, namespace }, spec: { target: { kind, name: target } } };
    await this.create(request);
    try {
      const deadline = Date.now() + timeoutMs;
      let url: string | undefined;
      for (;;) {
        const stored = await this.read<KubernetesObject & { status?: { phase?: string; downloadURL?: string } }>(request);
        if (stored?.status?.phase === 'Processed') {
          url = stored.status.downloadURL;
          break;
        }
        if (Date.now() > deadline) {
          // Velero leaves a request unanswered, without a word, when its target or the target's location is missing.
          throw new CliError(`Velero did not answer the DownloadRequest ${name} for the ${kind} of ${target} within ${Math.round(timeoutMs / 1000)}s: `
            + `velero-server may not be running, or ${target} or its storage location may not exist (Velero then leaves the request unanswered) `
            + 'or the location may not be Available', ExitCode.CLUSTER);
        }
        await new Promise(resolve => setTimeout(resolve, 500));
      }
      if (!url) throw new CliError(`Velero found no ${kind} of ${target} in the object store`, ExitCode.FAILED);
      let response: Response;
      try {
        // The signed URL is valid for minutes; a store that stops answering must not hold the command for ever.
        response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      } catch (e) {
        if ((e as Error).name === 'TimeoutError') {
          throw new CliError(`the object store (${new URL(url).host}) did not send the ${kind} of ${target} within ${FETCH_TIMEOUT_MS / 1000}s`, ExitCode.CLUSTER);
        }
        // fetch says only "fetch failed"; its cause names the reason (ECONNREFUSED, a certificate the machine does not trust).
        const cause = (e as { cause?: { code?: string; message?: string } }).cause;
        const why = cause ? [cause.code, cause.message].filter(Boolean).join(': ') : apiErrorMessage(e);
        throw new CliError(`cannot fetch the ${kind} of ${target} from the object store (${new URL(url).host}): ${why}`, ExitCode.CLUSTER);
      }
      if (response.status === 404) return undefined;
      if (!response.ok) throw new CliError(`the object store answered HTTP ${response.status} for the ${kind} of ${target}`, ExitCode.CLUSTER);
      const body = Buffer.from(await response.arrayBuffer());
      const text = (body[0] === 0x1f && body[1] === 0x8b ? zlib.gunzipSync(body) : body).toString('utf8');
      try {
        return JSON.parse(text);
      } catch {
        throw new CliError(`the ${kind} of ${target} is not JSON`, ExitCode.CLUSTER);
      }
    } finally {
      await this.delete(request).catch(() => undefined);
    }
  }

  private failure(what: string, e: unknown): CliError {
    if (e instanceof ApiException) return new CliError(`${what}: ${apiErrorMessage(e)}`, ExitCode.CLUSTER);
    const message = apiErrorMessage(e);
    if (/Unrecognized API version and kind/.test(message)) {
      return new CliError(`${what}: the API server does not serve this kind (is its CRD installed?)`, ExitCode.CLUSTER);
    }
    return new CliError(`${what}: cannot reach ${this.server}: ${message}`, ExitCode.CLUSTER);
  }
}

function describe(object: KubernetesObject): string {
  const ns = object.metadata?.namespace ? ` in namespace ${object.metadata.namespace}` : '';
  return `${object.kind} ${object.metadata?.name}${ns}`;
}
