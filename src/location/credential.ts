import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { PropType } from '../private/props-check';
import { Problem, ProblemKind, problem } from '../validation/problem';

/**
 * The credentials of a storage or snapshot location: always a reference to a
 * key of a Kubernetes Secret in Velero's namespace, never the credential itself.
 */
export class LocationCredential {
  /**
   * A key of a Secret defined in this app: a cdk8s-plus `Secret` of any
   * version, or an `ApiObject` of kind Secret. At synth, the key must be one
   * of the Secret's keys, and the Secret must live in Velero's namespace.
   */
  public static fromSecret(secret: IConstruct, key: string): LocationCredential {
    return new LocationCredential(undefined, key, ApiObject.of(secret));
  }

  /** A key of a Secret the app does not define (created by other means), by name. */
  public static fromSecretName(secretName: string, key: string): LocationCredential {
    return new LocationCredential(secretName, key);
  }

  private constructor(private readonly name: string | undefined, public readonly key: string, private readonly secret?: ApiObject) {
  }

  /** The Secret's name. */
  public get secretName(): string {
    return this.secret?.name ?? this.name!;
  }

  /** @internal The `credential` field of a location spec (a SecretKeySelector). */
  public _toVelero(): { name: string; key: string } {
    return { name: this.secretName, key: this.key };
  }

  /**
   * @internal Problems only the app can show: a key the app's Secret does not
   * have, or a Secret outside Velero's namespace, where Velero would not find it.
   */
  public _problems(field: string, veleroNamespace: string): Problem[] {
    if (!this.secret) return [];
    const json = this.secret.toJson();
    const keys = [...Object.keys(json.data ?? {}), ...Object.keys(json.stringData ?? {})];
    const problems: Problem[] = [];
    if (!keys.includes(this.key)) {
      problems.push(problem(`${field}.key`, this.key, `is not a key of Secret ${this.secretName} (${this.secret.node.path}), so the location would never become available`,
        `one of its keys: ${keys.length > 0 ? keys.join(', ') : '(it has none)'}`, ProblemKind.DELIBERATE));
    }
    const namespace = json.metadata?.namespace;
    if (namespace !== veleroNamespace) {
      problems.push(problem(`${field}.name`, this.secretName, `names a Secret in namespace ${namespace ?? '(none)'}`,
        `Velero reads credentials only from its own namespace, ${veleroNamespace}; give the Secret that namespace`, ProblemKind.DELIBERATE));
    }
    return problems;
  }
}

/** A prop that takes a `LocationCredential`. */
export const CREDENTIAL_TYPE: PropType = { instanceOf: LocationCredential, name: 'LocationCredential, such as LocationCredential.fromSecret(secret, "cloud")' };
