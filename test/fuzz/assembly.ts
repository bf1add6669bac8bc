// The public API as jsii publishes it: entry points and the types of their
// parameters and struct fields, read from the assembly (.jsii) that
// `npx projen compile` writes. The fuzz test calls the TypeScript source
// (../../src) with these signatures.
import * as fs from 'fs';
import * as path from 'path';

export const PACKAGE = 'cdk8s-kyma-backup';

export interface TypeRef {
  readonly primitive?: string;
  readonly fqn?: string;
  readonly collection?: { readonly kind: 'array' | 'map'; readonly elementtype: TypeRef };
  readonly union?: { readonly types: TypeRef[] };
}

export interface Parameter {
  readonly name: string;
  readonly type: TypeRef;
  readonly optional?: boolean;
  readonly variadic?: boolean;
}

interface JsiiCallable {
  readonly name?: string;
  readonly parameters?: Parameter[];
  readonly returns?: { readonly type: TypeRef; readonly optional?: boolean };
  readonly static?: boolean;
  readonly protected?: boolean;
  readonly async?: boolean;
}

export interface JsiiType {
  readonly fqn: string;
  readonly kind: 'class' | 'interface' | 'enum';
  readonly name: string;
  readonly abstract?: boolean;
  readonly base?: string;
  readonly datatype?: boolean;
  readonly interfaces?: string[];
  readonly initializer?: JsiiCallable;
  readonly methods?: JsiiCallable[];
  readonly properties?: Array<{ readonly name: string; readonly type: TypeRef; readonly optional?: boolean; readonly static?: boolean }>;
  readonly members?: Array<{ readonly name: string }>;
}

/** One public constructor, static factory or method. */
export interface EntryPoint {
  /** The class that declares it. */
  readonly cls: JsiiType;
  readonly kind: 'constructor' | 'static' | 'method';
  /** The method's name; `new` for a constructor. */
  readonly name: string;
  readonly params: Parameter[];
  readonly returns?: TypeRef;
  readonly async: boolean;
}

export interface Field {
  readonly name: string;
  readonly type: TypeRef;
  readonly optional: boolean;
  /** The struct that declares the field (for the examples' per-field keys). */
  readonly declaredIn: string;
}

export class Assembly {
  public static load(): Assembly {
    const file = path.join(__dirname, '..', '..', '.jsii');
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npx projen compile\` first`);
    return new Assembly(JSON.parse(fs.readFileSync(file, 'utf8')).types);
  }

  private constructor(public readonly types: { readonly [fqn: string]: JsiiType }) {}

  /** The public classes, without the generated velero.* submodule. */
  public classes(): JsiiType[] {
    return Object.values(this.types)
      .filter(t => t.kind === 'class' && t.fqn.split('.').length === 2)
      .sort((a, b) => a.fqn.localeCompare(b.fqn));
  }

  /** Every public constructor, static factory and method of the public classes. */
  public entryPoints(): EntryPoint[] {
    const found: EntryPoint[] = [];
    for (const cls of this.classes()) {
      const init = cls.initializer;
      if (init && !init.protected && !cls.abstract) {
        found.push({ cls, kind: 'constructor', name: 'new', params: init.parameters ?? [], returns: { fqn: cls.fqn }, async: false });
      }
      for (const m of cls.methods ?? []) {
        if (m.protected) continue;
        found.push({
          cls,
          kind: m.static ? 'static' : 'method',
          name: m.name!,
          params: m.parameters ?? [],
          returns: m.returns?.type,
          async: m.async ?? false,
        });
      }
    }
    return found;
  }

  public isStruct(t: TypeRef): boolean {
    return t.fqn !== undefined && this.types[t.fqn]?.datatype === true;
  }

  public isEnum(t: TypeRef): boolean {
    return t.fqn !== undefined && this.types[t.fqn]?.kind === 'enum';
  }

  /** Whether the class is a construct (its base chain reaches constructs.Construct). */
  public isConstruct(fqn: string): boolean {
    let t: JsiiType | undefined = this.types[fqn];
    while (t) {
      if (t.base === 'constructs.Construct') return true;
      t = t.base ? this.types[t.base] : undefined;
    }
    return false;
  }

  /** A struct's fields, inherited ones included, required ones first. */
  public fields(fqn: string): Field[] {
    const seen = new Set<string>();
    const out: Field[] = [];
    const visit = (structFqn: string) => {
      const t = this.types[structFqn];
      if (!t) return;
      for (const p of t.properties ?? []) {
        if (seen.has(p.name)) continue;
        seen.add(p.name);
        out.push({ name: p.name, type: p.type, optional: p.optional ?? false, declaredIn: structFqn });
      }
      for (const parent of t.interfaces ?? []) visit(parent);
    };
    visit(fqn);
    return out.sort((a, b) => Number(a.optional) - Number(b.optional));
  }
}

/** `string`, `cdk8s.Duration`, `array<cdk8s-kyma-backup.ExecHook>` …, short names for the package's own types. */
export function typeName(t: TypeRef): string {
  if (t.primitive) return t.primitive;
  if (t.fqn) return short(t.fqn);
  if (t.collection) return `${t.collection.kind}<${typeName(t.collection.elementtype)}>`;
  if (t.union) return t.union.types.map(typeName).join(' | ');
  return JSON.stringify(t);
}

export function short(fqn: string): string {
  return fqn.startsWith(`${PACKAGE}.`) ? fqn.slice(PACKAGE.length + 1) : fqn;
}

/** How an entry point reads in the summary: `new KymaSystemBackup`, `BackupSchedule.cron`, `KymaBackupPlan#addRule`. */
export function entryLabel(ep: EntryPoint): string {
  if (ep.kind === 'constructor') return `new ${ep.cls.name}`;
  return `${ep.cls.name}${ep.kind === 'static' ? '.' : '#'}${ep.name}`;
}
