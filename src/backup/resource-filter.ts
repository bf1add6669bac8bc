import { PropType } from '../private/props-check';
import { Problem } from '../validation/problem';

/** Velero's old-style resource filter, the one the Kyma guide uses. */
export interface LegacyResourceFilterOptions {
  /**
   * Resources to back up (`includedResources`).
   *
   * @default ["*"]
   */
  readonly include?: string[];
  /**
   * Resources to leave out (`excludedResources`), added after the guide's
   * exclusions (`pods`, and for the system backup also
   * `testdefinitions.testing.kyma-project.io`).
   *
   * @default - only the guide's exclusions
   */
  readonly exclude?: string[];
  /**
   * Whether cluster-scoped resources are backed up (`includeClusterResources`).
   *
   * @default - the guide's values: unset (Velero decides) for the system
   * backup, `true` for the user backup
   */
  readonly clusterResources?: boolean;
}

/** One pair of Velero's scoped resource lists. */
export interface ScopedResourceList {
  /**
   * Resources to back up.
   *
   * @default - not set
   */
  readonly include?: string[];
  /**
   * Resources to leave out.
   *
   * @default - not set
   */
  readonly exclude?: string[];
}

/** Velero's scoped resource filter: cluster-scoped and namespace-scoped resources apart. */
export interface ScopedResourceFilterOptions {
  /**
   * Cluster-scoped resources (`includedClusterScopedResources`, `excludedClusterScopedResources`).
   *
   * @default - not set
   */
  readonly cluster?: ScopedResourceList;
  /**
   * Namespace-scoped resources (`includedNamespaceScopedResources`, `excludedNamespaceScopedResources`).
   *
   * @default - not set
   */
  readonly namespaced?: ScopedResourceList;
}

/**
 * Which resources a backup takes: Velero's old-style filter (the guide's) or
 * its scoped filter. Velero refuses the two together, so a backup has one.
 *
 * @example ResourceFilter.scoped({ cluster: { include: ['storageclasses'] }, namespaced: { include: ['*'], exclude: ['pods'] } })
 */
export class ResourceFilter {
  /** The old-style filter, with the guide's defaults for what is not given. */
  public static legacy(options: LegacyResourceFilterOptions = {}): ResourceFilter {
    return new ResourceFilter(options, undefined);
  }

  /**
   * The scoped filter. The guide's old-style defaults are then not written;
   * `excludeResources(...)` adds to the namespace-scoped exclusions.
   */
  public static scoped(options: ScopedResourceFilterOptions): ResourceFilter {
    return new ResourceFilter(undefined, options);
  }

  private constructor(private readonly legacyOptions?: LegacyResourceFilterOptions, private readonly scopedOptions?: ScopedResourceFilterOptions) {
  }

  /**
   * @internal The spec's resource fields. `guideExcluded` are the guide's
   * exclusions of the scope, `guideCluster` its includeClusterResources,
   * `added` what `excludeResources()` added.
   */
  public _toVelero(guideExcluded: readonly string[], guideCluster: boolean | undefined, added: readonly string[]): Record<string, unknown> {
    const s = this.scopedOptions;
    if (s) {
      const namespacedExclude = s.namespaced?.exclude || added.length > 0 ? [...s.namespaced?.exclude ?? [], ...added] : undefined;
      return {
        includedClusterScopedResources: copy(s.cluster?.include),
        excludedClusterScopedResources: copy(s.cluster?.exclude),
        includedNamespaceScopedResources: copy(s.namespaced?.include),
        excludedNamespaceScopedResources: namespacedExclude,
      };
    }
    const l = this.legacyOptions ?? {};
    return {
      includedResources: copy(l.include) ?? ['*'],
      excludedResources: [...guideExcluded, ...l.exclude ?? [], ...added],
      includeClusterResources: l.clusterResources ?? guideCluster,
    };
  }

  /** @internal Problems of the factory's input, fields prefixed with `at` (none yet: the written lists are judged as Velero would). */
  public _problems(_at: string): Problem[] {
    return [];
  }
}

/** A prop that takes a `ResourceFilter`. */
export const RESOURCE_FILTER_TYPE: PropType = { instanceOf: ResourceFilter, name: 'ResourceFilter, such as ResourceFilter.legacy({ exclude: ["secrets"] })' };

function copy(list: string[] | undefined): string[] | undefined {
  return list && [...list];
}
