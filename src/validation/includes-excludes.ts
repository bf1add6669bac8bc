// Velero's include/exclude rules (pkg/util/collections and pkg/util/wildcard at
// v1.18.1), written anew: each function returns the problems of one pair of lists.
import { dns1123LabelError } from './kube-names';
import { Problem, problem } from './problem';

/** An include list and its exclude list, with the field names they render to. */
export interface FilterPair {
  readonly includes: readonly string[] | undefined;
  readonly excludes: readonly string[] | undefined;
  readonly includesField: string;
  readonly excludesField: string;
}

/** The spec's `included<Noun>` and `excluded<Noun>` lists, named as `at` names the spec's fields. */
export function specPair(spec: any, at: (name: string) => string, noun: string): FilterPair {
  return {
    includes: spec[`included${noun}`],
    excludes: spec[`excluded${noun}`],
    includesField: at(`included${noun}`),
    excludesField: at(`excluded${noun}`),
  };
}

/** Rules for old-style resource filters and for namespaces. */
export function includesExcludesProblems(pair: FilterPair): Problem[] {
  const includes = pair.includes ?? [];
  const excludes = pair.excludes ?? [];
  const problems = wildcardBesideOthers(includes, pair.includesField, 'an include list');
  excludes.forEach((item, i) => {
    if (item === '*') {
      problems.push(problem(`${pair.excludesField}[${i}]`, item, '"*" is not allowed in an exclude list',
        'Velero accepts only specific items (or patterns, for namespaces) here'));
    }
  });
  problems.push(...overlapProblems(pair));
  return problems;
}

/** Rules for the scoped resource filters (cluster- or namespace-scoped). */
export function scopedIncludesExcludesProblems(pair: FilterPair): Problem[] {
  const includes = pair.includes ?? [];
  const excludes = pair.excludes ?? [];
  const problems = [
    ...wildcardBesideOthers(includes, pair.includesField, 'an include list'),
    ...wildcardBesideOthers(excludes, pair.excludesField, 'a scoped exclude list'),
  ];
  if (includes.length > 0 && excludes.includes('*')) {
    problems.push(problem(pair.excludesField, excludes, `excludes everything while ${pair.includesField} is set`,
      'Velero accepts an exclude list of "*" only with an empty include list'));
  }
  problems.push(...overlapProblems(pair));
  return problems;
}

/** Namespace lists: the include/exclude rules plus a valid name or glob for each item. */
export function namespaceIncludesExcludesProblems(pair: FilterPair): Problem[] {
  const problems = includesExcludesProblems(pair);
  const check = (items: readonly string[] | undefined, field: string) => (items ?? []).forEach((ns, i) => {
    const error = namespacePatternError(ns);
    if (error) {
      problems.push(problem(`${field}[${i}]`, ns, error,
        'Velero accepts a namespace name (DNS-1123 label) in which "*", "?" and "[...]" may stand as glob wildcards'));
    }
  });
  check(pair.includes, pair.includesField);
  check(pair.excludes, pair.excludesField);
  return problems;
}

/** Why Velero refuses `ns` as a namespace or namespace pattern, or undefined. */
export function namespacePatternError(ns: string): string | undefined {
  if (ns === '' || ns === '*') {
    // Velero reads "" as "no namespace" and "*" as every namespace.
    return undefined;
  }
  if (/[|()!{},]/.test(ns)) {
    return 'contains a character glob patterns do not support (one of | ( ) ! { } ,)';
  }
  if (ns.includes('**')) {
    return 'contains "**"; only a single "*" is supported';
  }
  const bracketError = bracketPatternError(ns);
  if (bracketError) {
    return bracketError;
  }
  // Wildcards stand for name characters; the rest must form a valid name.
  const nameError = dns1123LabelError(ns.replace(/[*?[\]]/g, 'x'));
  return nameError && `${nameError}, reading wildcards as letters`;
}

/** "*" in a list with other (distinct) items, which Velero refuses. */
function wildcardBesideOthers(list: readonly string[], field: string, what: string): Problem[] {
  return new Set(list).size > 1 && list.includes('*')
    ? [problem(field, list, '"*" stands beside other items', `Velero accepts "*" only as the sole item of ${what}`)]
    : [];
}

function bracketPatternError(pattern: string): string | undefined {
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === ']') {
      return 'has a "]" without a "[" before it';
    }
    if (pattern[i] === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close < 0) {
        return 'has a "[" that is never closed';
      }
      if (close === i + 1) {
        return 'has an empty "[]"';
      }
      i = close;
    }
  }
  return undefined;
}

function overlapProblems(pair: FilterPair): Problem[] {
  const includes = new Set(pair.includes ?? []);
  // Velero reports each overlapping item once, whatever its count.
  const reported = new Set<string>();
  const problems: Problem[] = [];
  (pair.excludes ?? []).forEach((item, i) => {
    if (includes.has(item) && !reported.has(item)) {
      reported.add(item);
      problems.push(problem(`${pair.excludesField}[${i}]`, item, `is also in ${pair.includesField}`,
        'Velero accepts an item in the include list or the exclude list, not both'));
    }
  });
  return problems;
}
