// What `kyma-backup apply` does with a directory of manifests, as plain
// functions: read and classify the objects, refuse what it must not apply, put
// the rest in dependency order. No cluster here (test/cli-apply.test.ts).
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { CliError, ExitCode } from './errors';

/** A Kubernetes object as a manifest gives it. */
export interface ManifestObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [key: string]: unknown };
  [key: string]: unknown;
}

/** An object and where it was read. */
export interface SourcedObject {
  readonly object: ManifestObject;
  /** The file, as given (relative to the current directory when the directory was). */
  readonly file: string;
  /** 1-based position of the YAML document in its file. */
  readonly document: number;
}

/** The file names `apply` reads in a directory (not recursively), in this order: by name. */
export function manifestFiles(names: readonly string[]): string[] {
  return names.filter(n => /\.(ya?ml|json)$/i.test(n)).sort();
}

/**
 * The objects of one file's text (YAML, one or more documents; JSON is YAML).
 * Empty documents are skipped, a `List` gives its items. Returns the problems
 * instead when a document cannot be read or is not a Kubernetes object.
 */
export function parseManifests(file: string, text: string): { objects: SourcedObject[]; problems: string[] } {
  const objects: SourcedObject[] = [];
  const problems: string[] = [];
  const documents = YAML.parseAllDocuments(text);
  // parseAllDocuments returns an EmptyStream (not an array) for a file with no document.
  if (!Array.isArray(documents)) return { objects, problems };
  documents.forEach((doc, i) => {
    const at = `${file} (document ${i + 1})`;
    if (doc.errors.length > 0) {
      problems.push(`${at}: not valid YAML: ${doc.errors[0].message.split('\n')[0]}`);
      return;
    }
    const value = doc.toJS();
    if (value === null || value === undefined) return;
    const items = isObject(value) && value.kind === 'List' && Array.isArray(value.items) ? value.items : [value];
    for (const item of items) {
      const problem = objectProblem(item);
      if (problem) problems.push(`${at}: ${problem}`);
      else objects.push({ object: item as ManifestObject, file, document: i + 1 });
    }
  });
  return { objects, problems };
}

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectProblem(value: unknown): string | undefined {
  if (!isObject(value)) return `not a Kubernetes object (a ${Array.isArray(value) ? 'list' : typeof value})`;
  const missing = [
    typeof value.apiVersion === 'string' && value.apiVersion !== '' ? undefined : 'apiVersion',
    typeof value.kind === 'string' && value.kind !== '' ? undefined : 'kind',
    isObject(value.metadata) && typeof value.metadata.name === 'string' && value.metadata.name !== '' ? undefined : 'metadata.name',
  ].filter(m => m !== undefined);
  if (missing.length > 0) return `not a Kubernetes object with a name: no ${missing.join(', ')}`;
  if (value.metadata.namespace !== undefined && typeof value.metadata.namespace !== 'string') return 'metadata.namespace is not a string';
  return undefined;
}

/** Reads every manifest file of a directory; a directory that cannot be read, or any problem, is a usage error. */
export function readManifestDirectory(dir: string): SourcedObject[] {
  let names: string[];
  try {
    if (!fs.statSync(dir).isDirectory()) throw new CliError(`${dir} is not a directory`, ExitCode.USAGE);
    names = fs.readdirSync(dir);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`cannot read the directory ${dir}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : (e as Error).message}`, ExitCode.USAGE);
  }
  const objects: SourcedObject[] = [];
  const problems: string[] = [];
  for (const file of manifestFiles(names).map(n => path.join(dir, n))) {
    let text: string;
    try {
      if (!fs.statSync(file).isFile()) continue;
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      problems.push(`${file}: cannot be read: ${(e as Error).message}`);
      continue;
    }
    const parsed = parseManifests(file, text);
    objects.push(...parsed.objects);
    problems.push(...parsed.problems);
  }
  if (problems.length > 0) throw new CliError(`cannot apply ${dir}:\n  ${problems.join('\n  ')}`, ExitCode.USAGE);
  if (objects.length === 0) throw new CliError(`${dir} holds no manifest (no object in its .yaml, .yml or .json files)`, ExitCode.USAGE);
  return objects;
}

/**
 * The stages of `apply`, in order. Each stage is applied whole before the next;
 * after `definitions` apply waits until each CRD is established, after
 * `locations` until each new or changed BackupStorageLocation is `Available`.
 */
export const STAGES = ['namespaces', 'definitions', 'prerequisites', 'locations', 'schedules', 'backups'] as const;
export type Stage = typeof STAGES[number];

export const VELERO_GROUP = 'velero.io';
const VELERO_KINDS_APPLIED: Record<string, Stage> = {
  BackupStorageLocation: 'locations',
  VolumeSnapshotLocation: 'locations',
  Schedule: 'schedules',
  Backup: 'backups',
};

/** The API group of an apiVersion (`velero.io/v1` → `velero.io`, `v1` → ``). */
export function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
}

export function isVelero(object: ManifestObject): boolean {
  return groupOf(object.apiVersion) === VELERO_GROUP;
}

/**
 * Where an object goes: Namespaces first; CustomResourceDefinitions; Secrets,
 * ConfigMaps and every other kind that is not Velero's (a PrometheusRule of a
 * plan's alerts, a cdk8s-plus workload); then the locations, the Schedules and
 * last the Backups. `undefined` for Velero kinds apply never applies.
 */
export function stageOf(object: ManifestObject): Stage | undefined {
  if (isVelero(object)) return VELERO_KINDS_APPLIED[object.kind];
  if (object.apiVersion === 'v1' && object.kind === 'Namespace') return 'namespaces';
  if (groupOf(object.apiVersion) === 'apiextensions.k8s.io' && object.kind === 'CustomResourceDefinition') return 'definitions';
  return 'prerequisites';
}

/** `backup.velero.io/kyma-backup`: how progress and messages name an object (kubectl's way, with the namespace). */
export function objectName(object: ManifestObject): string {
  const group = groupOf(object.apiVersion);
  const ns = object.metadata.namespace ? `${object.metadata.namespace}/` : '';
  return `${object.kind.toLowerCase()}${group ? `.${group}` : ''}/${ns}${object.metadata.name}`;
}

export interface ApplyPlan {
  /** Every stage, in order, with its objects in the order of the files. */
  readonly stages: ReadonlyArray<{ readonly stage: Stage; readonly objects: readonly ManifestObject[] }>;
}

const RESTORE_REFUSAL = 'kyma-backup apply never applies a Restore: a restore replaces what is in the cluster and must be '
  + 'started on purpose, phase after phase. Keep Restores out of the directory you apply (cdk8s-kyma-backup writes them '
  + 'to manifests-restore/) and follow the restore plan\'s runbook in docs/restore.md.';

/**
 * The order in which `apply` applies the objects, or a usage error naming
 * every reason it refuses the whole directory (nothing is applied then): a
 * Restore; a Velero kind other than a location, Schedule or Backup; a Velero
 * object outside Velero's namespace (Velero would never see it); the same
 * object twice. Velero objects without a namespace are put in Velero's.
 */
export function planApply(objects: readonly SourcedObject[], veleroNamespace: string): ApplyPlan {
  const restores = objects.filter(o => isVelero(o.object) && o.object.kind === 'Restore');
  if (restores.length > 0) {
    const where = restores.map(r => `${r.object.metadata.name} (${r.file})`).join(', ');
    throw new CliError(`refusing to apply: the directory holds ${restores.length === 1 ? 'a Restore' : `${restores.length} Restores`}: ${where}.\n${RESTORE_REFUSAL}`, ExitCode.USAGE);
  }
  const problems: string[] = [];
  const seen = new Map<string, SourcedObject>();
  const stages = new Map<Stage, ManifestObject[]>(STAGES.map(s => [s, []]));
  for (const sourced of objects) {
    const at = `${sourced.file} (document ${sourced.document})`;
    let object = sourced.object;
    const stage = stageOf(object);
    if (stage === undefined) {
      problems.push(`${at}: ${object.kind} ${object.metadata.name} is Velero's own kind; apply takes BackupStorageLocations, VolumeSnapshotLocations, Schedules and Backups of velero.io`);
      continue;
    }
    if (isVelero(object)) {
      const ns = object.metadata.namespace;
      if (ns === undefined) {
        object = { ...object, metadata: { ...object.metadata, namespace: veleroNamespace } };
      } else if (ns !== veleroNamespace) {
        problems.push(`${at}: ${object.kind} ${object.metadata.name} is in namespace ${ns}, but Velero runs in ${veleroNamespace} and sees only that namespace `
          + '(give Velero\'s namespace with --namespace)');
        continue;
      }
    }
    const key = `${groupOf(object.apiVersion)}|${object.kind}|${object.metadata.namespace ?? ''}|${object.metadata.name}`;
    const first = seen.get(key);
    if (first) {
      problems.push(`${at}: ${objectName(object)} is given twice (first in ${first.file}, document ${first.document})`);
      continue;
    }
    seen.set(key, sourced);
    stages.get(stage)!.push(object);
  }
  if (problems.length > 0) throw new CliError(`refusing to apply:\n  ${problems.join('\n  ')}`, ExitCode.USAGE);
  return { stages: STAGES.map(stage => ({ stage, objects: stages.get(stage)! })).filter(s => s.objects.length > 0) };
}
