// A hook bound to a workload (see WorkloadHookOptions), as the backup scopes
// render it; internal to the library.
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { formatGoDuration } from '../time/go-duration';
import { renderExecHook } from './backup-hooks';
import { Problem, ProblemKind, problem } from '../validation/problem';
import { WorkloadHookForm, WorkloadHookOptions } from './workload-hooks';

/** A hook bound to a workload of this app, as the backup scopes render it. */
export class WorkloadHook {
  /** The workload's Kubernetes object (a cdk8s-plus workload of any version, or an ApiObject). */
  public readonly object: ApiObject;

  constructor(public readonly workload: IConstruct, public readonly options: WorkloadHookOptions) {
    this.object = ApiObject.of(workload);
  }

  /** The workload's namespace, as written. */
  public namespace(): string | undefined {
    return this.object.toJson().metadata?.namespace;
  }

  /** The hook in a backup spec's `hooks.resources`: the workload's namespace and pod labels. */
  public toVelero(): object {
    const json = this.object.toJson();
    const labels = podTemplate(json)?.metadata?.labels ?? {};
    return {
      name: this.options.name ?? json.metadata?.name,
      includedNamespaces: [json.metadata?.namespace ?? 'default'],
      includedResources: ['pods'],
      labelSelector: { matchLabels: { ...labels } },
      pre: this.options.pre?.map(renderExecHook),
      post: this.options.post?.map(renderExecHook),
    };
  }

  /** Writes the pod annotations onto the workload's pod template (the POD_ANNOTATIONS form). */
  public annotate(): void {
    const metadata = (this.workload as any).podMetadata ?? this.object.metadata;
    for (const [phase, hooks] of [['pre', this.options.pre], ['post', this.options.post]] as const) {
      const hook = hooks?.[0];
      if (!hook) continue;
      if (hook.container) metadata.addAnnotation(`${phase}.hook.backup.velero.io/container`, hook.container);
      metadata.addAnnotation(`${phase}.hook.backup.velero.io/command`, JSON.stringify(hook.command));
      if (hook.onError) metadata.addAnnotation(`${phase}.hook.backup.velero.io/on-error`, hook.onError);
      if (hook.timeout) metadata.addAnnotation(`${phase}.hook.backup.velero.io/timeout`, formatGoDuration(hook.timeout));
    }
  }

  /** Problems only the workload shows: a container it lacks, pods without labels, more than the annotations hold. */
  public problems(field: string): Problem[] {
    const json = this.object.toJson();
    const template = podTemplate(json);
    if (!template) {
      return [problem(field, this.workload.node.path, `is a ${json.kind}, not a workload with pods`,
        'a Deployment, StatefulSet, DaemonSet, Job or Pod', ProblemKind.PROPS)];
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
    if (this.options.form !== WorkloadHookForm.POD_ANNOTATIONS && Object.keys(template.metadata?.labels ?? {}).length === 0) {
      problems.push(problem(field, this.workload.node.path, 'has pods without labels, so no selector can pick them alone',
        'a workload whose pod template has labels (cdk8s-plus adds them), or the POD_ANNOTATIONS form', ProblemKind.PROPS));
    }
    return problems;
  }
}

/** The pod template of a workload (or the Pod itself). */
function podTemplate(json: any): any | undefined {
  if (json.kind === 'Pod') return json;
  return json.spec?.template;
}
