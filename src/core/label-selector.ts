import { PropType } from '../private/props-check';
import { Problem } from '../validation/problem';

/**
 * How a label expression relates a label's key to its values
 * (Kubernetes `LabelSelectorRequirement.operator`).
 */
export enum LabelSelectorOperator {
  /** The label's value is one of the values. */
  IN = 'In',
  /** The label is absent, or its value is none of the values. */
  NOT_IN = 'NotIn',
  /** The label is present, whatever its value. */
  EXISTS = 'Exists',
  /** The label is absent. */
  DOES_NOT_EXIST = 'DoesNotExist',
}

/** One requirement on an object's labels (Kubernetes `LabelSelectorRequirement`), as cdk8s-plus shapes it. */
export class LabelExpression {
  /** The label's value is one of `values`. */
  public static in(key: string, values: string[]): LabelExpression {
    return new LabelExpression(key, LabelSelectorOperator.IN, values);
  }

  /** The label is absent, or its value is none of `values`. */
  public static notIn(key: string, values: string[]): LabelExpression {
    return new LabelExpression(key, LabelSelectorOperator.NOT_IN, values);
  }

  /** The label is present, whatever its value. */
  public static exists(key: string): LabelExpression {
    return new LabelExpression(key, LabelSelectorOperator.EXISTS);
  }

  /** The label is absent. */
  public static doesNotExist(key: string): LabelExpression {
    return new LabelExpression(key, LabelSelectorOperator.DOES_NOT_EXIST);
  }

  private constructor(
    /** The label key. */
    public readonly key: string,
    /** How the key relates to the values. */
    public readonly operator: LabelSelectorOperator,
    /** The values, for In and NotIn. */
    public readonly values?: string[]) {
  }

  /** @internal The requirement as Kubernetes writes it. */
  public _toVelero(): Record<string, unknown> {
    return { key: this.key, operator: this.operator, ...(this.values !== undefined && { values: [...this.values] }) };
  }

  /** @internal Problems of the factory's input, fields prefixed with `at` (none yet: the API server judges the written selector). */
  public _problems(_at: string): Problem[] {
    return [];
  }
}

/** What a `LabelSelector` requires. */
export interface LabelSelectorOptions {
  /**
   * Labels an object must carry, key to value (`matchLabels`).
   *
   * @default - no label is required
   */
  readonly labels?: { [key: string]: string };
  /**
   * Requirements an object's labels must meet (`matchExpressions`).
   *
   * @default - no requirement
   */
  readonly expressions?: LabelExpression[];
}

/**
 * Selects objects by their labels (Kubernetes `metav1.LabelSelector`), as
 * cdk8s-plus shapes it: an object matches when it has every label and meets
 * every expression.
 *
 * @example LabelSelector.of({ labels: { app: 'shop' }, expressions: [LabelExpression.in('tier', ['web'])] })
 */
export class LabelSelector {
  /** A selector of these labels and expressions. */
  public static of(options: LabelSelectorOptions = {}): LabelSelector {
    return new LabelSelector(options);
  }

  private constructor(private readonly options: LabelSelectorOptions) {
  }

  /** @internal The selector as Kubernetes writes it; only the parts that were given. */
  public _toVelero(): Record<string, unknown> {
    const { labels, expressions } = this.options;
    return {
      ...(labels !== undefined && { matchLabels: { ...labels } }),
      ...(expressions !== undefined && { matchExpressions: expressions.map(e => e._toVelero()) }),
    };
  }

  /** @internal Problems of the factory's input, fields prefixed with `at` (none yet: the written selector is judged as Velero would). */
  public _problems(_at: string): Problem[] {
    return [];
  }
}

/** A prop that takes a `LabelSelector`. */
export const LABEL_SELECTOR_TYPE: PropType = { instanceOf: LabelSelector, name: 'LabelSelector, such as LabelSelector.of({ labels: { app: "shop" } })' };
