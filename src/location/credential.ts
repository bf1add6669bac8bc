import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { PropType, anchored, argumentProblems } from '../private/props-check';
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
    const problems = argumentProblems('LocationCredential.fromSecret', [['secret', secret, { required: 'construct' }], ['key', key, { required: 'literal' }]]);
    const object = problems.length === 0 ? apiObjectOf(secret) : undefined;
    if (problems.length === 0 && object?.kind !== 'Secret') {
      problems.push(problem('LocationCredential.fromSecret(secret)', secret.node.path, object ? `is a ${object.kind}, not a Secret` : 'has no Kubernetes object',
        'a Secret construct (cdk8s-plus, or an ApiObject of kind Secret); for a Secret made elsewhere, LocationCredential.fromSecretName(name, key)', ProblemKind.PROPS));
    }
    return new LocationCredential(undefined, problems.length > 0 ? '' : key, problems.length > 0 ? undefined : object, problems);
  }

  /** A key of a Secret the app does not define (created by other means), by name. */
  public static fromSecretName(secretName: string, key: string): LocationCredential {
    const problems = argumentProblems('LocationCredential.fromSecretName', [['secretName', secretName, { required: 'literal' }], ['key', key, { required: 'literal' }]]);
    return problems.length > 0 ? new LocationCredential('', '', undefined, problems) : new LocationCredential(secretName, key);
  }

  private constructor(
    private readonly name: string | undefined,
    /** The key within the Secret. */
    public readonly key: string,
    private readonly secret?: ApiObject,
    private readonly problems: readonly Problem[] = []) {
  }

  /** The Secret's name. */
  public get secretName(): string {
    return this.secret?.name ?? this.name ?? '';
  }

  /** @internal The `credential` field of a location spec (a SecretKeySelector). */
  public _toVelero(): { name: string; key: string } {
    return { name: this.secretName, key: this.key };
  }

  /**
   * @internal Problems of the factory's arguments, and those only the app can
   * show: a key the app's Secret does not have, or a Secret outside Velero's
   * namespace (given as `veleroNamespace`), where Velero would not find it.
   */
  public _problems(field: string, veleroNamespace?: string): Problem[] {
    if (this.problems.length > 0) return anchored(this.problems, field);
    if (!this.secret || veleroNamespace === undefined) return [];
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

function apiObjectOf(construct: IConstruct): ApiObject | undefined {
  try {
    return ApiObject.of(construct);
  } catch {
    return undefined;
  }
}
