import { JsonPatch, jsonValueProblems, velerosPatchValue } from './json-patch';
import { LABEL_SELECTOR_TYPE, LabelSelector } from '../core/label-selector';
import { PropsShape, anchored, argumentProblems, structShape, usableProps } from '../private/props-check';
import { Problem } from '../validation/problem';

/** A condition on a field of the object: the value at `path` equals `value`. */
export interface ResourceModifierMatch {
  /** A JSON pointer into the object, such as "/spec/storageClassName". */
  readonly path: string;
  /** The value it must equal: a JSON value (a string, number, boolean, null, object or list). */
  readonly value: any;
}

/** The run-time shape of `ResourceModifierMatch`. */
const MATCH_SHAPE: PropsShape = structShape('ResourceModifierMatch', {
  path: { required: 'literal' },
  value: { required: 'json' },
});

/** Which backed-up objects a resource modifier rule patches (Velero's `conditions`). */
export interface ResourceModifierConditions {
  /**
   * The group-resource, such as "deployments.apps" or "configmaps", or a glob
   * of them ("*.apps", "{configmaps,secrets}").
   */
  readonly groupResource: string;
  /**
   * The namespaces, as they were backed up: Velero matches them before it maps
   * namespaces, so name the source of a `namespaceMapping`, never its target.
   *
   * @default - objects of every namespace (and cluster-scoped ones)
   */
  readonly namespaces?: string[];
  /**
   * A regular expression the object's name must match, in Go's RE2 syntax.
   *
   * @default - any name
   */
  readonly resourceNameRegex?: string;
  /**
   * Labels the object must carry.
   *
   * @default - any labels
   */
  readonly labelSelector?: LabelSelector;
  /**
   * Fields the object must have, with the given values.
   *
   * @default - no field conditions
   */
  readonly matches?: ResourceModifierMatch[];
}

/** The run-time shape of `ResourceModifierConditions`. */
const CONDITIONS_SHAPE: PropsShape = structShape('ResourceModifierConditions', {
  groupResource: { required: 'literal' },
  namespaces: { list: 'literal' },
  resourceNameRegex: 'literal',
  labelSelector: LABEL_SELECTOR_TYPE,
  matches: { list: { struct: MATCH_SHAPE } },
});

enum PatchKind { JSON = 'patches', MERGE = 'mergePatches', STRATEGIC = 'strategicPatches' }

/**
 * One restore resource modifier rule (Velero v1.18): which objects, and the
 * patch applied to each of them as it is restored. A rule takes one kind of
 * patch: JSON Patch operations, JSON merge patches or strategic merge patches.
 *
 * @example ResourceModifierRule.jsonPatch({ groupResource: 'deployments.apps' }, [JsonPatch.replace('/spec/replicas', 0)])
 */
export class ResourceModifierRule {
  /** Apply JSON Patch operations (RFC 6902), in order. */
  public static jsonPatch(conditions: ResourceModifierConditions, patches: JsonPatch[]): ResourceModifierRule {
    const problems = argumentProblems('ResourceModifierRule.jsonPatch', [
      ['conditions', conditions, { required: { struct: CONDITIONS_SHAPE } }],
      ['patches', patches, { required: { list: { instanceOf: JsonPatch, name: 'JsonPatch, such as JsonPatch.replace("/spec/replicas", 0)' } } }],
    ], true);
    problems.push(...matchValueProblems('ResourceModifierRule.jsonPatch', conditions, problems));
    return ResourceModifierRule.made(problems, conditions, PatchKind.JSON, Array.isArray(patches) ? [...patches] : []);
  }

  /** Apply JSON merge patches (RFC 7386), each an object, in order. */
  public static mergePatch(conditions: ResourceModifierConditions, patches: any[]): ResourceModifierRule {
    return ResourceModifierRule.dataRule('mergePatch', PatchKind.MERGE, conditions, patches);
  }

  /** Apply Kubernetes strategic merge patches, each an object, in order (built-in kinds only). */
  public static strategicMergePatch(conditions: ResourceModifierConditions, patches: any[]): ResourceModifierRule {
    return ResourceModifierRule.dataRule('strategicMergePatch', PatchKind.STRATEGIC, conditions, patches);
  }

  private static dataRule(factory: string, kind: PatchKind, conditions: unknown, patches: unknown): ResourceModifierRule {
    const problems = argumentProblems(`ResourceModifierRule.${factory}`, [
      ['conditions', conditions, { required: { struct: CONDITIONS_SHAPE } }],
      ['patches', patches, { required: { list: 'object' } }],
    ], true);
    problems.push(...matchValueProblems(`ResourceModifierRule.${factory}`, conditions, problems));
    if (problems.length === 0) {
      (patches as unknown[]).forEach((patch, i) => problems.push(...jsonValueProblems(`ResourceModifierRule.${factory}(patches)[${i}]`, patch)));
    }
    return ResourceModifierRule.made(problems, conditions, kind, Array.isArray(patches) ? patches.map(p => JSON.stringify(p) ?? '') : []);
  }

  private static made(problems: Problem[], conditions: unknown, kind: PatchKind, patches: Array<JsonPatch | string>): ResourceModifierRule {
    // Nothing of wrong arguments is written: a rule of parts of them would patch other objects than meant.
    return problems.length > 0
      ? new ResourceModifierRule({ groupResource: '' }, kind, [], problems)
      : new ResourceModifierRule(usableProps(conditions as ResourceModifierConditions), kind, patches, []);
  }

  private constructor(
    private readonly conditions: ResourceModifierConditions,
    private readonly kind: PatchKind,
    private readonly patches: ReadonlyArray<JsonPatch | string>,
    private readonly problems: readonly Problem[]) {
  }

  /** @internal The rule as Velero's resource modifiers document writes it. */
  public _toVelero(): Record<string, unknown> {
    const c = this.conditions;
    const conditions = {
      groupResource: c.groupResource,
      ...(c.namespaces !== undefined && { namespaces: [...c.namespaces] }),
      ...(c.resourceNameRegex !== undefined && { resourceNameRegex: c.resourceNameRegex }),
      ...(c.labelSelector !== undefined && { labelSelector: c.labelSelector._toVelero() }),
      ...(c.matches !== undefined && { matches: c.matches.map(m => ({ path: m.path, value: velerosPatchValue(m.value) })) }),
    };
    const patches = this.patches.map(p => typeof p === 'string' ? { patchData: p } : p._toVelero());
    return { conditions, [this.kind]: patches };
  }

  /** @internal Problems of the factory's arguments, fields prefixed with `at`. */
  public _problems(at: string): Problem[] {
    return anchored(this.problems, at);
  }
}

/** Problems of the values of `matches` that are no JSON values, once the conditions have their shape. */
function matchValueProblems(call: string, conditions: unknown, found: readonly Problem[]): Problem[] {
  if (found.length > 0) return [];
  const matches = (conditions as ResourceModifierConditions).matches ?? [];
  return matches.flatMap((m, i) => jsonValueProblems(`${call}(conditions).matches[${i}].value`, m.value));
}

/** A prop or argument that takes a `ResourceModifierRule`. */
export const RESOURCE_MODIFIER_RULE_TYPE = {
  instanceOf: ResourceModifierRule,
  name: 'ResourceModifierRule, such as ResourceModifierRule.jsonPatch({ groupResource: "deployments.apps" }, [JsonPatch.replace("/spec/replicas", 0)])',
} as const;
