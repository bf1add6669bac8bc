import { Construct, IConstruct } from 'constructs';
import { BackupScope } from './scope';
import { LABEL_SELECTOR_TYPE, LabelSelector } from '../core/label-selector';
import { BackupNamespaces, NAMESPACES_TYPE } from '../core/namespaces';
import { BACKUP_RESOURCE_HOOK_TYPE, BackupResourceHook } from '../hooks/backup-hooks';
import { WORKLOAD_HOOK_OPTIONS_TYPE, WorkloadHook, WorkloadHookForm, WorkloadHookOptions } from '../hooks/workload-hooks';
import { KymaVolumeSnapshotLocation, SNAPSHOT_LOCATION_TYPE } from '../location/snapshot-location';
import { KymaBackupStorageLocation, STORAGE_LOCATION_TYPE } from '../location/storage-location';
import { KymaResourcePolicy, RESOURCE_POLICY_TYPE } from '../policy/resource-policy';
import { checkedId, checkedScope, reportIdProblems } from '../private/construct-id';
import { Argument, argumentProblems } from '../private/props-check';
import { Problem, ProblemKind, formatProblem, problem } from '../validation/problem';

/**
 * What the backup constructs share: one or two backup scopes, rendered at
 * synth, so that these methods work after construction. The methods add to
 * what the props give; `use…()` replaces the locations.
 */
export abstract class KymaBackupScopeConstruct extends Construct {
  /** @internal The scopes the methods change. */
  protected abstract readonly _scopes: BackupScope[];

  private readonly workloadHooks: WorkloadHook[] = [];
  /** Each call of the methods below with its arguments, judged again at synth (values may carry problems). */
  private readonly calls: Array<{ readonly call: string; readonly args: readonly Argument[] }> = [];
  /** Problems of calls that only the construct can judge (say, a second call with other options). */
  private readonly callProblems: Problem[] = [];
  /** The policy `useResourcePolicy()` named. */
  private resourcePolicy?: KymaResourcePolicy;

  protected constructor(scope: Construct, id: string) {
    super(checkedScope(scope, new.target.name), checkedId(scope, id));
    reportIdProblems(this, id);
    this.node.addValidation({
      validate: () => {
        // Most constructs have no calls to judge: nothing to allocate at every synth.
        if (this.calls.length === 0 && this.callProblems.length === 0 && this.workloadHooks.length === 0) return [];
        // The same wrong call made twice is one line.
        return [...new Set([
          ...this.calls.flatMap(({ call, args }) => argumentProblems(call, args, true)),
          ...this.callProblems,
          ...this.workloadHookProblems(),
        ].map(formatProblem))];
      },
    });
  }

  /**
   * @internal Records a call; true when an argument is of the wrong type, so
   * the call changes nothing (the synth reports it).
   */
  protected _refused(call: string, args: readonly Argument[]): boolean {
    this.calls.push({ call, args });
    return argumentProblems(call, args).length > 0;
  }

  /** @internal Reports a problem of a call, at synth, with the others. */
  protected _reportCall(found: Problem): void {
    this.callProblems.push(found);
  }

  /**
   * Runs hooks in the pods of a workload of this app: a cdk8s-plus
   * `Deployment`, `StatefulSet`, `DaemonSet`, `Job` or `Pod` of any version
   * (or their ApiObject). The namespace and pod labels come from the
   * workload; the hook goes to the backup whose scope holds the workload's
   * namespace (for a Schedule pair: the system or the user Schedule). A
   * workload in no scope of this construct, or a container the workload
   * lacks, is refused at synth. Presets: `WorkloadHooks.fsfreeze(...)`,
   * `WorkloadHooks.postgresCheckpoint(...)`, `WorkloadHooks.mysqlFlushTables(...)`.
   */
  public addHookFor(workload: IConstruct, options: WorkloadHookOptions): void {
    if (this._refused('addHookFor', [['workload', workload, { required: 'construct' }], ['options', options, { required: WORKLOAD_HOOK_OPTIONS_TYPE }]])) return;
    const hook = new WorkloadHook(workload, options);
    if (options.form === WorkloadHookForm.POD_ANNOTATIONS) hook.annotate();
    this.workloadHooks.push(hook);
    for (const scope of this._scopes) scope.addWorkloadHook(hook);
  }

  private workloadHookProblems(): Problem[] {
    return this.workloadHooks.flatMap((hook, i) => {
      const field = `addHookFor[${i}]`;
      const found = hook._problems(field);
      const namespace = hook.namespace() ?? 'default';
      if (!this._scopes.some(scope => scope.covers(namespace))) {
        found.push(problem(field, hook.workload.node.path, `is in namespace ${namespace}, which no backup of ${this.node.path} covers`,
          'a workload in a namespace this construct backs up', ProblemKind.PROPS));
      }
      return found;
    });
  }

  /** Adds system namespaces, after those of the props (or the guide's six). */
  public addSystemNamespaces(namespaces: BackupNamespaces): void {
    if (this._refused('addSystemNamespaces', [['namespaces', namespaces, { required: NAMESPACES_TYPE }]])) return;
    for (const scope of this._scopes) scope.addSystemNamespaces(namespaces);
  }

  /** Leaves these namespaces out, after the default exclusions and `excludedNamespaces`. */
  public excludeNamespaces(namespaces: BackupNamespaces): void {
    if (this._refused('excludeNamespaces', [['namespaces', namespaces, { required: NAMESPACES_TYPE }]])) return;
    for (const scope of this._scopes) scope.excludeNamespaces(namespaces);
  }

  /** Leaves these resources out (old-style filter), after the guide's exclusions and `excludedResources`. */
  public excludeResources(...resources: string[]): void {
    if (this._refused('excludeResources', [['resources', resources, { list: 'string' }]])) return;
    for (const scope of this._scopes) scope.excludeResources(resources);
  }

  /** Adds a hook, after those of the props. */
  public addHook(hook: BackupResourceHook): void {
    if (this._refused('addHook', [['hook', hook, { required: BACKUP_RESOURCE_HOOK_TYPE }]])) return;
    for (const scope of this._scopes) scope.addHook(hook);
  }

  /** Also backs up objects matching this selector (`orLabelSelectors`). */
  public addOrLabelSelector(selector: LabelSelector): void {
    if (this._refused('addOrLabelSelector', [['selector', selector, { required: LABEL_SELECTOR_TYPE }]])) return;
    for (const scope of this._scopes) scope.addOrLabelSelector(selector);
  }

  /** Writes the backups to this storage location (replacing `storageLocation`). */
  public useStorageLocation(location: KymaBackupStorageLocation): void {
    if (this._refused('useStorageLocation', [['location', location, { required: STORAGE_LOCATION_TYPE }]])) return;
    for (const scope of this._scopes) scope.useStorageLocation(location.name);
  }

  /**
   * Names this resource policy in every backup of this construct (its
   * Schedules' templates too). A backup names one policy: this is refused
   * beside `resourcePolicyConfigMap`, and after a call with another policy
   * (the same policy again changes nothing). At synth,
   * the policy is judged with each backup: Velero refuses an include/exclude
   * policy beside the old-style resource filters (use `ResourceFilter.scoped`),
   * and a file-system backup or pod-volume policy on a backup that leaves pods
   * out is refused, since it could never act.
   */
  public useResourcePolicy(policy: KymaResourcePolicy): void {
    if (this._refused('useResourcePolicy', [['policy', policy, { required: RESOURCE_POLICY_TYPE }]])) return;
    const elsewhere = this._scopes.find(scope => scope.veleroNamespace !== policy.namespace);
    if (elsewhere) {
      this._reportCall(problem('useResourcePolicy(policy)', policy.node.path, `is in namespace ${policy.namespace}, but Velero reads a backup's policy from the backup's namespace, ${elsewhere.veleroNamespace}`,
        'a KymaResourcePolicy with the namespace of the backups', ProblemKind.PROPS));
      return;
    }
    const byProps = this._scopes.find(scope => scope.resourcePolicyConfigMap !== undefined)?.resourcePolicyConfigMap;
    if (byProps !== undefined) {
      this._reportCall(problem('useResourcePolicy(policy)', policy.node.path, `is given beside resourcePolicyConfigMap (${JSON.stringify(byProps)}), and a backup names one resource policy`,
        'either resourcePolicyConfigMap (a ConfigMap the app does not write) or useResourcePolicy(policy)', ProblemKind.PROPS));
      return;
    }
    if (this.resourcePolicy !== undefined && this.resourcePolicy !== policy) {
      this._reportCall(problem('useResourcePolicy(policy)', policy.node.path, `is a second policy (the first is ${this.resourcePolicy.node.path}), and a backup names one resource policy`,
        'one call of useResourcePolicy, or one KymaResourcePolicy holding every volume policy', ProblemKind.PROPS));
      return;
    }
    this.resourcePolicy = policy;
    for (const scope of this._scopes) scope.useResourcePolicy(policy.name);
  }

  /** Takes volume snapshots in these locations (replacing `volumeSnapshotLocations`). */
  public useVolumeSnapshotLocations(...locations: KymaVolumeSnapshotLocation[]): void {
    if (this._refused('useVolumeSnapshotLocations', [['locations', locations, { list: SNAPSHOT_LOCATION_TYPE }]])) return;
    for (const scope of this._scopes) scope.useVolumeSnapshotLocations(locations.map(l => l.name));
  }
}
