import { labelKeyError, labelValueError } from './kube-names';
import { Problem, problem } from './problem';

/** A label selector as it appears in a manifest. */
export interface RenderedLabelSelector {
  readonly matchLabels?: { [key: string]: string };
  readonly matchExpressions?: ReadonlyArray<{ readonly key: string; readonly operator: string; readonly values?: readonly string[] }>;
}

const OPERATORS_WITH_VALUES = ['In', 'NotIn'];
const OPERATORS_WITHOUT_VALUES = ['Exists', 'DoesNotExist'];

/** Kubernetes' rules for a label selector (metav1.LabelSelectorAsSelector). */
export function labelSelectorProblems(selector: RenderedLabelSelector, field: string): Problem[] {
  const problems: Problem[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    problems.push(...labelProblems(key, value, `${field}.matchLabels`));
  }
  (selector.matchExpressions ?? []).forEach((requirement, i) => {
    const at = `${field}.matchExpressions[${i}]`;
    const keyError = labelKeyError(requirement.key);
    if (keyError) {
      problems.push(problem(`${at}.key`, requirement.key, keyError, 'Kubernetes accepts a label key: [DNS subdomain "/"] name of at most 63 characters'));
    }
    const values = requirement.values ?? [];
    if (OPERATORS_WITH_VALUES.includes(requirement.operator)) {
      if (values.length === 0) {
        problems.push(problem(`${at}.values`, requirement.values, `is empty for operator ${requirement.operator}`,
          'Kubernetes accepts In and NotIn only with at least one value'));
      }
    } else if (OPERATORS_WITHOUT_VALUES.includes(requirement.operator)) {
      if (values.length > 0) {
        problems.push(problem(`${at}.values`, requirement.values, `is not empty for operator ${requirement.operator}`,
          'Kubernetes accepts Exists and DoesNotExist only without values'));
      }
    } else {
      problems.push(problem(`${at}.operator`, requirement.operator, 'is not a selector operator',
        'Kubernetes accepts In, NotIn, Exists or DoesNotExist'));
    }
    values.forEach((value, j) => {
      const valueError = labelValueError(value);
      if (valueError) {
        problems.push(problem(`${at}.values[${j}]`, value, valueError, 'Kubernetes accepts a label value of at most 63 characters'));
      }
    });
  });
  return problems;
}

/** One label: a valid key and a valid value. */
export function labelProblems(key: string, value: string, field: string): Problem[] {
  const problems: Problem[] = [];
  const keyError = labelKeyError(key);
  if (keyError) {
    problems.push(problem(`${field}`, key, `label key ${keyError}`, 'Kubernetes accepts a label key: [DNS subdomain "/"] name of at most 63 characters'));
  }
  const valueError = labelValueError(value);
  if (valueError) {
    problems.push(problem(`${field}[${JSON.stringify(key)}]`, value, `label value ${valueError}`,
      'Kubernetes accepts an empty label value or up to 63 letters, digits, "-", "_" and "."'));
  }
  return problems;
}

/** The API server's limit on all annotations of an object together, in bytes. */
const MAX_ANNOTATIONS_SIZE = 256 * 1024;

/** One annotation: a valid key (the value is free), and room within the total size. */
export function annotationProblems(key: string, _value: string, field: string): Problem[] {
  const keyError = labelKeyError(key);
  return keyError
    ? [problem(field, key, `annotation key ${keyError}`, 'Kubernetes accepts an annotation key: [DNS subdomain "/"] name of at most 63 characters')]
    : [];
}

/** The total size of the annotations, which the API server caps. */
export function annotationsSizeProblems(annotations: { [key: string]: string }, field: string): Problem[] {
  const size = Object.entries(annotations).reduce((sum, [k, v]) => sum + Buffer.byteLength(k) + Buffer.byteLength(String(v)), 0);
  return size > MAX_ANNOTATIONS_SIZE
    ? [problem(field, `${size} bytes`, 'is larger than the API server allows', `annotations of at most ${MAX_ANNOTATIONS_SIZE} bytes in total`)]
    : [];
}
