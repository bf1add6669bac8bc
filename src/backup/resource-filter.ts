import { PropType, PropsShape, STRINGS, anchored, argumentProblems, usableProps, structShape } from '../private/props-check';
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

/** The run-time shape of `LegacyResourceFilterOptions`. */
const LEGACY_OPTIONS_SHAPE: PropsShape = structShape('LegacyResourceFilterOptions', { include: STRINGS, exclude: STRINGS, clusterResources: 'boolean' });

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

/** The run-time shape of `ScopedResourceList`. */
const SCOPED_LIST_TYPE: PropType = { struct: structShape('ScopedResourceList', { include: STRINGS, exclude: STRINGS }) };

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

/** The run-time shape of `ScopedResourceFilterOptions`. */
const SCOPED_OPTIONS_SHAPE: PropsShape = structShape('ScopedResourceFilterOptions', { cluster: SCOPED_LIST_TYPE, namespaced: SCOPED_LIST_TYPE });

/**
 * Which resources a backup takes: Velero's old-style filter (the guide's) or
 * its scoped filter. Velero refuses the two together, so a backup has one.
 *
 * @example ResourceFilter.scoped({ cluster: { include: ['storageclasses'] }, namespaced: { include: ['*'], exclude: ['pods'] } })
 */
export class ResourceFilter {
  /** The old-style filter, with the guide's defaults for what is not given. */
  public static legacy(options: LegacyResourceFilterOptions = {}): ResourceFilter {
    const problems = argumentProblems('ResourceFilter.legacy', [['options', options, { struct: LEGACY_OPTIONS_SHAPE }]], true);
    // Wrong options are written as none: the guide's defaults, while the synth fails on the problems.
    return new ResourceFilter(problems.length > 0 ? {} : usableProps(options), undefined, problems);
  }

  /**
   * The scoped filter. The guide's old-style defaults are then not written;
   * `excludeResources(...)` adds to the namespace-scoped exclusions.
   */
  public static scoped(options: ScopedResourceFilterOptions): ResourceFilter {
    const problems = argumentProblems('ResourceFilter.scoped', [['options', options, { required: { struct: SCOPED_OPTIONS_SHAPE } }]], true);
    return new ResourceFilter(undefined, problems.length > 0 ? {} : usableProps(options), problems);
  }

  private constructor(
    private readonly legacyOptions: LegacyResourceFilterOptions | undefined,
    private readonly scopedOptions: ScopedResourceFilterOptions | undefined,
    private readonly problems: readonly Problem[] = []) {
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

  /** @internal Problems of the factory's options, fields prefixed with `at`. */
  public _problems(at: string): Problem[] {
    return anchored(this.problems, at);
  }
}

/** A prop or argument that takes a `ResourceFilter`. */
export const RESOURCE_FILTER_TYPE: PropType = { instanceOf: ResourceFilter, name: 'ResourceFilter, such as ResourceFilter.legacy({ exclude: ["secrets"] })' };

function copy(list: string[] | undefined): string[] | undefined {
  return list && [...list];
}
