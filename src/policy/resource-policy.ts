import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { VOLUME_POLICY_TYPE, VolumePolicy } from './volume-policy';
import { VELERO_NAMESPACE } from '../core/defaults';
import { checkedId, checkedScope, reportIdProblems } from '../private/construct-id';
import { validateOwnedObjects } from '../private/owned-objects';
import { Argument, PropType, PropsShape, argumentProblems, conformingProps, propsProblems, structShape } from '../private/props-check';
import { dns1123LabelError, dns1123SubdomainError } from '../validation/kube-names';
import { Problem, ProblemKind, problem } from '../validation/problem';
import { POLICY_VERSION } from '../validation/resource-policy';

/** One pair of the include/exclude policy's resource lists. */
export interface PolicyResourceList {
  /**
   * Resources to back up (no `*`: leave the list out to take every resource).
   *
   * @default - not set
   */
  readonly include?: string[];
  /**
   * Resources to leave out (no `*`).
   *
   * @default - not set
   */
  readonly exclude?: string[];
}

const RESOURCE_LIST_TYPE: PropType = { struct: structShape('PolicyResourceList', { include: { list: 'literal' }, exclude: { list: 'literal' } }) };

/**
 * Velero's include/exclude policy (v1.17+): which resources a backup takes,
 * cluster- and namespace-scoped apart. Velero refuses it on a backup with the
 * old-style resource filters; give the backup `ResourceFilter.scoped(...)`.
 */
export interface ResourcePolicyIncludeExclude {
  /**
   * Cluster-scoped resources (`includedClusterScopedResources`, `excludedClusterScopedResources`).
   *
   * @default - not set
   */
  readonly cluster?: PolicyResourceList;
  /**
   * Namespace-scoped resources (`includedNamespaceScopedResources`, `excludedNamespaceScopedResources`).
   *
   * @default - not set
   */
  readonly namespaced?: PolicyResourceList;
}

const INCLUDE_EXCLUDE_TYPE: PropType = { struct: structShape('ResourcePolicyIncludeExclude', { cluster: RESOURCE_LIST_TYPE, namespaced: RESOURCE_LIST_TYPE }) };

/** Props of `KymaResourcePolicy`. */
export interface KymaResourcePolicyProps {
  /**
   * The ConfigMap's name, which backups name in `resourcePolicy`.
   *
   * @default "kyma-resource-policy"
   */
  readonly name?: string;
  /**
   * Velero's namespace (Velero reads the policy from the backup's namespace).
   *
   * @default "kyma-backup"
   */
  readonly namespace?: string;
  /**
   * The volume policies, in order: Velero applies the first one a volume matches.
   *
   * @default - none; add them with `addVolumePolicy`
   */
  readonly volumePolicies?: VolumePolicy[];
  /**
   * The include/exclude policy.
   *
   * @default - none
   */
  readonly includeExclude?: ResourcePolicyIncludeExclude;
  /**
   * The ConfigMap's one data key.
   *
   * @default "policy.yaml"
   */
  readonly dataKey?: string;
}

const POLICY_PROPS_SHAPE: PropsShape = structShape('KymaResourcePolicyProps', {
  name: 'literal',
  namespace: 'literal',
  volumePolicies: { list: VOLUME_POLICY_TYPE },
  includeExclude: INCLUDE_EXCLUDE_TYPE,
  dataKey: 'literal',
});

/** Kubernetes' rule for ConfigMap keys. */
const CONFIG_MAP_KEY = /^[-._a-zA-Z0-9]+$/;

/**
 * A Velero resource policy: a ConfigMap in Velero's namespace with one data
 * key, holding the policy document (`version: v1`, volume policies, the
 * include/exclude policy). The document is written as JSON, which is YAML:
 * Velero reads it with Go's YAML decoder, and JSON leaves no room for YAML's
 * implicit typing. Attach it with `useResourcePolicy(policy)` on a backup,
 * schedule or plan. Validated at synth over the ConfigMap's final JSON, with
 * every backup that names it.
 */
export class KymaResourcePolicy extends Construct {
  /** The ConfigMap's name. */
  public readonly name: string;
  /** Velero's namespace, where the ConfigMap lives. */
  public readonly namespace: string;
  /** The ConfigMap (also `node.defaultChild`). */
  public readonly configMap: ApiObject;

  private readonly policies: VolumePolicy[] = [];
  private readonly props: KymaResourcePolicyProps;
  private readonly calls: Array<{ readonly call: string; readonly args: readonly Argument[] }> = [];

  constructor(scope: Construct, id: string, props: KymaResourcePolicyProps = {}) {
    super(checkedScope(scope, 'KymaResourcePolicy'), checkedId(scope, id));
    reportIdProblems(this, id);
    this.props = conformingProps(props, POLICY_PROPS_SHAPE);
    this.name = this.props.name ?? 'kyma-resource-policy';
    this.namespace = this.props.namespace ?? VELERO_NAMESPACE;
    this.policies.push(...this.props.volumePolicies ?? []);
    const dataKey = this.props.dataKey ?? 'policy.yaml';
    this.configMap = new ApiObject(this, 'Resource', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: this.name, namespace: this.namespace },
      data: { [dataKey]: Lazy.any({ produce: () => this.renderDocument() }) },
    });
    validateOwnedObjects(this, [{ object: this.configMap }], {
      props: () => {
        const shapeProblems = propsProblems(props, POLICY_PROPS_SHAPE, '', true);
        return [...shapeProblems, ...this.nameProblems(dataKey), ...(shapeProblems.length === 0 ? this.includeExcludeProblems() : [])];
      },
      options: () => this.calls.flatMap(({ call, args }) => argumentProblems(call, args, true)),
    });
  }

  /** Adds a volume policy after those of the props (Velero applies the first match). */
  public addVolumePolicy(policy: VolumePolicy): void {
    const args: Argument[] = [['policy', policy, { required: VOLUME_POLICY_TYPE }]];
    this.calls.push({ call: 'addVolumePolicy', args });
    if (argumentProblems('addVolumePolicy', args).length > 0) return;
    this.policies.push(policy);
  }

  /** Whether the policy has an include/exclude policy (which Velero refuses beside old-style filters). */
  public get hasIncludeExclude(): boolean {
    return this.props.includeExclude !== undefined;
  }

  /** Whether a volume policy takes file-system backups (which need a repository password). */
  public get usesFsBackup(): boolean {
    return this.policies.some(p => p._fsBackup);
  }

  /** The policy document as Velero reads it, keys in a fixed order. */
  private document(): object {
    const ie = this.props.includeExclude;
    const list = (l?: string[]) => (l ? [...l] : undefined);
    const includeExcludePolicy = ie && withoutUndefined({
      includedClusterScopedResources: list(ie.cluster?.include),
      excludedClusterScopedResources: list(ie.cluster?.exclude),
      includedNamespaceScopedResources: list(ie.namespaced?.include),
      excludedNamespaceScopedResources: list(ie.namespaced?.exclude),
    });
    return withoutUndefined({
      version: POLICY_VERSION,
      volumePolicies: this.policies.length > 0 ? this.policies.map(p => p._toVelero()) : undefined,
      includeExcludePolicy,
    });
  }

  /** JSON (a subset of YAML) with two-space indents and a final newline: byte for byte the same for the same policy. */
  private renderDocument(): string {
    return `${JSON.stringify(this.document(), null, 2)}\n`;
  }

  /**
   * An include/exclude policy without a resource does nothing in Velero, yet
   * Velero still refuses it beside the old-style filters: certainly not what
   * the user meant.
   */
  private includeExcludeProblems(): Problem[] {
    const ie = this.props.includeExclude;
    if (ie === undefined) return [];
    const lists = [ie.cluster?.include, ie.cluster?.exclude, ie.namespaced?.include, ie.namespaced?.exclude];
    if (lists.some(list => (list ?? []).length > 0)) return [];
    return [problem('includeExclude', ie, 'names no resource, so it does nothing in Velero (yet Velero refuses it on a backup with the old-style filters)',
      'at least one resource in cluster or namespaced, include or exclude; leave includeExclude out for no include/exclude policy', ProblemKind.PROPS)];
  }

  private nameProblems(dataKey: string): Problem[] {
    const found: Problem[] = [];
    const nameError = dns1123SubdomainError(this.name);
    if (nameError) found.push(problem('name', this.name, nameError, 'a ConfigMap name', ProblemKind.PROPS));
    const namespaceError = dns1123LabelError(this.namespace);
    if (namespaceError) found.push(problem('namespace', this.namespace, namespaceError, 'a namespace name', ProblemKind.PROPS));
    if (!CONFIG_MAP_KEY.test(dataKey) || dataKey.length > 253) {
      found.push(problem('dataKey', dataKey, 'is not a ConfigMap key', 'letters, digits, "-", "_" and ".", at most 253 characters', ProblemKind.PROPS));
    }
    return found;
  }
}

/** A prop or argument that takes a `KymaResourcePolicy`. */
export const RESOURCE_POLICY_TYPE: PropType = { instanceOf: KymaResourcePolicy, name: 'KymaResourcePolicy' };

function withoutUndefined<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as T;
}
