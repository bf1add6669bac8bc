// Runs the fuzz cases of a set of entry points and prints the failures, one
// line per entry point, argument and kind of failure.
import * as fs from 'fs';
import * as path from 'path';
import { Assembly, EntryPoint, entryLabel, typeName } from './assembly';
import { CONSUMERS, NO_CHANGE, NO_TOKENS, OVERRIDES, RECEIVERS, STRUCT_BASE, TYPE_EXAMPLES, UNREPORTABLE } from './examples';
import { Failure, Fuzz, pathLabel } from './fuzz';

export const assembly = Assembly.load();
export const fuzz = new Fuzz(assembly);

/** How many cases an entry point has: a plain call, its hostile values and its comparisons. */
export function caseCount(ep: EntryPoint): number {
  let n = 1;
  for (const t of fuzz.targets(ep)) {
    n += fuzz.hostile(t).length;
    const alts = fuzz.comparisons(ep, t);
    if (alts > 0) n += 1 + alts;
  }
  return n;
}

/** Milliseconds per entry point, for finding the slow ones. */
export const timings: string[] = [];

/** Runs every case of the entry points; the failures, and how many calls were made. */
export async function runEntryPoints(eps: EntryPoint[]): Promise<{ failures: Failure[]; calls: number }> {
  const failures: Failure[] = [];
  let calls = 0;
  for (const ep of eps) {
    const started = Date.now();
    // The plain call: base arguments only.
    calls++;
    const plain = await fuzz.run(ep);
    if (plain.yaml === undefined) {
      failures.push({
        ep: entryLabel(ep),
        path: '(all base)',
        kind: 'baseline does not synth',
        value: '-',
        detail: plain.error !== undefined ? `raw ${plain.phase}: ${String((plain.error as Error)?.message ?? plain.error).split('\n')[0]}` : (plain.invalid ?? '').split('\n')[1]?.trim() ?? '',
      });
      continue;
    }
    for (const target of fuzz.targets(ep)) {
      for (const h of fuzz.hostile(target)) {
        calls++;
        const f = await fuzz.hostileCase(ep, target, h);
        if (f) failures.push(f);
      }
      if (fuzz.comparisons(ep, target) === 0) continue;
      const { failure, runs } = await fuzz.altCase(ep, target);
      calls += runs;
      if (failure) failures.push(failure);
    }
    timings.push(`${Date.now() - started} ms ${entryLabel(ep)}`);
  }
  return { failures, calls };
}

/** The failures grouped by entry point, argument and kind: one line each, with the values and one example. */
export function summary(title: string, failures: Failure[]): { text: string; groups: string[] } {
  const groups = new Map<string, Failure[]>();
  for (const f of failures) {
    const key = `${f.kind}\u0000${f.ep}\u0000${f.path}`;
    groups.set(key, [...groups.get(key) ?? [], f]);
  }
  const byKind = new Map<string, string[]>();
  for (const [key, fs_] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const [kind, ep, p] = key.split('\u0000');
    const values = fs_.map(f => f.value).join(', ');
    byKind.set(kind, [...byKind.get(kind) ?? [], `  ${ep} ${p} <- ${values}: ${fs_[0].detail}`]);
  }
  const lines = [`${title}: ${failures.length} failing cases in ${groups.size} groups`];
  for (const [kind, ls] of byKind) lines.push(`${kind} (${ls.length}):`, ...ls);
  return { text: lines.join('\n'), groups: [...groups.keys()].map(key => key.split('\u0000').join(': ')) };
}

/** Writes the summary where people (and the lead) can read it after the run. */
export function writeSummary(name: string, text: string): void {
  const dir = path.join(__dirname, '..', '..', 'test-reports');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${name}.txt`), `${text}\n`);
}

/** What the tables lack: a type without an example, a class without a receiver, a returned type without a consumer. */
export function missingFromTables(): string[] {
  const missing = new Set<string>();
  const visitType = (t: ReturnType<typeof fuzz.targets>[number]['type'], where: string) => {
    if (assembly.isStruct(t) || t.collection) return;
    if (!fuzz.typeExample(t)) missing.add(`TYPE_EXAMPLES has no example for ${typeName(t)} (first seen at ${where})`);
  };
  for (const ep of assembly.entryPoints()) {
    for (const t of fuzz.targets(ep)) visitType(t.type, `${entryLabel(ep)} ${t.key}`);
    if (ep.kind === 'method' && !RECEIVERS[ep.cls.fqn]) missing.add(`RECEIVERS has no receiver for ${ep.cls.fqn} (for ${entryLabel(ep)})`);
    const r = ep.returns;
    const fqn = r?.fqn ?? r?.collection?.elementtype.fqn;
    if (fqn && fqn in assembly.types && !assembly.isConstruct(fqn) && assembly.types[fqn].kind !== 'enum' && !CONSUMERS[fqn]) {
      missing.add(`CONSUMERS has no consumer for ${fqn} (returned by ${entryLabel(ep)})`);
    }
  }
  // Every key of the per-place tables must still name a place (a renamed field would leave its entry behind).
  const places = new Set<string>();
  for (const ep of assembly.entryPoints()) {
    for (const t of fuzz.targets(ep)) {
      places.add(t.key).add(`*.${t.key.split('.').pop()}`).add(`${entryLabel(ep)} ${pathLabel(t.path)}`);
    }
  }
  for (const [name, table] of Object.entries({ OVERRIDES, NO_CHANGE, NO_TOKENS, UNREPORTABLE })) {
    for (const key of Object.keys(table)) if (!places.has(key)) missing.add(`${name} has ${key}, which names no parameter or field of .jsii`);
  }
  for (const struct of Object.keys(STRUCT_BASE)) {
    if (!assembly.isStruct({ fqn: `cdk8s-kyma-backup.${struct}` })) missing.add(`STRUCT_BASE has ${struct}, which is no struct of .jsii`);
  }
  // Every class and interface example must name a type that still exists.
  for (const key of Object.keys(TYPE_EXAMPLES)) {
    if (key.startsWith('cdk8s-kyma-backup.') && !(key in assembly.types)) missing.add(`TYPE_EXAMPLES names ${key}, which .jsii no longer has`);
  }
  return [...missing].sort();
}
