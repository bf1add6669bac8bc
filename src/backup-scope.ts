import { Duration, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { formatGoDuration } from './go-duration';
import { BackupResourceHook, ExecHook } from './hooks';
import { KymaBackupScopeOptions } from './kyma-backup-scope-options';
import {
  DEFAULT_STORAGE_LOCATION, DEFAULT_VOLUME_SNAPSHOT_LOCATIONS, KYMA_SYSTEM_NAMESPACES,
  SYSTEM_EXCLUDED_RESOURCES, USER_EXCLUDED_RESOURCES, VELERO_NAMESPACE,
} from './kyma-defaults';
import { renderLabelSelector } from './label-selector';
import { inexactDurationProblems } from './props-check';
import { BackupSpec } from '../imports/velero.io';
import { Problem, ProblemKind, problem } from './validation/problem';

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

  constructor(public readonly kind: BackupScopeKind, private readonly options: KymaBackupScopeOptions) {
  }

  public useStorageLocation(name: string): void {
    this.storageLocationName = name;
  }

  public useVolumeSnapshotLocations(names: string[]): void {
    this.snapshotLocationNames = names;
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
      ...(o.hooks ?? []).flatMap((hook, i) => [
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

  /** The spec Velero receives, from the options as they are now. */
  public renderSpec(): BackupSpec {
    const o = this.options;
    const systemNamespaces = namespaceNames(o.systemNamespaces ?? KYMA_SYSTEM_NAMESPACES);
    const extraExcluded = namespaceNames(o.excludedNamespaces ?? []);
    const isSystem = this.kind === BackupScopeKind.SYSTEM;

    return withoutUndefined({
      includedNamespaces: isSystem ? systemNamespaces : ['*'],
      excludedNamespaces: isSystem
        ? [this.veleroNamespace, ...extraExcluded]
        : [...systemNamespaces, this.veleroNamespace, ...extraExcluded],
      ...this.renderResourceFilters(),
      labelSelector: o.labelSelector && renderLabelSelector(o.labelSelector),
      orLabelSelectors: o.orLabelSelectors?.map(renderLabelSelector),
      storageLocation: this.storageLocationName ?? o.storageLocation ?? DEFAULT_STORAGE_LOCATION,
      volumeSnapshotLocations: this.renderSnapshotLocations(),
      ttl: o.ttl && formatGoDuration(o.ttl),
      snapshotVolumes: o.snapshotVolumes,
      defaultVolumesToFsBackup: o.defaultVolumesToFsBackup,
      snapshotMoveData: o.snapshotMoveData,
      datamover: o.datamover,
      csiSnapshotTimeout: o.csiSnapshotTimeout && formatGoDuration(o.csiSnapshotTimeout),
      itemOperationTimeout: o.itemOperationTimeout && formatGoDuration(o.itemOperationTimeout),
      hooks: o.hooks && { resources: o.hooks.map(renderHook) },
      orderedResources: o.orderedResources && mapValues(o.orderedResources, names => names.join(',')),
      resourcePolicy: o.resourcePolicyConfigMap !== undefined
        ? { kind: 'configmap', name: o.resourcePolicyConfigMap }
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

  /** True when any of Velero's scoped resource filters is set. */
  private get usesScopedFilters(): boolean {
    const o = this.options;
    return [o.includedClusterScopedResources, o.excludedClusterScopedResources,
      o.includedNamespaceScopedResources, o.excludedNamespaceScopedResources].some(f => f !== undefined);
  }

  private renderResourceFilters(): Partial<BackupSpec> {
    const o = this.options;
    if (this.usesScopedFilters) {
      // Scoped filtering replaces the guide's old-style filters; any old-style
      // prop the user set is still rendered so that validation reports the mix.
      return {
        includedClusterScopedResources: copy(o.includedClusterScopedResources),
        excludedClusterScopedResources: copy(o.excludedClusterScopedResources),
        includedNamespaceScopedResources: copy(o.includedNamespaceScopedResources),
        excludedNamespaceScopedResources: copy(o.excludedNamespaceScopedResources),
        includedResources: copy(o.includedResources),
        excludedResources: copy(o.excludedResources),
        includeClusterResources: o.includeClusterResources,
      };
    }
    const isSystem = this.kind === BackupScopeKind.SYSTEM;
    return {
      includedResources: copy(o.includedResources) ?? ['*'],
      excludedResources: [...(isSystem ? SYSTEM_EXCLUDED_RESOURCES : USER_EXCLUDED_RESOURCES), ...(o.excludedResources ?? [])],
      includeClusterResources: o.includeClusterResources ?? (isSystem ? undefined : true),
    };
  }
}

/** Namespace names, taking Namespace constructs (cdk8s-plus, or an ApiObject) by their name. */
export function namespaceNames(namespaces: ReadonlyArray<string | kplus.Namespace>): string[] {
  // A token stays a token: the written manifest is judged once it is resolved.
  return namespaces.map(ns => typeof ns === 'string' || ns instanceof Lazy ? ns as string : ns.name);
}

function renderHook(hook: BackupResourceHook): NonNullable<NonNullable<BackupSpec['hooks']>['resources']>[number] {
  return {
    name: hook.name,
    includedNamespaces: hook.includedNamespaces && namespaceNames(hook.includedNamespaces),
    excludedNamespaces: hook.excludedNamespaces && namespaceNames(hook.excludedNamespaces),
    includedResources: copy(hook.includedResources),
    excludedResources: copy(hook.excludedResources),
    labelSelector: hook.labelSelector && renderLabelSelector(hook.labelSelector),
    pre: hook.pre?.map(renderExecHook),
    post: hook.post?.map(renderExecHook),
  };
}

function renderExecHook(hook: ExecHook): { exec: any } {
  return {
    exec: {
      command: [...hook.command],
      container: hook.container,
      // The generated enums for Backup and Schedule hooks are distinct types
      // holding the same strings; ours is rendered by value.
      onError: hook.onError,
      timeout: hook.timeout && formatGoDuration(hook.timeout),
    },
  };
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
