import * as fs from 'fs';
import { Yaml } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { AppValidation } from './app-validation';
import { ProblemKind, problemMessage, show } from './problem';
import { isConfigMapManifest, policyObjectProblems } from './resource-policy';
import { LocatedObject, crossObjectProblems, isVeleroManifest, veleroObjectProblems } from './velero-object';

/** One problem of a Velero manifest, as data. */
export interface VeleroProblem {
  /** The object: `Kind namespace/name` (or `Kind name` without a namespace). */
  readonly resource: string;
  /** The manifest field at fault, for example `spec.schedule`. */
  readonly field: string;
  /**
   * The value at fault, as found in the manifest.
   *
   * @default - the field is missing
   */
  readonly value?: any;
  /** What is wrong, and what is accepted. */
  readonly message: string;
  /** Whether Velero would refuse it, or the library refuses it on purpose. */
  readonly kind: ProblemKind;
  /**
   * The file the object came from.
   *
   * @default - the object was not read from a file
   */
  readonly file?: string;
}


/**
 * Validates Velero objects as Velero v1.18.1 and the Kubernetes API server
 * would: the CRD schema (types, required fields, enums, and any field the API
 * server would prune, as an error), Kubernetes' metadata rules and Velero's
 * own checks, plus the library's deliberate refusals (see the README).
 *
 * Three ways to use it:
 * - in an app: every Velero object under the library's constructs is checked
 *   at synth already; `VeleroValidation.addTo(app)` extends that to an app
 *   that has only raw `velero.*` objects or `Include`d Velero YAML;
 * - on manifests: `VeleroValidation.validateObjects(...)` and
 *   `VeleroValidation.validateFiles(...)` return the problems as data;
 * - as a cdk8s CLI validation plugin (`validations:` in `cdk8s.yaml`, class
 *   `VeleroValidation`), for apps in any language and for any YAML.
 */
export class VeleroValidation {
  /**
   * Checks every Velero object of the app that `scope` belongs to when the
   * app is synthesized, reporting each problem at the object's construct path.
   */
  public static addTo(scope: IConstruct): void {
    // No app, nowhere to report: the one call that says so at once.
    if (!Construct.isConstruct(scope)) throw new Error(`VeleroValidation.addTo(scope) = ${show(scope)}: is not a construct; a construct of the app to validate, such as its App or a Chart`);
    AppValidation.of(scope);
  }

  /**
   * The problems of the given manifests (parsed JSON or YAML documents);
   * objects of other API groups are passed over. Empty when Velero would take
   * them all.
   */
  public static validateObjects(manifests: any[]): VeleroProblem[] {
    if (!Array.isArray(manifests)) return [inputProblem('manifests', manifests, 'is not a list', 'a list of manifests (parsed JSON or YAML documents)')];
    return validate(manifests.map(manifest => ({ manifest }))).map(found => found.problem);
  }

  /** The problems of the Velero objects in the given YAML files (all documents of each); a file that cannot be read is one. */
  public static validateFiles(files: string[]): VeleroProblem[] {
    if (!Array.isArray(files)) return [inputProblem('files', files, 'is not a list', 'a list of YAML file paths')];
    const entries: Array<{ manifest: any; file?: string }> = [];
    const unreadable: VeleroProblem[] = [];
    for (const file of files) {
      try {
        // A path that is no file would make cdk8s try it as a URL, in a process of its own.
        if (typeof file !== 'string' || !fs.statSync(file).isFile()) throw new Error('not a file');
        entries.push(...Yaml.load(file).map(manifest => ({ manifest, file })));
      } catch (e) {
        unreadable.push({ ...inputProblem('files', file, `could not be read: ${e instanceof Error ? e.message : String(e)}`, 'a readable YAML file'), file: String(file) });
      }
    }
    return [...unreadable, ...validate(entries).map(found => found.problem)];
  }

  /** One line per problem: `[resource] field = value: message`. */
  public static format(problems: VeleroProblem[]): string {
    // What is not a problem list is said so in the text, never printed as "undefined".
    if (!Array.isArray(problems)) return formatLine(inputProblem('problems', problems, 'is not a list', 'the list validateObjects or validateFiles returns'));
    return problems.map((p, i) => {
      const wrong = problemShapeErrors(p);
      return wrong === undefined ? formatLine(p) : formatLine(inputProblem(`problems[${i}]`, p, wrong, 'a VeleroProblem, as validateObjects and validateFiles return them'));
    }).join('\n');
  }

  private readonly propertyProblems: VeleroProblem[];

  /**
   * The cdk8s CLI creates the plugin with the `properties` of its entry in
   * `cdk8s.yaml`; there are none to set.
   */
  constructor(properties: { [key: string]: any } = {}) {
    // None to set: a property in cdk8s.yaml is a mistake, reported with the violations.
    this.propertyProblems = properties === undefined || (isPlainObject(properties) && Object.keys(properties).length === 0) ? []
      : [inputProblem('properties', properties, isPlainObject(properties) ? 'sets properties, and VeleroValidation takes none' : 'is not an object of properties',
        'no properties: leave them out of the validations entry in cdk8s.yaml')];
  }


  /**
   * The cdk8s CLI validation-plugin contract: reads `context.manifests`,
   * reports each problem with `context.report.addViolation` and submits the
   * report.
   *
   * @param context the cdk8s CLI's `ValidationContext`
   */
  public async validate(context: any): Promise<void> {
    if (!Array.isArray(context?.manifests) || typeof context.parseManifest !== 'function' || typeof context.report?.addViolation !== 'function') {
      // Not the cdk8s CLI's context: there is no report to add to.
      throw new Error(`VeleroValidation.validate(context) = ${show(context)}: is not the cdk8s CLI's validation context; `
        + 'the object the CLI passes (manifests, parseManifest, report); to validate manifests yourself, use VeleroValidation.validateObjects');
    }
    const entries = (context.manifests as string[]).flatMap(file =>
      (context.parseManifest(file) as any[]).map(manifest => ({ manifest, file })));
    for (const p of this.propertyProblems) {
      context.report.addViolation({
        ruleName: 'cdk8s-kyma-backup: properties',
        recommendation: `${p.field} = ${show(p.value)}: ${p.message}`,
        fix: 'leave properties out',
        violatingResources: [],
      });
    }
    const problems = validate(entries);
    for (const { problem: p, manifest, accepted } of problems) {
      context.report.addViolation({
        ruleName: `${p.kind === ProblemKind.VELERO ? 'Velero' : 'cdk8s-kyma-backup'}: ${p.resource.split(' ')[0]} ${p.field.replace(/\[[^\]]*\]/g, '[]')}`,
        recommendation: `${p.field} = ${show(p.value)}: ${p.message}`,
        fix: accepted,
        violatingResources: [{
          resourceName: String(manifest.metadata?.name),
          locations: [p.field],
          manifestPath: p.file,
        }],
      });
    }
    const objects = entries.filter(e => isVeleroManifest(e.manifest)).length;
    context.report.submit(problems.length + this.propertyProblems.length === 0 ? 'success' : 'failure', {
      'velero-objects': String(objects),
      'problems': String(problems.length),
    });
  }
}

function validate(entries: Array<{ manifest: any; file?: string }>): Array<{ problem: VeleroProblem; manifest: any; accepted: string }> {
  const velero = entries.filter(e => isVeleroManifest(e.manifest))
    .map(e => ({ ...e, where: resourceOf(e.manifest) })) as Array<LocatedObject & { file?: string }>;
  const across = crossObjectProblems(velero);
  // A ConfigMap a Backup or Schedule names as its resource policy is judged too, and each with its policy.
  const configMaps = entries.filter(e => isConfigMapManifest(e.manifest))
    .map(e => ({ ...e, where: resourceOf(e.manifest) })) as Array<LocatedObject & { file?: string }>;
  const policies = policyObjectProblems(velero, configMaps, () => false, c => c.where);
  return [...velero, ...configMaps].flatMap(entry => {
    const found = [
      ...isVeleroManifest(entry.manifest) ? veleroObjectProblems(entry.manifest) : [],
      ...across.get(entry) ?? [],
      ...policies.get(entry) ?? [],
    ];
    return found.map(p => ({
      manifest: entry.manifest,
      accepted: p.accepted,
      problem: { resource: entry.where, field: p.field, value: p.value, message: problemMessage(p), kind: p.kind, file: entry.file },
    }));
  });
}

function resourceOf(manifest: any): string {
  const { name, namespace } = manifest.metadata ?? {};
  return `${manifest.kind} ${namespace !== undefined ? `${namespace}/` : ''}${name}`;
}

/** A problem of what was passed in, not of a manifest. */
function inputProblem(field: string, value: unknown, wrong: string, accepted: string): VeleroProblem {
  return { resource: '(input)', field, value, message: problemMessage({ field, value, wrong, accepted, kind: ProblemKind.PROPS }), kind: ProblemKind.PROPS };
}

/** What makes `p` no VeleroProblem, if anything (checked by hand: this layer has no props machinery). */
function problemShapeErrors(p: unknown): string | undefined {
  if (!isPlainObject(p)) return 'is not a problem';
  const fields = p as { [key: string]: unknown };
  const unknown = Object.keys(fields).filter(key => !['resource', 'field', 'value', 'message', 'kind', 'file'].includes(key));
  const notText = ['resource', 'field', 'message'].filter(key => typeof fields[key] !== 'string');
  const errors = [
    ...unknown.length > 0 ? [`has fields no problem has: ${unknown.join(', ')}`] : [],
    ...notText.length > 0 ? [`has no text in ${notText.join(', ')}`] : [],
    ...!(Object.values(ProblemKind) as unknown[]).includes(fields.kind) ? ['has a kind that is no ProblemKind'] : [],
    ...fields.file !== undefined && typeof fields.file !== 'string' ? ['has a file that is no path'] : [],
  ];
  return errors.length > 0 ? errors.join(', ') : undefined;
}

function formatLine(p: VeleroProblem): string {
  return `[${p.resource}] ${p.field} = ${show(p.value)}: ${p.message}`;
}

function isPlainObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    && [Object.prototype, null].includes(Object.getPrototypeOf(value));
}
