import { anchored, argumentProblems } from '../private/props-check';
import { dns1123LabelError } from '../validation/kube-names';
import { Problem, ProblemKind, problem } from '../validation/problem';

/**
 * Namespaces restored under another name: backed-up name to new name
 * (Velero `namespaceMapping`). Checked both ways: each new name is a valid
 * namespace name, and no two namespaces are restored into one.
 *
 * @example NamespaceMapping.of({ shop: 'shop-restored' }).map('billing', 'billing-restored')
 */
export class NamespaceMapping {
  /** A mapping of backed-up namespaces to new names. */
  public static of(mapping: { [namespace: string]: string }): NamespaceMapping {
    const problems = argumentProblems('NamespaceMapping.of', [['mapping', mapping, { required: { map: 'literal' } }]]);
    return new NamespaceMapping(problems.length > 0 ? {} : { ...mapping }, problems);
  }

  private constructor(private readonly mapping: { readonly [namespace: string]: string }, private readonly problems: readonly Problem[]) {
  }

  /** This mapping and one more namespace, `from` restored as `to`. */
  public map(from: string, to: string): NamespaceMapping {
    const problems = argumentProblems('NamespaceMapping.map', [['from', from, { required: 'literal' }], ['to', to, { required: 'literal' }]]);
    if (problems.length > 0) return new NamespaceMapping(this.mapping, [...this.problems, ...problems]);
    if (Object.prototype.hasOwnProperty.call(this.mapping, from)) {
      problems.push(problem('map(from)', from, `is mapped already, to ${this.mapping[from]}`, 'each backed-up namespace once', ProblemKind.PROPS));
      return new NamespaceMapping(this.mapping, [...this.problems, ...problems]);
    }
    return new NamespaceMapping({ ...this.mapping, [from]: to }, this.problems);
  }

  /** The mapping, backed-up name to new name. */
  public get entries(): { [namespace: string]: string } {
    return { ...this.mapping };
  }

  /** @internal The mapping as a Restore's `namespaceMapping`. */
  public _toVelero(): { [namespace: string]: string } {
    return { ...this.mapping };
  }

  /** @internal Problems of the arguments and of the mapping, fields prefixed with `at`. */
  public _problems(at: string): Problem[] {
    return [...anchored(this.problems, at), ...namespaceMappingProblems(this.mapping, at)];
  }
}

/**
 * The two-way checks of a namespace mapping: targets are namespace names
 * and no two sources share one. Velero checks neither: a bad name fails each
 * object of that namespace, and two namespaces restored into one mix their
 * objects (the second restore of a name is skipped).
 */
export function namespaceMappingProblems(mapping: { readonly [namespace: string]: string }, at: string): Problem[] {
  const problems: Problem[] = [];
  const byTarget = new Map<string, string[]>();
  for (const [from, to] of Object.entries(mapping)) {
    if (typeof to !== 'string') continue;
    const error = dns1123LabelError(to);
    if (error) {
      problems.push(problem(`${at}[${JSON.stringify(from)}]`, to, error, 'a namespace name (a DNS-1123 label) as the new name', ProblemKind.DELIBERATE));
    }
    byTarget.set(to, [...byTarget.get(to) ?? [], from]);
  }
  for (const [to, sources] of byTarget) {
    if (sources.length > 1) {
      problems.push(problem(at, { [to]: sources }, `maps ${sources.join(' and ')} to one namespace, ${to}`,
        'one backed-up namespace per new name: Velero would merge them and skip the objects whose names clash', ProblemKind.DELIBERATE));
    }
  }
  return problems;
}
