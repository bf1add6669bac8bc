import { Construct, IConstruct } from 'constructs';
import { BackupScope } from './scope';
import { LabelSelector } from '../core/label-selector';
import { BackupNamespaces } from '../core/namespaces';
import { BackupResourceHook } from '../hooks/backup-hooks';
import { WorkloadHook, WorkloadHookForm, WorkloadHookOptions } from '../hooks/workload-hooks';
import { KymaVolumeSnapshotLocation } from '../location/snapshot-location';
import { KymaBackupStorageLocation } from '../location/storage-location';
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

  protected constructor(scope: Construct, id: string) {
    super(scope, id);
    this.node.addValidation({ validate: () => this.workloadHookProblems().map(formatProblem) });
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
    for (const scope of this._scopes) scope.addSystemNamespaces(namespaces);
  }

  /** Leaves these namespaces out, after the default exclusions and `excludedNamespaces`. */
  public excludeNamespaces(namespaces: BackupNamespaces): void {
    for (const scope of this._scopes) scope.excludeNamespaces(namespaces);
  }

  /** Leaves these resources out (old-style filter), after the guide's exclusions and `excludedResources`. */
  public excludeResources(...resources: string[]): void {
    for (const scope of this._scopes) scope.excludeResources(resources);
  }

  /** Adds a hook, after those of the props. */
  public addHook(hook: BackupResourceHook): void {
    for (const scope of this._scopes) scope.addHook(hook);
  }

  /** Also backs up objects matching this selector (`orLabelSelectors`). */
  public addOrLabelSelector(selector: LabelSelector): void {
    for (const scope of this._scopes) scope.addOrLabelSelector(selector);
  }

  /** Writes the backups to this storage location (replacing `storageLocation`). */
  public useStorageLocation(location: KymaBackupStorageLocation): void {
    for (const scope of this._scopes) scope.useStorageLocation(location.name);
  }

  /** Takes volume snapshots in these locations (replacing `volumeSnapshotLocations`). */
  public useVolumeSnapshotLocations(...locations: KymaVolumeSnapshotLocation[]): void {
    for (const scope of this._scopes) scope.useVolumeSnapshotLocations(locations.map(l => l.name));
  }
}
