import { anchored, argumentProblems } from '../private/props-check';
import { Problem, ProblemKind, problem } from '../validation/problem';
import { velerosValueQuoting } from '../validation/resource-modifiers';

/** A JSON Patch operation (RFC 6902), as a restore resource modifier applies it. */
export enum JsonPatchOperation {
  /** Add a value (or replace a member that exists). */
  ADD = 'add',
  /** Remove the value. */
  REMOVE = 'remove',
  /** Replace a value that exists. */
  REPLACE = 'replace',
  /** Test that the value equals; a failed test skips the rest of the rule's patch for that object. */
  TEST = 'test',
  /** Move the value at `from` to `path`. */
  MOVE = 'move',
  /** Copy the value at `from` to `path`. */
  COPY = 'copy',
}

/**
 * One JSON Patch operation of a resource modifier rule. Values are JSON
 * values (a string, number, boolean, null, object or list); the library
 * writes them in the string form Velero reads, quoting where Velero would
 * otherwise read a string as another type.
 *
 * @example JsonPatch.replace('/spec/replicas', 0)
 */
export class JsonPatch {
  /** Add `value` at `path`. */
  public static add(path: string, value: any): JsonPatch {
    return JsonPatch.checked('add', JsonPatchOperation.ADD, path, undefined, value, true);
  }

  /** Remove the value at `path`. */
  public static remove(path: string): JsonPatch {
    return JsonPatch.checked('remove', JsonPatchOperation.REMOVE, path);
  }

  /** Replace the value at `path` with `value`. */
  public static replace(path: string, value: any): JsonPatch {
    return JsonPatch.checked('replace', JsonPatchOperation.REPLACE, path, undefined, value, true);
  }

  /** Test that the value at `path` equals `value`. */
  public static test(path: string, value: any): JsonPatch {
    return JsonPatch.checked('test', JsonPatchOperation.TEST, path, undefined, value, true);
  }

  /** Move the value at `from` to `path`. */
  public static move(from: string, path: string): JsonPatch {
    return JsonPatch.checked('move', JsonPatchOperation.MOVE, path, from);
  }

  /** Copy the value at `from` to `path`. */
  public static copy(from: string, path: string): JsonPatch {
    return JsonPatch.checked('copy', JsonPatchOperation.COPY, path, from);
  }

  private static checked(factory: string, operation: JsonPatchOperation, path: unknown,
    from?: unknown, value?: unknown, takesValue = false): JsonPatch {
    const problems = argumentProblems(`JsonPatch.${factory}`, [
      ...(from !== undefined || operation === JsonPatchOperation.MOVE || operation === JsonPatchOperation.COPY
        ? [['from', from, { required: 'literal' }] as const] : []),
      ['path', path, { required: 'literal' }],
    ]);
    if (takesValue) problems.push(...jsonValueProblems(`JsonPatch.${factory}(value)`, value));
    return new JsonPatch(operation, problems.length > 0 ? '' : path as string, problems.length > 0 ? undefined : from as string | undefined,
      takesValue && problems.length === 0 ? velerosPatchValue(value) : undefined, problems);
  }

  private constructor(
    /** The operation. */
    public readonly operation: JsonPatchOperation,
    /** The JSON pointer the operation acts on. */
    public readonly path: string,
    /** For move and copy: the JSON pointer of the value moved or copied. */
    public readonly from: string | undefined,
    private readonly value: string | undefined,
    private readonly problems: readonly Problem[]) {
  }

  /** @internal The operation as Velero's resource modifiers write it. */
  public _toVelero(): Record<string, string> {
    return {
      operation: this.operation,
      ...(this.from !== undefined && { from: this.from }),
      path: this.path,
      ...(this.value !== undefined && { value: this.value }),
    };
  }

  /** @internal Problems of the factory's arguments, fields prefixed with `at`. */
  public _problems(at: string): Problem[] {
    return anchored(this.problems, at);
  }
}

/** Problems of a value that must be JSON: no undefined, functions, NaN or cycles. */
export function jsonValueProblems(field: string, value: unknown): Problem[] {
  const bad = nonJson(value, new Set());
  return bad === undefined ? [] : [problem(field, typeof value === 'object' && value !== null ? '(object)' : String(value),
    `is not a JSON value (${bad})`, 'a string, a finite number, a boolean, null, or an object or list of those', ProblemKind.PROPS)];
}

function nonJson(value: unknown, seen: Set<unknown>): string | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${value}`;
  if (value === undefined) return 'undefined';
  if (typeof value !== 'object') return `a ${typeof value}`;
  if (seen.has(value)) return 'a cycle';
  const prototype = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && prototype !== Object.prototype && prototype !== null) return 'an instance of a class';
  seen.add(value);
  for (const item of Array.isArray(value) ? value : Object.values(value as object)) {
    const bad = nonJson(item, seen);
    if (bad !== undefined) return bad;
  }
  seen.delete(value);
  return undefined;
}

/**
 * `value` in the string form Velero reads back as that very value: objects,
 * lists, numbers, booleans and null as JSON; a string as it is where Velero
 * quotes it unchanged, else as a JSON string in quotes.
 */
export function velerosPatchValue(value: unknown): string {
  if (typeof value !== 'string') return JSON.stringify(value);
  const asIs = velerosValueQuoting(value);
  return asIs.quoted && asIs.text === value && JSON.stringify(value) === `"${value}"` ? value : JSON.stringify(value);
}
