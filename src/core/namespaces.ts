import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { PropType, anchored, argumentProblems } from '../private/props-check';
import { Problem, ProblemKind, problem } from '../validation/problem';

/** One entry: a name, or a construct whose Namespace gives the name at synth; and the call and index it came from. */
interface NamespaceEntry {
  readonly name?: unknown;
  readonly construct?: unknown;
  /** `BackupNamespaces.named(names)[1]`, for problems. */
  readonly given: string;
}

/**
 * A set of namespaces for a backup: by name (Velero's globs allowed), or
 * Namespace constructs of this app: a cdk8s-plus `Namespace` of any version,
 * or a plain `ApiObject` of kind Namespace. Names of constructs are read at
 * synth.
 *
 * @example BackupNamespaces.named('kyma-system', 'istio-system').and(BackupNamespaces.of(monitoringNamespace))
 */
export class BackupNamespaces {
  /** Namespaces by name, or by Velero's glob patterns (`*`, `?`, `[...]`). */
  public static named(...names: string[]): BackupNamespaces {
    return new BackupNamespaces(names.map((name, i) => ({ name, given: `BackupNamespaces.named(names)[${i}]` })), []);
  }

  /** Namespace constructs of this app, of any cdk8s-plus version, or ApiObjects of kind Namespace. */
  public static of(...namespaces: IConstruct[]): BackupNamespaces {
    return new BackupNamespaces(namespaces.map((construct, i) => ({ construct, given: `BackupNamespaces.of(namespaces)[${i}]` })), []);
  }

  private constructor(private readonly entries: readonly NamespaceEntry[], private readonly ownProblems: readonly Problem[]) {
  }

  /** These namespaces, then those of `other`. */
  public and(other: BackupNamespaces): BackupNamespaces {
    const problems = argumentProblems('and', [['other', other, { required: NAMESPACES_TYPE }]]);
    if (problems.length > 0) return new BackupNamespaces(this.entries, [...this.ownProblems, ...problems]);
    return new BackupNamespaces([...this.entries, ...other.entries], [...this.ownProblems, ...other.ownProblems]);
  }

  /** @internal The names, in order; entries that are no namespace name or construct are left out (see _problems). */
  public _toVelero(): string[] {
    return this.entries.flatMap(entry => {
      if ('construct' in entry) return Construct.isConstruct(entry.construct) ? [namespaceObject(entry.construct)?.name ?? ''] : [];
      return typeof entry.name === 'string' ? [entry.name] : [];
    });
  }

  /**
   * @internal Entries that are not namespaces: a construct without an ApiObject
   * of kind Namespace, something that is no construct, or a name that is no
   * string, each named by the call it came from; and arguments of `and` that
   * were no BackupNamespaces.
   */
  public _problems(field: string): Problem[] {
    const entries = this.entries.flatMap(entry => {
      const at = `${field}.${entry.given}`;
      if ('construct' in entry) {
        if (!Construct.isConstruct(entry.construct)) {
          return [problem(at, entry.construct, 'is not a construct', 'a Namespace construct (cdk8s-plus, or an ApiObject of kind Namespace); for names, BackupNamespaces.named(...)', ProblemKind.PROPS)];
        }
        const object = namespaceObject(entry.construct);
        return object?.kind === 'Namespace' ? [] : [problem(at, entry.construct.node.path,
          object ? `is a ${object.kind}, not a Namespace` : 'has no Kubernetes object', 'a Namespace construct (cdk8s-plus, or an ApiObject of kind Namespace)',
          ProblemKind.PROPS)];
      }
      return typeof entry.name === 'string' ? [] : [problem(at, entry.name, 'is not a string', 'a namespace name', ProblemKind.PROPS)];
    });
    return [...entries, ...anchored(this.ownProblems, field)];
  }
}

/** A prop or argument that takes `BackupNamespaces`. */
export const NAMESPACES_TYPE: PropType = {
  instanceOf: BackupNamespaces,
  name: 'BackupNamespaces, such as BackupNamespaces.named("kyma-system")',
  // Names given as they are: the call that takes them.
  suggest: value => {
    const names = typeof value === 'string' ? [value] : Array.isArray(value) && value.length > 0 && value.every(v => typeof v === 'string') ? value : undefined;
    return names && `a BackupNamespaces, such as BackupNamespaces.named(${names.map(n => JSON.stringify(n)).join(', ')})`;
  },
};

function namespaceObject(construct: IConstruct): ApiObject | undefined {
  try {
    return ApiObject.of(construct);
  } catch {
    return undefined;
  }
}
