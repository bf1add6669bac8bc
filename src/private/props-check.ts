// Props and arguments as JavaScript callers may pass them: TypeScript's types
// are gone at run time, so each construct, method and factory checks what it
// is given against a small description of it before rendering. A wrong type,
// NaN or an unknown key becomes a props problem that names the prop or the
// argument, never a TypeError from deep inside the renderer.
import { Duration, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { durationNanos } from '../time/go-duration';
import { Problem, ProblemKind, problem, show } from '../validation/problem';

/** What a prop holds. Lists and maps name what their items hold. */
export type PropType =
  /**
   * `string` may be a token (Lazy), resolved in the manifest; `literal` is a
   * string the library computes with (a name it joins, a cron field, a key it
   * looks up), so no token can stand for it. `construct`: any construct (a
   * cdk8s-plus object of any version, an ApiObject, …); `object`: a JSON
   * object, such as a Kubernetes Container, judged in the written manifest.
   */
  | 'string' | 'literal' | 'boolean' | 'integer' | 'duration' | 'construct' | 'object' | 'json'
  | { readonly list: PropType }
  | { readonly map: PropType }
  | { readonly oneOf: readonly string[] }
  | { readonly struct: PropsShape }
  /**
   * An instance of one of the library's classes (a value type such as
   * LocationCredential); `suggest` may name the call that turns the wrong
   * value into one. A deep check adds the problems the value carries, unless
   * they are `reportedApart` by the construct that uses it (because they are
   * known only at synth, or must not stop the rendering).
   */
  | {
    readonly instanceOf: Function;
    readonly name: string;
    readonly suggest?: (value: unknown) => string | undefined;
    readonly reportedApart?: boolean;
  };

/** The props a construct takes, by name; `required` ones must be present. */
export interface PropsShape {
  readonly [name: string]: PropType | { readonly required: PropType };
}

/** The shape of each struct (Props/Options interface), by its name: what a test compares with the jsii assembly. */
export const STRUCT_SHAPES = new Map<string, PropsShape>();

/** Declares the run-time shape of the struct `name` (registered for that comparison), beside its interface. */
export function structShape(name: string, shape: PropsShape): PropsShape {
  STRUCT_SHAPES.set(name, shape);
  return shape;
}

/** A prop that takes a list of strings. */
export const STRINGS: PropType = { list: 'string' };

/** An argument of a method or factory: its name, the value passed, and what it takes. */
export type Argument = readonly [name: string, value: unknown, type: PropType | { readonly required: PropType }];

/**
 * Every problem of the arguments of one call, each named `call(name)`, such as
 * `excludeNamespaces(namespaces)`; with `deep`, also the problems each value
 * type carries (`_problems`), for values the caller keeps and reports later.
 */
export function argumentProblems(call: string, args: readonly Argument[], deep = false): Problem[] {
  return args.flatMap(([name, value, declared]) => {
    const field = `${call}(${name})`;
    if (value === undefined) {
      return typeof declared === 'object' && 'required' in declared ? [propsProblem(field, undefined, 'is missing', 'this argument is required')] : [];
    }
    return valueProblems(value, typeOf(declared), field, deep);
  });
}

/**
 * Problems of a factory's options argument: the argument itself named as the
 * call's (`BackupSchedule.cron(options) = null`), its fields by their names
 * (`weekday`), to be anchored where the value is used.
 */
export function optionsProblems(call: string, param: string, options: unknown, shape: PropsShape, required = false): Problem[] {
  if (options === undefined && !required) return [];
  if (options === undefined || options === null || typeof options !== 'object' || Array.isArray(options) || !isPlainObject(options)) {
    return argumentProblems(call, [[param, options, required ? { required: { struct: shape } } : { struct: shape }]]);
  }
  return propsProblems(options, shape, '', true);
}

/** Where a struct a factory returned keeps the problems of the factory's arguments (not a field: never written). */
const CARRIED = Symbol.for('cdk8s-kyma-backup.problems');

/**
 * `struct` (what a factory such as `WorkloadHooks.fsfreeze` returns), carrying
 * the problems of the factory's arguments to where it is used: a deep check
 * there reports them.
 */
export function carrying<T extends object>(struct: T, problems: readonly Problem[]): T {
  // Enumerable, so that a spread (`{ name, ...WorkloadHooks.fsfreeze(…) }`) keeps it; JSON and Object.entries skip symbols.
  if (problems.length > 0) Object.defineProperty(struct, CARRIED, { value: problems, enumerable: true });
  return struct;
}

/** Problems a value carries, with their fields anchored at `at`, where the value is used. */
export function anchored(problems: readonly Problem[], at: string): Problem[] {
  return problems.map(p => ({ ...p, field: p.field === '' ? at : /^[[(]/.test(p.field) ? `${at}${p.field}` : `${at}.${p.field}` }));
}

/** The props to build from: `props` where it is an object of props, else none (its type problem is reported instead). */
export function usableProps<T extends object>(props: T | null | undefined): T {
  return props !== null && typeof props === 'object' && !Array.isArray(props) && isPlainObject(props) ? props : {} as T;
}

/** An object literal (or one without a prototype), not an instance of a class. */
function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * The props to build from, without the ones of a wrong type (or unknown):
 * what a construct may read before its props are judged, never a TypeError.
 * Nothing is rendered while any prop is wrong, so nothing is lost.
 */
export function conformingProps<T extends object>(props: T | null | undefined, shape: PropsShape): T {
  const usable = usableProps(props);
  const kept = Object.entries(usable).filter(([key, value]) =>
    Object.prototype.hasOwnProperty.call(shape, key) && (value === undefined || valueProblems(value, typeOf(shape[key]), key).length === 0));
  return kept.length === Object.keys(usable).length ? usable : Object.fromEntries(kept) as T;
}

/** Every problem of `props` against `shape`, fields named from `at` (empty for the top level). */
export function propsProblems(props: unknown, shape: PropsShape, at = '', deep = false): Problem[] {
  if (props === undefined) return [];
  // An instance of a class (a value type of ours, say) is no props object: its own fields are not props.
  if (props === null || typeof props !== 'object' || Array.isArray(props) || !isPlainObject(props)) {
    return [propsProblem(at || 'props', props, `is ${kindOf(props)}`, 'an object of props')];
  }
  const problems: Problem[] = [];
  const field = (key: string) => at ? `${at}.${key}` : key;
  for (const [key, value] of Object.entries(props)) {
    // Own keys only: names every object inherits (constructor, toString) are no props.
    const declared = Object.prototype.hasOwnProperty.call(shape, key) ? shape[key] : undefined;
    if (declared === undefined) {
      const near = nearest(key, Object.keys(shape));
      problems.push(propsProblem(field(key), value, 'is not a prop of this construct, so it would be ignored',
        near ? `did you mean \`${near}\`?` : `the props are ${Object.keys(shape).join(', ')}`));
      continue;
    }
    if (value === undefined) continue;
    problems.push(...valueProblems(value, typeOf(declared), field(key), deep));
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

/**
 * Every problem of one value against its type; with `deep`, values of the
 * library's value types add the problems they carry (`_problems(field)`).
 */
export function valueProblems(value: unknown, type: PropType, field: string, deep = false): Problem[] {
  if (typeof type === 'string') {
    // A token stands for a value known only at synth; the written manifest is judged then.
    // Numbers and flags are computed with (a year, a count, whether to stagger): only strings may be tokens.
    if (value instanceof Lazy && type === 'string') return [];
    const expected = EXPECTED[type];
    return SCALARS[type](value) ? [] : [propsProblem(field, value, `is ${kindOf(value)}`, expected)];
  }
  if ('list' in type) {
    if (!Array.isArray(value)) {
      return [propsProblem(field, value, `is ${kindOf(value)}`, 'a list (an array)')];
    }
    return value.flatMap((item, i) => valueProblems(item, type.list, `${field}[${i}]`, deep));
  }
  if ('map' in type) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return [propsProblem(field, value, `is ${kindOf(value)}`, 'a map (an object of keys to values)')];
    }
    return Object.entries(value).flatMap(([k, item]) => k === '__proto__'
      // JavaScript reads the key as the object's prototype, so it would vanish from the manifest.
      ? [propsProblem(`${field}[${JSON.stringify(k)}]`, item, 'has the key __proto__, which no Kubernetes name allows and JavaScript would drop', 'keys that are names')]
      : valueProblems(item, type.map, `${field}[${JSON.stringify(k)}]`, deep));
  }
  if ('instanceOf' in type) {
    if (!(value instanceof type.instanceOf)) return [propsProblem(field, value, `is ${kindOf(value)}`, type.suggest?.(value) ?? `a ${type.name}`)];
    const carried = (value as { _problems?: (at: string) => Problem[] })._problems;
    return deep && !type.reportedApart && typeof carried === 'function' ? carried.call(value, field) : [];
  }
  if ('oneOf' in type) {
    return type.oneOf.includes(value as string) ? [] : [propsProblem(field, value, 'is not one of the accepted values',
      type.oneOf.map(v => JSON.stringify(v)).join(', '))];
  }
  const carried = deep && typeof value === 'object' && value !== null ? (value as { [CARRIED]?: Problem[] })[CARRIED] : undefined;
  return [...anchored(carried ?? [], field), ...structProblems(value, type.struct, field, deep)];
}

/** `propsProblems` for a struct inside a value, which must be there (undefined was handled by the caller). */
function structProblems(value: unknown, shape: PropsShape, field: string, deep: boolean): Problem[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !isPlainObject(value)) {
    return [propsProblem(field, value, `is ${kindOf(value)}`, 'an object of fields')];
  }
  return propsProblems(value, shape, field, deep);
}

const SCALARS: { [type: string]: (value: unknown) => boolean } = {
  string: v => typeof v === 'string',
  literal: v => typeof v === 'string',
  boolean: v => typeof v === 'boolean',
  integer: v => typeof v === 'number' && Number.isSafeInteger(v),
  duration: v => v instanceof Duration && Number.isFinite(v.toMilliseconds({ integral: false })),
  construct: v => Construct.isConstruct(v),
  object: v => v !== null && typeof v === 'object' && !Array.isArray(v),
  // Finer checks (NaN, cycles, class instances) are the caller's: see restore/json-patch.ts.
  json: v => ['string', 'number', 'boolean', 'object'].includes(typeof v),
};

const EXPECTED: { [type: string]: string } = {
  string: 'a string',
  literal: 'a plain string (the library computes with it, so no token can stand for it)',
  boolean: 'true or false',
  integer: 'a whole number',
  duration: 'a cdk8s Duration of a finite length, such as Duration.days(7)',
  construct: 'a construct of this app',
  object: 'an object',
  json: 'a JSON value (a string, number, boolean, null, object or list)',
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
  if (value instanceof Lazy) return 'a token (Lazy)';
  if (typeof value === 'object') {
    // An instance of a class says which: "a KymaBackupStorageLocation" reads better than "an object".
    const name = Object.getPrototypeOf(value)?.constructor?.name;
    return name && name !== 'Object' ? `a ${name}` : 'an object';
  }
  return `a ${typeof value} (${show(value)})`;
}

function propsProblem(field: string, value: unknown, wrong: string, accepted: string): Problem {
  // Durations and constructs print poorly as JSON; the message describes them instead.
  const shown = typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype
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
