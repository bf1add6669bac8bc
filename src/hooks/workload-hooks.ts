import { ApiObject, Duration, JsonPatch } from 'cdk8s';
import { IConstruct } from 'constructs';
import { EXEC_HOOK_TYPE, ExecHook, HookErrorMode, execHookToVelero } from './backup-hooks';
import { PropType, argumentProblems, carrying, structShape } from '../private/props-check';
import { formatGoDuration } from '../time/go-duration';
import { Problem, ProblemKind, problem } from '../validation/problem';

/** Where a workload-bound hook is written. */
export enum WorkloadHookForm {
  /** In the backup's spec (`hooks.resources`), selecting the workload's pods by namespace and labels. */
  BACKUP_SPEC = 'backup-spec',
  /**
   * As Velero's pod annotations (`pre.hook.backup.velero.io/command` …) on the
   * workload's pod template, so that every backup of its pods runs them. One
   * pre and one post command at most.
   */
  POD_ANNOTATIONS = 'pod-annotations',
}

/** The commands of a workload-bound hook. */
export interface WorkloadHookOptions {
  /**
   * A name for the hook, unique within the backup.
   *
   * @default - the workload's object name
   */
  readonly name?: string;
  /**
   * Commands run before the pods are backed up.
   *
   * @default - none
   */
  readonly pre?: ExecHook[];
  /**
   * Commands run after the pods are backed up.
   *
   * @default - none
   */
  readonly post?: ExecHook[];
  /**
   * Where the hook is written.
   *
   * @default WorkloadHookForm.BACKUP_SPEC
   */
  readonly form?: WorkloadHookForm;
}

/** The run-time shape of `WorkloadHookOptions`. */
export const WORKLOAD_HOOK_OPTIONS_TYPE: PropType = {
  struct: structShape('WorkloadHookOptions', {
    name: 'string',
    pre: { list: EXEC_HOOK_TYPE },
    post: { list: EXEC_HOOK_TYPE },
    form: { oneOf: Object.values(WorkloadHookForm) },
  }),
};

/** Presets for the common consistency hooks. */
export class WorkloadHooks {
  /**
   * Freezes a mounted file system before the backup and thaws it after
   * (`fsfreeze --freeze` / `--unfreeze`), the pair Velero documents for
   * consistent volume snapshots. The container needs the privileges fsfreeze
   * needs; the thaw runs even when the backup of the pod failed (onError Continue).
   */
  public static fsfreeze(container: string, mountPath: string): WorkloadHookOptions {
    const wrong = argumentProblems('WorkloadHooks.fsfreeze', [['container', container, { required: 'literal' }], ['mountPath', mountPath, { required: 'literal' }]]);
    if (wrong.length > 0) return carrying({}, wrong);
    return {
      pre: [{ container, command: ['/sbin/fsfreeze', '--freeze', mountPath], onError: HookErrorMode.FAIL, timeout: Duration.seconds(30) }],
      post: [{ container, command: ['/sbin/fsfreeze', '--unfreeze', mountPath], onError: HookErrorMode.CONTINUE }],
    };
  }

  /**
   * PostgreSQL: a `CHECKPOINT` before the backup, so the data files on disk
   * are current, run with `psql` as the given user.
   */
  public static postgresCheckpoint(container: string, user: string = 'postgres'): WorkloadHookOptions {
    const wrong = argumentProblems('WorkloadHooks.postgresCheckpoint', [['container', container, { required: 'literal' }], ['user', user, 'literal']]);
    if (wrong.length > 0) return carrying({}, wrong);
    return { pre: [{ container, command: ['psql', '-U', user, '-c', 'CHECKPOINT'], onError: HookErrorMode.FAIL, timeout: Duration.minutes(2) }] };
  }

  /**
   * PostgreSQL: a logical dump (`pg_dump -Fc`) to a file in the pod before the
   * backup, so that a volume backup carries a consistent dump.
   */
  public static postgresDump(container: string, database: string, file: string, user: string = 'postgres'): WorkloadHookOptions {
    const wrong = argumentProblems('WorkloadHooks.postgresDump', [
      ['container', container, { required: 'literal' }], ['database', database, { required: 'literal' }],
      ['file', file, { required: 'literal' }], ['user', user, 'literal'],
    ]);
    if (wrong.length > 0) return carrying({}, wrong);
    return {
      pre: [{ container, command: ['pg_dump', '-U', user, '-Fc', '-f', file, database], onError: HookErrorMode.FAIL, timeout: Duration.minutes(30) }],
    };
  }

  /**
   * MySQL: `FLUSH TABLES WITH READ LOCK` before the backup and `UNLOCK TABLES`
   * after. Each hook is a session of its own, so the read lock ends with the
   * pre hook's command: this flushes the tables to disk; to hold writes during
   * a snapshot, pair it with `fsfreeze`.
   */
  public static mysqlFlushTables(container: string): WorkloadHookOptions {
    const wrong = argumentProblems('WorkloadHooks.mysqlFlushTables', [['container', container, { required: 'literal' }]]);
    if (wrong.length > 0) return carrying({}, wrong);
    return {
      pre: [{ container, command: ['mysql', '-e', 'FLUSH TABLES WITH READ LOCK'], onError: HookErrorMode.FAIL, timeout: Duration.minutes(2) }],
      post: [{ container, command: ['mysql', '-e', 'UNLOCK TABLES'], onError: HookErrorMode.CONTINUE }],
    };
  }
}

/** Where each kind of workload keeps the template of its pods (the Pod is its own). */
const POD_TEMPLATE_PATHS: { readonly [kind: string]: readonly string[] } = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  Pod: [],
};

/**
 * A hook bound to a workload of this app, as the backup scopes render it
 * (internal: not exported from the package).
 */
export class WorkloadHook {
  /** The workload's Kubernetes object (a cdk8s-plus workload of any version, or an ApiObject); undefined if it has none. */
  public readonly object?: ApiObject;

  constructor(public readonly workload: IConstruct, public readonly options: WorkloadHookOptions) {
    try {
      this.object = ApiObject.of(workload);
    } catch {
      this.object = undefined; // reported by _problems
    }
  }

  /** The workload's namespace, as written. */
  public namespace(): string | undefined {
    return this.json()?.metadata?.namespace;
  }

  /** The workload as written; undefined where it cannot be rendered (reported by _problems). */
  private json(): any | undefined {
    try {
      return this.object?.toJson();
    } catch {
      return undefined;
    }
  }

  /** The hook in a backup spec's `hooks.resources`: the workload's namespace and pod labels. */
  public _toVelero(): object {
    const json = this.json() ?? {};
    const labels = podTemplate(json)?.metadata?.labels ?? {};
    return {
      name: this.options.name ?? json.metadata?.name,
      includedNamespaces: [json.metadata?.namespace ?? 'default'],
      includedResources: ['pods'],
      labelSelector: { matchLabels: { ...labels } },
      pre: this.options.pre?.map(execHookToVelero),
      post: this.options.post?.map(execHookToVelero),
    };
  }

  /**
   * Writes Velero's pod annotations onto the metadata of the workload's pods
   * (the POD_ANNOTATIONS form), where Velero reads them: through
   * cdk8s-plus' `podMetadata`, or as JSON patches on a plain ApiObject's pod
   * template.
   */
  public annotate(): void {
    const annotations = this.annotations();
    const podMetadata = (this.workload as { podMetadata?: { addAnnotation(key: string, value: string): void } }).podMetadata;
    if (podMetadata && typeof podMetadata.addAnnotation === 'function') {
      for (const [key, value] of Object.entries(annotations)) podMetadata.addAnnotation(key, value);
      return;
    }
    const object = this.object;
    const path = object && POD_TEMPLATE_PATHS[object.kind];
    if (!object || !path) return; // not a workload: reported by _problems
    if (path.length === 0) {
      for (const [key, value] of Object.entries(annotations)) object.metadata.addAnnotation(key, value);
      return;
    }
    // The template as written now; a parent that is missing is added first, as an empty object.
    let node: any = this.json();
    if (node === undefined) return; // cannot be rendered: reported by _problems
    const pointer: string[] = [];
    for (const part of [...path, 'metadata', 'annotations']) {
      pointer.push(part);
      node = node?.[part];
      if (node === undefined) object.addJsonPatch(JsonPatch.add(`/${pointer.join('/')}`, {}));
    }
    for (const [key, value] of Object.entries(annotations)) {
      object.addJsonPatch(JsonPatch.add(`/${[...pointer, key.replace(/~/g, '~0').replace(/\//g, '~1')].join('/')}`, value));
    }
  }

  /** Velero's backup hook annotations for the first pre and post command. */
  private annotations(): { [key: string]: string } {
    const annotations: { [key: string]: string } = {};
    for (const [phase, hooks] of [['pre', this.options.pre], ['post', this.options.post]] as const) {
      const hook = hooks?.[0];
      if (!hook) continue;
      if (hook.container) annotations[`${phase}.hook.backup.velero.io/container`] = hook.container;
      annotations[`${phase}.hook.backup.velero.io/command`] = JSON.stringify(hook.command);
      if (hook.onError) annotations[`${phase}.hook.backup.velero.io/on-error`] = hook.onError;
      if (hook.timeout) annotations[`${phase}.hook.backup.velero.io/timeout`] = formatGoDuration(hook.timeout);
    }
    return annotations;
  }

  /**
   * Problems only the workload shows: no Kubernetes object, no pods, a
   * container it lacks, pods without labels, more than the annotations hold,
   * annotations a later change took off the pods.
   */
  public _problems(field: string): Problem[] {
    if (!this.object) {
      return [problem(field, this.workload.node.path, 'has no Kubernetes object', 'a Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob or Pod', ProblemKind.PROPS)];
    }
    let json: any;
    try {
      json = this.object.toJson();
    } catch (e) {
      return [problem(field, this.workload.node.path, `could not be rendered: ${e instanceof Error ? e.message : String(e)}`,
        'a workload whose manifest renders', ProblemKind.PROPS)];
    }
    const template = podTemplate(json);
    if (!template) {
      return [problem(field, this.workload.node.path, `is a ${json.kind}, not a workload with pods`,
        'a Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob or Pod', ProblemKind.PROPS)];
    }
    const containers: string[] = (template.spec?.containers ?? []).map((c: any) => c.name);
    const problems: Problem[] = [];
    for (const phase of ['pre', 'post'] as const) {
      (this.options[phase] ?? []).forEach((hook, i) => {
        if (hook.container !== undefined && !containers.includes(hook.container)) {
          problems.push(problem(`${field}.${phase}[${i}].container`, hook.container, `is not a container of ${json.kind} ${json.metadata?.name}`,
            `one of its containers: ${containers.join(', ')}`, ProblemKind.PROPS));
        }
      });
      if (this.options.form === WorkloadHookForm.POD_ANNOTATIONS && (this.options[phase]?.length ?? 0) > 1) {
        problems.push(problem(`${field}.${phase}`, this.options[phase]!.length, 'holds more commands than pod annotations can',
          'one pre and one post command in the POD_ANNOTATIONS form; use BACKUP_SPEC for more', ProblemKind.PROPS));
      }
    }
    if (this.options.form === WorkloadHookForm.POD_ANNOTATIONS) {
      const written = template.metadata?.annotations ?? {};
      const lost = Object.entries(this.annotations()).filter(([key, value]) => written[key] !== value).map(([key]) => key);
      if (lost.length > 0) {
        problems.push(problem(field, lost, `is not on the pods of ${json.kind} ${json.metadata?.name} as written: a later change to their metadata replaced it`,
          'change the pod annotations before addHookFor, or use the BACKUP_SPEC form', ProblemKind.PROPS));
      }
    } else if (Object.keys(template.metadata?.labels ?? {}).length === 0) {
      problems.push(problem(field, this.workload.node.path, 'has pods without labels, so no selector can pick them alone',
        'a workload whose pod template has labels (cdk8s-plus adds them), or the POD_ANNOTATIONS form', ProblemKind.PROPS));
    }
    return problems;
  }
}

/** The pod template of a workload (or the Pod itself); undefined for other kinds. */
function podTemplate(json: any): any | undefined {
  const path = POD_TEMPLATE_PATHS[json.kind];
  return path && path.reduce((node, part) => node?.[part], json);
}
