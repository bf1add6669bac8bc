import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { PropType } from '../private/props-check';
import { Problem, ProblemKind, problem } from '../validation/problem';

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
    return new BackupNamespaces(names.map(name => ({ name })));
  }

  /** Namespace constructs of this app, of any cdk8s-plus version, or ApiObjects of kind Namespace. */
  public static of(...namespaces: IConstruct[]): BackupNamespaces {
    return new BackupNamespaces(namespaces.map(construct => ({ construct })));
  }

  private constructor(private readonly entries: ReadonlyArray<{ name?: string; construct?: IConstruct }>) {
  }

  /** These namespaces, then those of `other`. */
  public and(other: BackupNamespaces): BackupNamespaces {
    return new BackupNamespaces([...this.entries, ...other.entries]);
  }

  /** @internal The names, in order; a construct that is no Namespace gives its object's name too (see _problems). */
  public _toVelero(): string[] {
    return this.entries.map(entry => entry.name ?? namespaceObject(entry.construct!)?.name ?? '');
  }

  /** @internal Entries that are not namespaces: a construct without an ApiObject of kind Namespace, or a name that is no string. */
  public _problems(field: string): Problem[] {
    return this.entries.flatMap((entry, i) => {
      if (entry.construct) {
        const object = namespaceObject(entry.construct);
        return object?.kind === 'Namespace' ? [] : [problem(`${field}[${i}]`, entry.construct.node.path,
          object ? `is a ${object.kind}, not a Namespace` : 'has no Kubernetes object', 'a Namespace construct (cdk8s-plus, or an ApiObject of kind Namespace)',
          ProblemKind.PROPS)];
      }
      return typeof entry.name === 'string' ? [] : [problem(`${field}[${i}]`, entry.name, 'is not a string', 'a namespace name', ProblemKind.PROPS)];
    });
  }
}

/** A prop that takes `BackupNamespaces`. */
export const NAMESPACES_TYPE: PropType = { instanceOf: BackupNamespaces, name: 'BackupNamespaces, such as BackupNamespaces.named("kyma-system")' };

function namespaceObject(construct: IConstruct): ApiObject | undefined {
  try {
    return ApiObject.of(construct);
  } catch {
    return undefined;
  }
}
