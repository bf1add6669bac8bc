import { Duration } from 'cdk8s';
import { ResourceFilter } from './resource-filter';
import { KymaBackupScopeOptions } from './scope-options';
import { BackupSpec } from '../../imports/velero.io';
import {
  DEFAULT_STORAGE_LOCATION, DEFAULT_VOLUME_SNAPSHOT_LOCATIONS, KYMA_SYSTEM_NAMESPACES,
  SYSTEM_EXCLUDED_RESOURCES, USER_EXCLUDED_RESOURCES, VELERO_NAMESPACE,
} from '../core/defaults';
import { LabelSelector } from '../core/label-selector';
import { BackupNamespaces } from '../core/namespaces';
import { BackupResourceHook, backupResourceHookToVelero } from '../hooks/backup-hooks';
import { WorkloadHook, WorkloadHookForm } from '../hooks/workload-hooks';
import { inexactDurationProblems } from '../private/props-check';
import { formatGoDuration } from '../time/go-duration';
import { Problem, ProblemKind, problem } from '../validation/problem';

/** Which half of a full Kyma cluster backup a scope is. */
export enum BackupScopeKind {
  /** The Kyma system namespaces. */
  SYSTEM = 'system',
  /** Every other namespace. */
  USER = 'user',
}

/**
 * The one model of a backup scope: resolves the options against the guide's
 * defaults and renders the Velero `BackupSpec` used both as a Backup's spec
 * and as a Schedule's template. It renders when asked (at synth), so the
 * options as they are then are what is written.
 */
export class BackupScope {
  /** Set by the constructs' `use…Location…()` methods; they replace the props. */
  private storageLocationName?: string;
  private snapshotLocationNames?: string[];
  /** Set by `useResourcePolicy()` (refused beside `resourcePolicyConfigMap`). */
  private resourcePolicyName?: string;
  /** Added by the constructs' `add…()` methods, after what the props give. */
  private readonly added = {
    systemNamespaces: [] as BackupNamespaces[],
    excludedNamespaces: [] as BackupNamespaces[],
    excludedResources: [] as string[],
    hooks: [] as BackupResourceHook[],
    workloadHooks: [] as WorkloadHook[],
    orLabelSelectors: [] as LabelSelector[],
  };

  constructor(public readonly kind: BackupScopeKind, private readonly options: KymaBackupScopeOptions) {
  }

  public useStorageLocation(name: string): void {
    this.storageLocationName = name;
  }

  public useResourcePolicy(name: string): void {
    this.resourcePolicyName = name;
  }

  /** The `resourcePolicyConfigMap` of the props, if given. */
  public get resourcePolicyConfigMap(): string | undefined {
    return this.options.resourcePolicyConfigMap;
  }

  public useVolumeSnapshotLocations(names: string[]): void {
    this.snapshotLocationNames = names;
  }

  public addSystemNamespaces(namespaces: BackupNamespaces): void {
    this.added.systemNamespaces.push(namespaces);
  }

  public excludeNamespaces(namespaces: BackupNamespaces): void {
    this.added.excludedNamespaces.push(namespaces);
  }

  public excludeResources(resources: string[]): void {
    this.added.excludedResources.push(...resources);
  }

  public addHook(hook: BackupResourceHook): void {
    this.added.hooks.push(hook);
  }

  public addWorkloadHook(hook: WorkloadHook): void {
    this.added.workloadHooks.push(hook);
  }

  /**
   * Whether this scope backs up the namespace: the system scope takes the
   * system namespaces, the user scope every other one; neither takes Velero's
   * namespace or the excluded ones. Velero's globs are matched as Velero matches them.
   */
  public covers(namespace: string): boolean {
    const excluded = [this.veleroNamespace, ...this.excludedNamespaceNames()];
    if (excluded.some(pattern => globMatches(pattern, namespace))) return false;
    const isSystemNamespace = this.systemNamespaceNames().some(pattern => globMatches(pattern, namespace));
    return this.kind === BackupScopeKind.SYSTEM ? isSystemNamespace : !isSystemNamespace;
  }

  /** The hooks of workloads in this scope that go into the spec. */
  private workloadHooksInScope(): object[] {
    return this.added.workloadHooks
      .filter(hook => hook.options.form !== WorkloadHookForm.POD_ANNOTATIONS && this.covers(hook.namespace() ?? 'default'))
      .map(hook => hook._toVelero());
  }

  public addOrLabelSelector(selector: LabelSelector): void {
    this.added.orLabelSelectors.push(selector);
  }

  /** The system namespaces: the props' (or the guide's), then the added ones. */
  private systemNamespaceNames(): string[] {
    const base = this.options.systemNamespaces?._toVelero() ?? [...KYMA_SYSTEM_NAMESPACES];
    return [...base, ...this.added.systemNamespaces.flatMap(n => n._toVelero())];
  }

  private excludedNamespaceNames(): string[] {
    return [...this.options.excludedNamespaces?._toVelero() ?? [], ...this.added.excludedNamespaces.flatMap(n => n._toVelero())];
  }

  private allHooks(): BackupResourceHook[] | undefined {
    const hooks = [...this.options.hooks ?? [], ...this.added.hooks];
    return this.options.hooks || hooks.length > 0 ? hooks : undefined;
  }

  private renderHooks(): BackupSpec['hooks'] {
    const resources = [...(this.allHooks() ?? []).map(backupResourceHookToVelero), ...this.workloadHooksInScope()];
    return this.options.hooks || resources.length > 0 ? { resources: resources as any[] } : undefined;
  }

  private allOrLabelSelectors(): LabelSelector[] | undefined {
    const selectors = [...this.options.orLabelSelectors ?? [], ...this.added.orLabelSelectors];
    return this.options.orLabelSelectors || selectors.length > 0 ? selectors : undefined;
  }

  /** Velero's namespace, where the objects of this scope live. */
  public get veleroNamespace(): string {
    return this.options.namespace ?? VELERO_NAMESPACE;
  }

  /**
   * Problems of the options that no manifest shows: settings the rendering
   * would have to change. Reported once even when two objects share the options.
   * The options must have passed their type check (see props-check.ts).
   */
  public optionProblems(): Problem[] {
    const o = this.options;
    const problems: Problem[] = [];
    const durations: Array<[string, Duration | undefined]> = [
      ['ttl', o.ttl], ['csiSnapshotTimeout', o.csiSnapshotTimeout], ['itemOperationTimeout', o.itemOperationTimeout],
      ...(this.allHooks() ?? []).flatMap((hook, i) => [
        ...(hook.pre ?? []).map((exec, j): [string, Duration | undefined] => [`hooks[${i}].pre[${j}].timeout`, exec.timeout]),
        ...(hook.post ?? []).map((exec, j): [string, Duration | undefined] => [`hooks[${i}].post[${j}].timeout`, exec.timeout]),
      ]),
    ];
    problems.push(...inexactDurationProblems(durations));
    if (o.omitVolumeSnapshotLocations && o.volumeSnapshotLocations !== undefined) {
      problems.push(problem('omitVolumeSnapshotLocations', true, `is set together with volumeSnapshotLocations (${JSON.stringify(o.volumeSnapshotLocations)})`,
        'give one of them', ProblemKind.PROPS));
    }
    for (const [resource, names] of Object.entries(o.orderedResources ?? {})) {
      names.forEach((name, i) => {
        if (name.includes(',')) {
          // Velero splits the joined list on commas, so this name would become two.
          problems.push(problem(`orderedResources[${JSON.stringify(resource)}][${i}]`, name, 'contains a comma',
            'one object name per item, as namespace/name or name', ProblemKind.PROPS));
        }
      });
    }
    return problems;
  }

  /**
   * Problems of the written spec that only this scope's intent makes
   * problems; `field` is where the spec sits (`spec` or `spec.template`).
   */
  public intentProblems(spec: any, field: string): Problem[] {
    const included = spec?.includedNamespaces;
    if (this.kind === BackupScopeKind.SYSTEM && (!Array.isArray(included) || included.length === 0)) {
      // Velero would read the system backup's empty include list as every namespace.
      return [problem(`${field}.includedNamespaces`, included, 'is empty, so the system backup would include every namespace',
        'at least one system namespace (or pattern), from systemNamespaces', ProblemKind.DELIBERATE)];
    }
    return [];
  }

  /** The spec Velero receives, from the options as they are now; `ttl` replaces the options' one. */
  public renderSpec(ttl?: Duration): BackupSpec {
    const o = this.options;
    const systemNamespaces = this.systemNamespaceNames();
    const extraExcluded = this.excludedNamespaceNames();
    const isSystem = this.kind === BackupScopeKind.SYSTEM;

    return withoutUndefined({
      includedNamespaces: isSystem ? systemNamespaces : ['*'],
      excludedNamespaces: isSystem
        ? [this.veleroNamespace, ...extraExcluded]
        : [...systemNamespaces, this.veleroNamespace, ...extraExcluded],
      ...this.renderResourceFilters(),
      labelSelector: o.labelSelector?._toVelero(),
      orLabelSelectors: this.allOrLabelSelectors()?.map(selector => selector._toVelero()),
      storageLocation: this.storageLocationName ?? o.storageLocation ?? DEFAULT_STORAGE_LOCATION,
      volumeSnapshotLocations: this.renderSnapshotLocations(),
      ttl: (ttl ?? o.ttl) && formatGoDuration((ttl ?? o.ttl)!),
      snapshotVolumes: o.snapshotVolumes,
      defaultVolumesToFsBackup: o.defaultVolumesToFsBackup,
      snapshotMoveData: o.snapshotMoveData,
      datamover: o.datamover,
      csiSnapshotTimeout: o.csiSnapshotTimeout && formatGoDuration(o.csiSnapshotTimeout),
      itemOperationTimeout: o.itemOperationTimeout && formatGoDuration(o.itemOperationTimeout),
      hooks: this.renderHooks(),
      orderedResources: o.orderedResources && mapValues(o.orderedResources, names => names.join(',')),
      resourcePolicy: (this.resourcePolicyName ?? o.resourcePolicyConfigMap) !== undefined
        ? { kind: 'configmap', name: this.resourcePolicyName ?? o.resourcePolicyConfigMap! }
        : undefined,
      uploaderConfig: o.parallelFilesUpload !== undefined ? { parallelFilesUpload: o.parallelFilesUpload } : undefined,
      volumeGroupSnapshotLabelKey: o.volumeGroupSnapshotLabelKey,
      metadata: o.backupLabels && { labels: { ...o.backupLabels } },
    });
  }

  private renderSnapshotLocations(): string[] | undefined {
    if (this.snapshotLocationNames) return [...this.snapshotLocationNames];
    if (this.options.omitVolumeSnapshotLocations) return undefined;
    return copy(this.options.volumeSnapshotLocations) ?? [...DEFAULT_VOLUME_SNAPSHOT_LOCATIONS];
  }

  private renderResourceFilters(): Partial<BackupSpec> {
    const isSystem = this.kind === BackupScopeKind.SYSTEM;
    return (this.options.resources ?? ResourceFilter.legacy())._toVelero(
      isSystem ? SYSTEM_EXCLUDED_RESOURCES : USER_EXCLUDED_RESOURCES, isSystem ? undefined : true, this.added.excludedResources);
  }
}

/** The object without its unset keys, which synth would drop anyway, only after walking them. */
function withoutUndefined<T extends object>(object: T): T {
  for (const key of Object.keys(object) as Array<keyof T>) {
    if (object[key] === undefined) delete object[key];
  }
  return object;
}

function copy<T>(list: T[] | undefined): T[] | undefined {
  return list && [...list];
}

function mapValues<A, B>(record: { [key: string]: A }, fn: (value: A) => B): { [key: string]: B } {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, fn(value)]));
}

/** Velero's namespace globs (gobwas/glob): `*` any run, `?` one character, `[...]` a class. */
function globMatches(pattern: string, name: string): boolean {
  if (!/[*?[]/.test(pattern)) return pattern === name;
  const regex = pattern.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  try {
    return new RegExp(`^${regex}$`).test(name);
  } catch {
    return false;
  }
}
