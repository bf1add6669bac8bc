// What a construct needs from `scope` and `id` before it can exist: a scope
// that is a construct (there is no app to report to otherwise), and an id
// constructs accepts (a wrong one is replaced for the moment, and reported).
import { Construct, IConstruct } from 'constructs';
import { Problem, ProblemKind, formatProblem, problem, show } from '../validation/problem';

/**
 * A construct id from a user's text (a rule or backup name): constructs
 * refuses `/` in ids, so `%` and `/` are escaped; distinct texts keep
 * distinct ids, and names Velero takes are unchanged.
 */
export function constructId(text: string): string {
  return text.replace(/%/g, '%25').replace(/\//g, '%2F');
}

/**
 * `scope` where it is a construct. Anything else leaves nowhere to report
 * (the construct would be the root of a tree no synth sees), so this is the
 * one mistake that throws: with a message naming the argument.
 */
export function checkedScope(scope: unknown, className: string): Construct {
  if (!Construct.isConstruct(scope)) {
    throw new Error(`${className}(scope) = ${show(shown(scope))}: is not a construct; the Chart (or a construct in one) to add this ${className} to`);
  }
  return scope as Construct;
}

/**
 * `id` where constructs takes it; otherwise a stand-in unique in `scope`
 * (checked by `checkedScope` just before), while `idProblems` reports the id given.
 */
export function checkedId(scope: unknown, id: unknown): string {
  return idProblems(id).length === 0 ? id as string : `(invalid id ${(scope as Construct).node.children.length})`;
}

/** Problems of an id: not a string, empty, or holding `/`. */
export function idProblems(id: unknown): Problem[] {
  if (typeof id === 'string' && id !== '' && !id.includes('/')) return [];
  return [problem('id', shown(id), typeof id === 'string' ? 'is empty or holds "/"' : 'is not a string',
    'a construct id: a non-empty string without "/"', ProblemKind.PROPS)];
}

/** Reports a wrong id at the construct's path (a stand-in id) when it synthesizes. */
export function reportIdProblems(construct: IConstruct, id: unknown): void {
  const problems = idProblems(id);
  if (problems.length > 0) construct.node.addValidation({ validate: () => problems.map(formatProblem) });
}

function shown(value: unknown): unknown {
  // Constructs and class instances print poorly as JSON.
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype
    ? `(a ${Object.getPrototypeOf(value)?.constructor?.name ?? 'object'})` : value;
}
