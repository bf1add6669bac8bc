// Props as JavaScript callers may pass them: TypeScript's types are gone at
// run time, so each construct checks its props against a small description of
// them before rendering. A wrong type, NaN or an unknown key becomes a props
// problem that names the prop, never a TypeError from deep inside the renderer.
import { Duration, Lazy } from 'cdk8s';
import { durationNanos } from '../time/go-duration';
import { Problem, ProblemKind, problem, show } from '../validation/problem';

/** What a prop holds. Lists and maps name what their items hold. */
export type PropType =
  | 'string' | 'boolean' | 'integer' | 'duration'
  | { readonly list: PropType }
  | { readonly map: PropType }
  | { readonly oneOf: readonly string[] }
  | { readonly struct: PropsShape }
  /** An instance of one of the library's classes (a value type such as LocationCredential). */
  | { readonly instanceOf: Function; readonly name: string };

/** The props a construct takes, by name; `required` ones must be present. */
export interface PropsShape {
  readonly [name: string]: PropType | { readonly required: PropType };
}

/** A prop that takes a list of strings. */
export const STRINGS: PropType = { list: 'string' };

/** Every problem of `props` against `shape`, fields named from `at` (empty for the top level). */
export function propsProblems(props: unknown, shape: PropsShape, at = ''): Problem[] {
  if (props === undefined) return [];
  if (props === null || typeof props !== 'object' || Array.isArray(props)) {
    return [propsProblem(at || 'props', props, `is ${kindOf(props)}`, 'an object of props')];
  }
  const problems: Problem[] = [];
  const field = (key: string) => at ? `${at}.${key}` : key;
  for (const [key, value] of Object.entries(props)) {
    const declared = shape[key];
    if (declared === undefined) {
      const near = nearest(key, Object.keys(shape));
      problems.push(propsProblem(field(key), value, 'is not a prop of this construct, so it would be ignored',
        near ? `did you mean \`${near}\`?` : `the props are ${Object.keys(shape).join(', ')}`));
      continue;
    }
    if (value === undefined) continue;
    problems.push(...valueProblems(value, typeOf(declared), field(key)));
  }
  for (const [key, declared] of Object.entries(shape)) {
    if (typeof declared === 'object' && 'required' in declared && (props as any)[key] === undefined) {
      problems.push(propsProblem(field(key), undefined, 'is missing', 'this prop is required'));
    }
  }
  return problems;
}

function typeOf(declared: PropType | { readonly required: PropType }): PropType {
  return typeof declared === 'object' && 'required' in declared ? declared.required : declared;
}

function valueProblems(value: unknown, type: PropType, field: string): Problem[] {
  if (typeof type === 'string') {
    // A token stands for a value known only at synth; the written manifest is judged then.
    if (value instanceof Lazy) return [];
    const expected = EXPECTED[type];
    return SCALARS[type](value) ? [] : [propsProblem(field, value, `is ${kindOf(value)}`, expected)];
  }
  if ('list' in type) {
    if (!Array.isArray(value)) {
      return [propsProblem(field, value, `is ${kindOf(value)}`, 'a list (an array)')];
    }
    return value.flatMap((item, i) => valueProblems(item, type.list, `${field}[${i}]`));
  }
  if ('map' in type) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return [propsProblem(field, value, `is ${kindOf(value)}`, 'a map (an object of keys to values)')];
    }
    return Object.entries(value).flatMap(([k, item]) => valueProblems(item, type.map, `${field}[${JSON.stringify(k)}]`));
  }
  if ('instanceOf' in type) {
    return value instanceof type.instanceOf ? [] : [propsProblem(field, value, `is ${kindOf(value)}`, `a ${type.name}`)];
  }
  if ('oneOf' in type) {
    return type.oneOf.includes(value as string) ? [] : [propsProblem(field, value, 'is not one of the accepted values',
      type.oneOf.map(v => JSON.stringify(v)).join(', '))];
  }
  return propsProblems(value, type.struct, field);
}

const SCALARS: { [type: string]: (value: unknown) => boolean } = {
  string: v => typeof v === 'string',
  boolean: v => typeof v === 'boolean',
  integer: v => typeof v === 'number' && Number.isSafeInteger(v),
  duration: v => v instanceof Duration && Number.isFinite(v.toMilliseconds({ integral: false })),
};

const EXPECTED: { [type: string]: string } = {
  string: 'a string',
  boolean: 'true or false',
  integer: 'a whole number',
  duration: 'a cdk8s Duration of a finite length, such as Duration.days(7)',
};

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return 'infinite';
    return Number.isInteger(value) ? 'a whole number' : 'a fractional number';
  }
  if (value instanceof Duration) return `a Duration of ${value.toMilliseconds({ integral: false })} ms`;
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value} (${show(value)})`;
}

function propsProblem(field: string, value: unknown, wrong: string, accepted: string): Problem {
  // Durations and constructs print poorly as JSON; the message describes them instead.
  const shown = value instanceof Duration || (typeof value === 'object' && value !== null && !Array.isArray(value) && 'node' in value)
    ? `(${kindOf(value)})` : value;
  return problem(field, shown, wrong, accepted, ProblemKind.PROPS);
}

/** The known name closest to `name` (edit distance at most a third of its length), if any. */
function nearest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const candidate of known) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** Durations that hold a real fraction of a nanosecond, which no Go duration can (a deliberate refusal). */
export function inexactDurationProblems(durations: ReadonlyArray<[string, Duration | undefined]>): Problem[] {
  return durations.filter(([, d]) => d !== undefined && !durationNanos(d).exact).map(([field, d]) =>
    problem(field, `${d!.toMilliseconds({ integral: false })}ms`, 'is not a whole number of nanoseconds',
      'Go durations count whole nanoseconds', ProblemKind.DELIBERATE));
}
