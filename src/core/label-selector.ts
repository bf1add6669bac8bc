import { PropType, PropsShape, STRINGS, anchored, argumentProblems, usableProps, structShape } from '../private/props-check';
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
    return LabelExpression.checked('in', LabelSelectorOperator.IN, key, values);
  }

  /** The label is absent, or its value is none of `values`. */
  public static notIn(key: string, values: string[]): LabelExpression {
    return LabelExpression.checked('notIn', LabelSelectorOperator.NOT_IN, key, values);
  }

  /** The label is present, whatever its value. */
  public static exists(key: string): LabelExpression {
    return LabelExpression.checked('exists', LabelSelectorOperator.EXISTS, key);
  }

  /** The label is absent. */
  public static doesNotExist(key: string): LabelExpression {
    return LabelExpression.checked('doesNotExist', LabelSelectorOperator.DOES_NOT_EXIST, key);
  }

  /** A requirement from the factory's arguments; wrong ones are kept as problems and written as nothing. */
  private static checked(factory: string, operator: LabelSelectorOperator, key: unknown, values?: unknown): LabelExpression {
    const problems = argumentProblems(`LabelExpression.${factory}`, [
      ['key', key, { required: 'string' }],
      ...(values !== undefined || operator === LabelSelectorOperator.IN || operator === LabelSelectorOperator.NOT_IN
        ? [['values', values, { required: STRINGS }] as const] : []),
    ]);
    return problems.length > 0
      ? new LabelExpression('', operator, undefined, problems)
      : new LabelExpression(key as string, operator, values === undefined ? undefined : [...values as string[]]);
  }

  private constructor(
    /** The label key. */
    public readonly key: string,
    /** How the key relates to the values. */
    public readonly operator: LabelSelectorOperator,
    /** The values, for In and NotIn. */
    public readonly values?: string[],
    private readonly problems: readonly Problem[] = []) {
  }

  /** @internal The requirement as Kubernetes writes it. */
  public _toVelero(): Record<string, unknown> {
    return { key: this.key, operator: this.operator, ...(this.values !== undefined && { values: [...this.values] }) };
  }

  /** @internal Problems of the factory's arguments, fields prefixed with `at`. */
  public _problems(at: string): Problem[] {
    return anchored(this.problems, at);
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

/** The run-time shape of `LabelSelectorOptions`. */
const LABEL_SELECTOR_OPTIONS_SHAPE: PropsShape = structShape('LabelSelectorOptions', {
  labels: { map: 'string' },
  expressions: { list: { instanceOf: LabelExpression, name: 'LabelExpression, such as LabelExpression.in("tier", ["web"])' } },
});

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
    const problems = argumentProblems('LabelSelector.of', [['options', options, { struct: LABEL_SELECTOR_OPTIONS_SHAPE }]], true);
    // Nothing of wrong options is written: a selector of parts of them would select more than meant.
    return new LabelSelector(problems.length > 0 ? {} : usableProps(options), problems);
  }

  private constructor(private readonly options: LabelSelectorOptions, private readonly problems: readonly Problem[]) {
  }

  /** @internal The selector as Kubernetes writes it; only the parts that were given. */
  public _toVelero(): Record<string, unknown> {
    const { labels, expressions } = this.options;
    return {
      ...(labels !== undefined && { matchLabels: { ...labels } }),
      ...(expressions !== undefined && { matchExpressions: expressions.map(e => e._toVelero()) }),
    };
  }

  /** @internal Problems of the factory's options, fields prefixed with `at`. */
  public _problems(at: string): Problem[] {
    return anchored(this.problems, at);
  }
}

/** A prop or argument that takes a `LabelSelector`. */
export const LABEL_SELECTOR_TYPE: PropType = { instanceOf: LabelSelector, name: 'LabelSelector, such as LabelSelector.of({ labels: { app: "shop" } })' };
