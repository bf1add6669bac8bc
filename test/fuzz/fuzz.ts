// The engine of the jsii fuzz test: the cases of each entry point (every
// parameter and struct field, recursively), how a case is built and run, and
// the oracle that judges it. The tables it reads are in examples.ts.
import { App, Chart, Lazy } from 'cdk8s';
import { Assembly, EntryPoint, Parameter, TypeRef, entryLabel, short, typeName } from './assembly';
import {
  COMPLETERS, CONSUMERS, Ctx, Example, Make, NO_CHANGE, NO_TOKENS, OVERRIDES, Override, RECEIVERS, STRUCT_BASE, TYPE_EXAMPLES, UNREPORTABLE,
} from './examples';
import * as lib from '../../src';

/**
 * Whether `null` counts as "not given" where a value is optional. jsii's
 * other languages pass None/nil as undefined, but from JavaScript the library
 * reports a `null` prop as a wrong type; the oracle follows the library.
 */
const NULL_IS_UNDEFINED = false;

/** Whether a problem of an instance method's argument must name the method too (`excludeNamespaces(namespaces) = …`). */
const INSTANCE_METHODS_NAME_THE_METHOD = true;

// ---------------------------------------------------------------------------
// Targets: where a value goes.

export type Segment =
  | { readonly kind: 'param'; readonly index: number; readonly name: string }
  | { readonly kind: 'field'; readonly name: string }
  | { readonly kind: 'item'; readonly collection: 'array' | 'map' };

export interface Target {
  readonly path: readonly Segment[];
  readonly type: TypeRef;
  readonly optional: boolean;
  /** The key of OVERRIDES and NO_CHANGE: `Class.method.param`, `Struct.field`, with `[]` for items. */
  readonly key: string;
  /** The name a problem must carry: the parameter's or the field's (an item's: its collection's). */
  readonly leaf: string;
}

export function pathLabel(path: readonly Segment[]): string {
  return path.map((s, i) => s.kind === 'param' ? s.name : s.kind === 'field' ? `${i > 0 ? '.' : ''}${s.name}` : s.collection === 'array' ? '[0]' : '["fuzz-key"]').join('');
}

export class Fuzz {
  constructor(public readonly assembly: Assembly) {}

  /** Every parameter and struct field of an entry point, recursively (fields of structs, items of collections). */
  public targets(ep: EntryPoint): Target[] {
    const out: Target[] = [];
    const walk = (path: Segment[], type: TypeRef, optional: boolean, key: string, leaf: string, depth: number) => {
      out.push({ path, type, optional, key, leaf });
      if (depth > 6) return;
      if (this.assembly.isStruct(type)) {
        for (const f of this.assembly.fields(type.fqn!)) {
          walk([...path, { kind: 'field', name: f.name }], f.type, f.optional, `${short(f.declaredIn)}.${f.name}`, f.name, depth + 1);
        }
      } else if (type.collection) {
        walk([...path, { kind: 'item', collection: type.collection.kind }], type.collection.elementtype, false, `${key}[]`, leaf, depth + 1);
      }
    };
    ep.params.forEach((p, index) => {
      // A variadic parameter's type is its items' type: the case passes one item.
      walk([{ kind: 'param', index, name: p.name }], p.type, (p.optional ?? false) && !p.variadic, paramKey(ep, p), p.name, 0);
    });
    return out;
  }

  // -------------------------------------------------------------------------
  // Examples.

  public override(key: string): Override | undefined {
    return OVERRIDES[key] ?? OVERRIDES[`*.${key.split('.').pop()}`];
  }

  /** The table entry of a type that is neither a struct nor a collection. */
  public typeExample(type: TypeRef): Example | undefined {
    return TYPE_EXAMPLES[type.primitive ?? type.fqn ?? typeName(type)];
  }

  /** The base value (`which` = 'base') or an alternative (its index) at `key`. */
  public example(key: string, type: TypeRef, ctx: Ctx, which: 'base' | number): unknown {
    const o = this.override(key);
    if (which === 'base' && o?.base) return o.base(ctx);
    if (which !== 'base' && o?.alts) return o.alts[which](ctx);
    if (this.assembly.isStruct(type)) return this.minimalStruct(type.fqn!, ctx);
    if (type.collection) {
      const item = this.example(`${key}[]`, type.collection.elementtype, ctx, which);
      return type.collection.kind === 'array' ? [item] : { 'fuzz-key': item };
    }
    const e = this.typeExample(type);
    if (!e) throw new Error(`no example for type ${typeName(type)} (${key}): add one to TYPE_EXAMPLES in test/fuzz/examples.ts`);
    return which === 'base' ? e.base(ctx) : e.alts[which](ctx);
  }

  /**
   * How many alternatives a target is compared with: none for an item (its
   * collection is compared), a struct (its fields are), a required list of
   * structs (its items' fields are), or a NO_CHANGE entry.
   */
  public comparisons(ep: EntryPoint, target: Target): number {
    const last = target.path[target.path.length - 1];
    if (last.kind === 'item' || this.noChange(ep, target) !== undefined) return 0;
    const item = target.type.collection?.elementtype;
    if (!target.optional && item && this.assembly.isStruct(item)) return 0;
    return this.altCount(target.key, target.type);
  }

  /** The NO_CHANGE reason of a target, by its key or by entry point and path. */
  public noChange(ep: EntryPoint, target: Target): string | undefined {
    return NO_CHANGE[`${entryLabel(ep)} ${pathLabel(target.path)}`] ?? this.matchKey(NO_CHANGE, target.key);
  }

  /** How many alternatives there are at `key`. */
  public altCount(key: string, type: TypeRef): number {
    const o = this.override(key);
    if (o?.alts) return o.alts.length;
    if (this.assembly.isStruct(type)) return 0;
    if (type.collection) {
      const item = type.collection.elementtype;
      return this.assembly.isStruct(item) ? 1 : this.altCount(`${key}[]`, item);
    }
    return this.typeExample(type)?.alts.length ?? 0;
  }

  /** A struct's required fields from their examples, plus STRUCT_BASE. */
  public minimalStruct(fqn: string, ctx: Ctx): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const f of this.assembly.fields(fqn)) {
      if (!f.optional) out[f.name] = this.example(`${short(f.declaredIn)}.${f.name}`, f.type, ctx, 'base');
    }
    const extra = STRUCT_BASE[short(fqn)];
    return extra ? { ...out, ...(extra(ctx) as object) } : out;
  }

  // -------------------------------------------------------------------------
  // Building a call.

  /** The value of a parameter with `leaf` put at `rest` of the path. */
  private valueAt(type: TypeRef, key: string, rest: readonly Segment[], leaf: Make | typeof UNSET, ctx: Ctx): unknown {
    if (rest.length === 0) return leaf === UNSET ? undefined : leaf(ctx);
    const seg = rest[0];
    if (seg.kind === 'field') {
      const obj = this.minimalStruct(type.fqn!, ctx);
      const f = this.assembly.fields(type.fqn!).find(x => x.name === seg.name)!;
      const fieldKey = `${short(f.declaredIn)}.${f.name}`;
      for (const [name, make] of Object.entries(this.override(fieldKey)?.companions ?? {})) obj[name] = make(ctx);
      if (rest.length === 1 && leaf === UNSET) {
        delete obj[f.name];
      } else {
        obj[f.name] = this.valueAt(f.type, fieldKey, rest.slice(1), leaf, ctx);
      }
      return obj;
    }
    const item = this.valueAt(type.collection!.elementtype, `${key}[]`, rest.slice(1), leaf, ctx);
    return seg.kind === 'item' && seg.collection === 'array' ? [item] : { 'fuzz-key': item };
  }

  /** The arguments: the base of each required parameter, optional ones left out, `leaf` at the target. */
  public args(ep: EntryPoint, ctx: Ctx, target?: Target, leaf?: Make | typeof UNSET): unknown[] {
    const args: unknown[] = [];
    ep.params.forEach((p, i) => {
      const first = target?.path[0];
      if (target && first?.kind === 'param' && first.index === i) {
        args.push(this.valueAt(p.type, paramKey(ep, p), target.path.slice(1), leaf!, ctx));
      } else if (p.variadic && this.override(paramKey(ep, p))?.base) {
        // A variadic parameter that needs a value (OVERRIDES gives its base): one item.
        args.push(this.example(paramKey(ep, p), p.type, ctx, 'base'));
      } else if (p.optional || p.variadic) {
        args.push(OMIT);
      } else {
        args.push(this.example(paramKey(ep, p), p.type, ctx, 'base'));
      }
    });
    while (args.length > 0 && args[args.length - 1] === OMIT) args.pop();
    return args.map(a => a === OMIT ? undefined : a);
  }

  // -------------------------------------------------------------------------
  // Running a call.

  public async run(ep: EntryPoint, target?: Target, leaf?: Make | typeof UNSET, touch?: (ctx: Ctx) => void): Promise<Outcome> {
    const app = new App();
    const chart = new Chart(app, 'C');
    const pools = new Map<string, unknown>();
    const records: string[] = [];
    const ctx: Ctx = {
      app,
      chart,
      pool: <T>(key: string, make: () => T): T => {
        if (!pools.has(key)) pools.set(key, make());
        return pools.get(key) as T;
      },
      record: (label, value) => records.push(`${label}: ${stringify(value)}`),
    };
    try {
      touch?.(ctx);
      const args = this.args(ep, ctx, target, leaf);
      let result: unknown;
      const Cls = (lib as any)[ep.cls.name];
      if (ep.kind === 'constructor') {
        result = new Cls(...args);
      } else if (ep.kind === 'static') {
        result = Cls[ep.name](...args);
      } else {
        const receiver = RECEIVERS[ep.cls.fqn]!(ctx) as any;
        result = receiver[ep.name](...args);
      }
      if (ep.async) result = await result;
      await this.use(ep, ctx, result);
    } catch (error) {
      return { error, phase: 'build', records: records.join('\n') };
    }
    try {
      const yaml = app.synthYaml();
      return { yaml: normalize(yaml), records: records.join('\n') };
    } catch (error) {
      if (isValidationError(error)) return { invalid: (error as Error).message, records: records.join('\n') };
      return { error, phase: 'synth', records: records.join('\n') };
    }
  }

  /** Puts what the entry point returned into the output. */
  private async use(ep: EntryPoint, ctx: Ctx, result: unknown): Promise<void> {
    const t = ep.returns;
    if (!t) return;
    if (t.fqn && this.assembly.isConstruct(t.fqn)) {
      COMPLETERS[t.fqn]?.(result);
      return;
    }
    ctx.record('returned', result);
    const fqn = t.fqn ?? t.collection?.elementtype.fqn;
    const consumer = fqn ? CONSUMERS[fqn] : undefined;
    if (typeof consumer === 'function') await consumer(ctx, result);
  }

  // -------------------------------------------------------------------------
  // The oracle.

  /**
   * Whether `value` is of the jsii type (the table of validity); `key` finds
   * an OVERRIDES entry whose `valid` narrows a type jsii states too loosely.
   */
  public isValid(value: unknown, type: TypeRef, optional: boolean, key?: string): boolean {
    const narrowed = key !== undefined ? this.override(key)?.valid : undefined;
    if (narrowed && !narrowed(value)) return false;
    if (type.primitive === 'any') return true;
    if (value === undefined) return optional;
    if (value === null) return NULL_IS_UNDEFINED && optional;
    if (value instanceof Lazy) return type.primitive === 'string';
    switch (type.primitive) {
      case 'string': return typeof value === 'string';
      case 'number': return typeof value === 'number' && Number.isFinite(value);
      case 'boolean': return typeof value === 'boolean';
      case 'date': return value instanceof Date && !Number.isNaN(value.getTime());
      case 'json': return isPlainObject(value);
    }
    if (type.collection) {
      const item = type.collection.elementtype;
      const itemKey = key !== undefined ? `${key}[]` : undefined;
      if (type.collection.kind === 'array') return Array.isArray(value) && value.every(x => this.isValid(x, item, false, itemKey));
      return isPlainObject(value) && Object.values(value as object).every(x => this.isValid(x, item, false, itemKey));
    }
    const fqn = type.fqn!;
    if (this.assembly.isStruct(type)) {
      if (!isPlainObject(value)) return false;
      const fields = this.assembly.fields(fqn);
      const record = value as Record<string, unknown>;
      return Object.keys(record).every(k => fields.some(f => f.name === k))
        && fields.every(f => this.isValid(record[f.name], f.type, f.optional, `${short(f.declaredIn)}.${f.name}`));
    }
    if (this.assembly.isEnum(type)) return Object.values((lib as any)[short(fqn)]).includes(value);
    const e = TYPE_EXAMPLES[fqn];
    if (e?.is) return e.is(value);
    const Cls = (lib as any)[short(fqn)];
    return typeof Cls === 'function' && value instanceof Cls;
  }

  /** The hostile values for a target: label and value. */
  public hostile(target: Target): Hostile[] {
    const t = target.type;
    const values: Hostile[] = [
      { label: 'undefined', make: UNSET, leaf: target.leaf },
      { label: 'null', make: () => null, leaf: target.leaf },
      { label: 'NaN', make: () => NaN, leaf: target.leaf },
      { label: '7', make: () => 7, leaf: target.leaf },
      { label: '"x"', make: () => 'x', leaf: target.leaf },
      { label: 'true', make: () => true, leaf: target.leaf },
      { label: '[]', make: () => [], leaf: target.leaf },
      { label: '["x"]', make: () => ['x'], leaf: target.leaf },
      { label: '{}', make: () => ({}), leaf: target.leaf },
    ];
    if (this.assembly.isStruct(t)) {
      values.push({ label: '{…, fuzzUnknownKey}', make: ctx => ({ ...this.minimalStruct(t.fqn!, ctx), fuzzUnknownKey: 'x' }), leaf: 'fuzzUnknownKey' });
    }
    if (t.fqn === 'cdk8s-kyma-backup.LocationCredential') {
      values.push({ label: 'a BackupNamespaces', make: () => lib.BackupNamespaces.named('fuzz'), leaf: target.leaf });
    } else {
      values.push({ label: 'a LocationCredential', make: () => lib.LocationCredential.fromSecretName('fuzz-secret', 'cloud'), leaf: target.leaf });
    }
    if (t.primitive === 'string') values.push({ label: 'Lazy', make: () => Lazy.any({ produce: () => 'x' }), leaf: target.leaf });
    return values;
  }

  /** The names a problem of this target must carry, in the field part of one line. */
  public names(ep: EntryPoint, leaf: string): string[] {
    return INSTANCE_METHODS_NAME_THE_METHOD && ep.kind === 'method' ? [ep.name, leaf] : [leaf];
  }

  /** Runs one hostile value; a failure, or undefined when the library answered well. */
  public async hostileCase(ep: EntryPoint, target: Target, h: Hostile): Promise<Failure | undefined> {
    const probe: Ctx = probeCtx();
    let value: unknown;
    try {
      value = h.make === UNSET ? undefined : h.make(probe);
    } catch {
      value = '(unbuildable)';
    }
    const valid = this.isValid(value, target.type, target.optional, target.key) && !(value instanceof Lazy && this.matchKey(NO_TOKENS, target.key));
    const out = await this.run(ep, target, h.make);
    const fail = (kind: FailureKind, detail: string): Failure => ({ ep: entryLabel(ep), path: pathLabel(target.path), kind, value: h.label, detail });
    const names = this.names(ep, h.leaf);
    // A struct given wrong may be named by the required field it lacks (`plan = undefined: is missing`).
    const alternatives = this.assembly.isStruct(target.type) && h.leaf === target.leaf
      ? this.assembly.fields(target.type.fqn!).filter(f => !f.optional).map(f => this.names(ep, f.name))
      : [];
    const named = (line: string) => [names, ...alternatives].some(n => namesIn(line, n));
    if (out.error !== undefined) {
      const unreportable = this.matchKey(UNREPORTABLE, target.key);
      if (unreportable && out.phase === 'build' && isPlainError(out.error) && names.every(n => hasToken((out.error as Error).message, n))) return undefined;
      return fail('raw exception', `${out.phase}: ${errorLine(out.error)}`);
    }
    if (valid) {
      const refused = out.invalid?.split('\n').slice(1).find(line => namesIn(line, names) && TYPE_COMPLAINT.test(line));
      return refused ? fail('valid value refused as a wrong type', refused.trim()) : undefined;
    }
    if (out.invalid !== undefined) {
      return out.invalid.split('\n').slice(1).some(named)
        ? undefined
        : fail('problem does not name the argument', `wants ${names.join(' + ')}; got ${firstProblem(out.invalid)}`);
    }
    // Data an entry point returns may carry the problem instead (VeleroValidation's static methods).
    if (this.returnsData(ep) && names.every(n => hasToken(out.records, n))) return undefined;
    return fail('wrong type not reported', 'synth succeeded');
  }

  private returnsData(ep: EntryPoint): boolean {
    return ep.returns !== undefined && !(ep.returns.fqn && this.assembly.isConstruct(ep.returns.fqn));
  }

  public matchKey<T>(table: { readonly [key: string]: T }, key: string): T | undefined {
    return table[key] ?? table[`*.${key.split('.').pop()}`];
  }

  /** Compares the output with each alternative against the base; a failure, or undefined when one changed it. */
  public async altCase(ep: EntryPoint, target: Target): Promise<{ failure?: Failure; runs: number }> {
    const n = this.comparisons(ep, target);
    const touch = (ctx: Ctx) => {
      // Every example's constructs exist in every run of the comparison.
      try {
        this.example(target.key, target.type, ctx, 'base');
        for (let i = 0; i < n; i++) this.example(target.key, target.type, ctx, i);
      } catch { /* an example that cannot be built shows in the runs */ }
    };
    const fail = (kind: FailureKind, value: string, detail: string): Failure =>
      ({ ep: entryLabel(ep), path: pathLabel(target.path), kind, value, detail });
    // Left out where optional, unless it needs companions (then the base value, with them).
    const baseLeaf: Make | typeof UNSET = target.optional && !this.override(target.key)?.companions ? UNSET : ctx => this.example(target.key, target.type, ctx, 'base');
    const base = await this.run(ep, target, baseLeaf, touch);
    if (base.yaml === undefined) return { runs: 1, failure: fail('baseline does not synth', target.optional ? '(left out)' : 'base', describe(base)) };
    const refused: string[] = [];
    for (let i = 0; i < n; i++) {
      const alt = await this.run(ep, target, ctx => this.example(target.key, target.type, ctx, i), touch);
      if (alt.yaml === undefined) {
        refused.push(`alternative ${i}: ${describe(alt)}`);
      } else if (alt.yaml !== base.yaml || alt.records !== base.records) {
        return { runs: i + 2 };
      }
    }
    if (refused.length === n) return { runs: n + 1, failure: fail('valid alternative refused', `${n} alternative(s)`, refused[0]) };
    return { runs: n + 1, failure: fail('alternative did not change output', `${n} alternative(s)`, 'same YAML and returned data as the base') };
  }
}

/** A hostile value: how the summary shows it, how it is made, and the name its problem must carry. */
export interface Hostile {
  readonly label: string;
  readonly make: Make | typeof UNSET;
  readonly leaf: string;
}

export type FailureKind =
  | 'raw exception'
  | 'wrong type not reported'
  | 'problem does not name the argument'
  | 'valid value refused as a wrong type'
  | 'alternative did not change output'
  | 'valid alternative refused'
  | 'baseline does not synth';

export interface Failure {
  readonly ep: string;
  readonly path: string;
  readonly kind: FailureKind;
  readonly value: string;
  readonly detail: string;
}

export interface Outcome {
  readonly yaml?: string;
  /** cdk8s's validation error. */
  readonly invalid?: string;
  /** Anything else thrown. */
  readonly error?: unknown;
  readonly phase?: 'build' | 'synth';
  readonly records: string;
}

export const UNSET = Symbol('unset');
const OMIT = Symbol('omit');

export function paramKey(ep: EntryPoint, p: Parameter): string {
  return `${ep.cls.name}.${ep.name}.${p.name}`;
}

/**
 * A problem line that says a value is of the wrong type (a props error), rather
 * than refusing a value of the right type. "is a token" is not one: the library
 * refuses tokens on purpose where it computes with a string.
 */
const TYPE_COMPLAINT = /: is (a (?!token)|an |null|undefined|NaN|not one of the accepted values|not a prop|missing).*\(props error\)$/;

function probeCtx(): Ctx {
  const app = new App();
  const chart = new Chart(app, 'Probe');
  const pools = new Map<string, unknown>();
  return {
    app,
    chart,
    pool: <T>(key: string, make: () => T): T => {
      if (!pools.has(key)) pools.set(key, make());
      return pools.get(key) as T;
    },
    record: () => undefined,
  };
}

function isValidationError(e: unknown): boolean {
  return e instanceof Error && e.message.startsWith('Validation failed with the following errors:');
}

/** A plain `Error`, not a TypeError, RangeError … from deep inside. */
function isPlainError(e: unknown): boolean {
  return e instanceof Error && e.constructor === Error;
}

function errorLine(e: unknown): string {
  if (e instanceof Error) return `${e.constructor.name}: ${e.message.split('\n')[0]}`.slice(0, 200);
  return `thrown ${stringify(e)}`.slice(0, 200);
}

function firstProblem(message: string): string {
  return (message.split('\n')[1] ?? message).trim().slice(0, 200);
}

function describe(o: Outcome): string {
  if (o.error !== undefined) return `raw ${o.phase}: ${errorLine(o.error)}`;
  return firstProblem(o.invalid ?? '');
}

/** Whether the field part of a problem line (`[path] field = value: message`) names every one of `names`. */
export function namesIn(line: string, names: readonly string[]): boolean {
  const body = line.trim().replace(/^\[[^\]]*\]\s*/, '');
  const eq = body.indexOf(' = ');
  const field = eq >= 0 ? body.slice(0, eq) : body;
  return names.every(n => hasToken(field, n));
}

function hasToken(text: string, name: string): boolean {
  return new RegExp(`(^|[^A-Za-z0-9_])${name.replace(/[$]/g, '\\$')}([^A-Za-z0-9_]|$)`).test(text);
}

function isPlainObject(x: unknown): boolean {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/** YAML documents in a stable order (examples may be built in another order between two runs). */
function normalize(yaml: string): string {
  return yaml.split(/^---\n/m).map(d => d.trim()).filter(d => d.length > 0).sort().join('\n---\n');
}

function stringify(value: unknown): string {
  const seen = new WeakSet<object>();
  try {
    return JSON.stringify(value, (_k, x) => {
      if (typeof x === 'function') return undefined;
      if (typeof x === 'object' && x !== null) {
        if (typeof (x as any).node === 'object' && (x as any).node?.path !== undefined) return `<construct ${(x as any).node.path}>`;
        if (seen.has(x)) return '<cycle>';
        seen.add(x);
      }
      return x;
    }) ?? String(value);
  } catch {
    return String(value);
  }
}
