/**
 * How a label selector requirement relates a label's key to its values
 * (Kubernetes `LabelSelectorRequirement.operator`).
 */
export enum LabelSelectorOperator {
  /** The label's value is one of `values`. */
  IN = 'In',
  /** The label is absent, or its value is none of `values`. */
  NOT_IN = 'NotIn',
  /** The label is present, whatever its value; `values` must be empty. */
  EXISTS = 'Exists',
  /** The label is absent; `values` must be empty. */
  DOES_NOT_EXIST = 'DoesNotExist',
}

/** One requirement of a label selector (Kubernetes `LabelSelectorRequirement`). */
export interface LabelSelectorRequirement {
  /** The label key the requirement applies to. */
  readonly key: string;
  /** How the key relates to `values`. */
  readonly operator: LabelSelectorOperator;
  /**
   * Values for `In` and `NotIn` (at least one); none for `Exists` and `DoesNotExist`.
   *
   * @default - no values
   */
  readonly values?: string[];
}

/**
 * Selects objects by their labels (Kubernetes `metav1.LabelSelector`): an
 * object matches when it has every label of `matchLabels` and meets every
 * requirement of `matchExpressions`.
 */
export interface LabelSelector {
  /**
   * Labels an object must carry, key to value.
   *
   * @default - no label is required
   */
  readonly matchLabels?: { [key: string]: string };
  /**
   * Requirements an object's labels must meet.
   *
   * @default - no requirement
   */
  readonly matchExpressions?: LabelSelectorRequirement[];
}

/** The selector as Kubernetes writes it; only the keys that were given. */
export function renderLabelSelector(selector: LabelSelector): Record<string, unknown> {
  return {
    ...(selector.matchLabels !== undefined && { matchLabels: { ...selector.matchLabels } }),
    ...(selector.matchExpressions !== undefined && {
      matchExpressions: selector.matchExpressions.map(requirement => ({
        key: requirement.key,
        operator: requirement.operator,
        ...(requirement.values !== undefined && { values: [...requirement.values] }),
      })),
    }),
  };
}
