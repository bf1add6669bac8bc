import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { KymaResourcePolicy } from './resource-policy';
import { VELERO_NAMESPACE } from '../core/defaults';
import { checkedId, checkedScope, reportIdProblems } from '../private/construct-id';
import { PropsShape, argumentProblems, conformingProps, propsProblems, structShape } from '../private/props-check';
import { Problem, ProblemKind, formatProblem, problem } from '../validation/problem';

/** The Secret Velero reads the repository password from (pkg/repository/keys), and its key. */
export const REPOSITORY_SECRET_NAME = 'velero-repo-credentials';
export const REPOSITORY_SECRET_KEY = 'repository-password';

/** Props of `KymaRepositoryPassword`. */
export interface KymaRepositoryPasswordProps {
  /**
   * The Secret, when this app defines it (a cdk8s-plus `Secret` of any
   * version, or an `ApiObject` of kind Secret): it must be named
   * `velero-repo-credentials`, live in Velero's namespace and have the key
   * `repository-password`. Checked at synth.
   *
   * @default - the Secret is created by other means (a sealed secret, an external secret operator, by hand)
   */
  readonly secret?: IConstruct;
  /**
   * Velero's namespace.
   *
   * @default "kyma-backup"
   */
  readonly namespace?: string;
}

const PASSWORD_PROPS_SHAPE: PropsShape = structShape('KymaRepositoryPasswordProps', { secret: 'construct', namespace: 'literal' });

const byRoot = new WeakMap<IConstruct, KymaRepositoryPassword>();
const required = new WeakSet<IConstruct>();

/**
 * The password of Velero's backup repositories (file-system backup and the
 * data mover encrypt with it). Velero creates the Secret
 * `velero-repo-credentials` at start when it is missing, with a fixed
 * password written in its public source code; changing it once repositories
 * exist makes them unreadable. So create the Secret yourself, before Velero's
 * first file-system or data-mover backup. This construct writes nothing: it
 * references that Secret (never a value) and, given the app's Secret, checks
 * its name, namespace and key. `KymaRepositoryPassword.requireIn(app)` makes
 * a backup that would use the repository without it a synth problem.
 */
export class KymaRepositoryPassword extends Construct {
  /**
   * Opt-in check: at synth, every Backup and Schedule of the app that would
   * write to a backup repository (`defaultVolumesToFsBackup`,
   * `snapshotMoveData`, or a resource policy of the app with an `fs-backup`
   * action) is a problem unless the app has a `KymaRepositoryPassword`.
   * Velero itself accepts such backups (with its default password).
   */
  public static requireIn(scope: IConstruct): void {
    const problems = argumentProblems('KymaRepositoryPassword.requireIn', [['scope', scope, { required: 'construct' }]]);
    if (problems.length > 0) throw new Error(problems.map(formatProblem).join('; '));
    const root = scope.node.root;
    if (required.has(root)) return;
    required.add(root);
    const attached = new WeakSet<ApiObject>();
    root.node.addValidation({
      validate: () => {
        // Each Backup and Schedule reports its own problem, at its own path.
        for (const object of backupsAndSchedules(root)) {
          if (attached.has(object)) continue;
          attached.add(object);
          object.node.addValidation({ validate: () => repositoryPasswordProblems(root, object) });
        }
        return [];
      },
    });
  }

  /** The Secret's name, fixed by Velero. */
  public readonly secretName = REPOSITORY_SECRET_NAME;
  /** The key of the password in the Secret, fixed by Velero. */
  public readonly secretKey = REPOSITORY_SECRET_KEY;
  /** Velero's namespace. */
  public readonly namespace: string;

  constructor(scope: Construct, id: string, props: KymaRepositoryPasswordProps = {}) {
    super(checkedScope(scope, 'KymaRepositoryPassword'), checkedId(scope, id));
    reportIdProblems(this, id);
    const usable = conformingProps(props, PASSWORD_PROPS_SHAPE);
    this.namespace = usable.namespace ?? VELERO_NAMESPACE;
    const root = this.node.root;
    const earlier = byRoot.get(root);
    if (!earlier) byRoot.set(root, this);
    this.node.addValidation({
      validate: () => {
        const found = propsProblems(props, PASSWORD_PROPS_SHAPE);
        if (found.length === 0) found.push(...this.secretProblems(usable.secret));
        if (earlier && earlier !== this) {
          found.push(problem('(construct)', this.node.path, `is a second repository password of this app (the first is ${earlier.node.path})`,
            'one KymaRepositoryPassword per app: Velero has one repository password', ProblemKind.PROPS));
        }
        return found.map(formatProblem);
      },
    });
  }

  private secretProblems(secret: IConstruct | undefined): Problem[] {
    if (!secret) return [];
    const object = apiObjectOf(secret);
    if (object?.kind !== 'Secret') {
      return [problem('secret', secret.node.path, object ? `is a ${object.kind}, not a Secret` : 'has no Kubernetes object',
        'a Secret construct (cdk8s-plus, or an ApiObject of kind Secret); for a Secret made elsewhere, leave secret out', ProblemKind.PROPS)];
    }
    const json = object.toJson();
    const found: Problem[] = [];
    if (json.metadata?.name !== REPOSITORY_SECRET_NAME) {
      found.push(problem('secret', json.metadata?.name, `names the Secret ${json.metadata?.name}, where Velero reads only ${REPOSITORY_SECRET_NAME}`,
        `a Secret named ${REPOSITORY_SECRET_NAME}`, ProblemKind.DELIBERATE));
    }
    if (json.metadata?.namespace !== this.namespace) {
      found.push(problem('secret', json.metadata?.namespace ?? '(none)', `is a Secret in namespace ${json.metadata?.namespace ?? '(none)'}`,
        `Velero's namespace, ${this.namespace}`, ProblemKind.DELIBERATE));
    }
    const keys = [...Object.keys(json.data ?? {}), ...Object.keys(json.stringData ?? {})];
    if (!keys.includes(REPOSITORY_SECRET_KEY)) {
      found.push(problem('secret', keys, `has no key ${REPOSITORY_SECRET_KEY}`, `the password under the key ${REPOSITORY_SECRET_KEY}`, ProblemKind.DELIBERATE));
    }
    return found;
  }
}

function backupsAndSchedules(root: IConstruct): ApiObject[] {
  return root.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c) && c.apiGroup === 'velero.io' && (c.kind === 'Backup' || c.kind === 'Schedule'));
}

/**
 * The problem of `requireIn`'s check for one Backup or Schedule: it would
 * use a backup repository while the app has no repository password.
 */
function repositoryPasswordProblems(root: IConstruct, object: ApiObject): string[] {
  if (byRoot.has(root)) return [];
  let json: any;
  try {
    json = ApiObject.prototype.toJson.call(object);
  } catch {
    return []; // the object's own validation reports it
  }
  const spec = object.kind === 'Backup' ? json.spec : json.spec?.template;
  const policyName = spec?.resourcePolicy?.name;
  const fsPolicy = policyName !== undefined && root.node.findAll().some(c =>
    c instanceof KymaResourcePolicy && c.usesFsBackup && c.name === policyName && c.namespace === json.metadata?.namespace);
  const why = spec?.defaultVolumesToFsBackup === true ? 'defaultVolumesToFsBackup is true'
    : spec?.snapshotMoveData === true ? 'snapshotMoveData is true'
      : fsPolicy ? `its resource policy ${policyName} takes file-system backups` : undefined;
  if (!why) return [];
  return [formatProblem(problem(object.kind === 'Backup' ? 'spec' : 'spec.template', json.metadata?.name,
    `writes to a backup repository (${why}), and the app has no KymaRepositoryPassword, so Velero would encrypt with the default password from its public source code`,
    `create the Secret ${REPOSITORY_SECRET_NAME} (key ${REPOSITORY_SECRET_KEY}) before Velero's first such backup and declare it with new KymaRepositoryPassword(...)`,
    ProblemKind.DELIBERATE))];
}

function apiObjectOf(construct: IConstruct): ApiObject | undefined {
  try {
    return ApiObject.of(construct);
  } catch {
    return undefined;
  }
}
