// The one validator of Velero objects: judges a manifest as `cdk8s synth`
// writes it (or as a user wrote it by hand) with the API server's CRD schema,
// Kubernetes' metadata rules and Velero v1.18.1's own checks for its kind.
import { backupSpecProblems } from './backup-spec';
import { checkAgainstCrd, hasVeleroSchema } from './crd-schema';
import { annotationProblems, annotationsSizeProblems, labelProblems } from './labels';
import { snapshotLocationSpecProblems, storageLocationSpecProblems } from './location-spec';
import { objectMetaProblems } from './object-meta';
import { Problem, ProblemKind, problem } from './problem';
import { restoreSpecProblems } from './restore-spec';
import { checkSchedule } from '../time/cron';

const VELERO_GROUP = 'velero.io';

/** True when the manifest belongs to Velero's API group (whatever its kind). */
export function isVeleroManifest(manifest: unknown): boolean {
  const apiVersion = (manifest as any)?.apiVersion;
  return typeof apiVersion === 'string' && apiVersion.split('/')[0] === VELERO_GROUP;
}

/** Every reason the API server or Velero would refuse this one object, plus our deliberate refusals. */
export function veleroObjectProblems(manifest: any): Problem[] {
  if (!hasVeleroSchema(manifest.apiVersion, manifest.kind)) {
    return [problem('kind', `${manifest.apiVersion}/${manifest.kind}`, 'is not served by Velero v1.18.1',
      'velero.io/v1 Backup, Schedule, Restore, BackupStorageLocation or VolumeSnapshotLocation')];
  }
  const schema = checkAgainstCrd(manifest);
  const problems = [...schema.problems];
  try {
    problems.push(...ruleProblems(schema.accepted));
  } catch (e) {
    // A rule must never take the rest of the report with it.
    problems.push(problem('(object)', undefined, `could not be checked: ${(e as Error).message}`,
      'please report this as a bug of cdk8s-kyma-backup', ProblemKind.PROPS));
  }
  return problems;
}

/** Velero's and Kubernetes' rules, over an object whose values all have their declared types. */
function ruleProblems(object: any): Problem[] {
  const problems = metadataProblems(object.metadata ?? {}, object.kind === 'Schedule');
  const spec = object.spec ?? {};
  switch (object.kind) {
    case 'Backup':
      problems.push(...backupSpecProblems(spec, 'spec'));
      break;
    case 'Schedule':
      if (typeof spec.schedule === 'string') {
        problems.push(...scheduleProblems(spec.schedule));
      }
      problems.push(...backupSpecProblems(spec.template ?? {}, 'spec.template'));
      break;
    case 'Restore':
      problems.push(...restoreSpecProblems(spec));
      break;
    case 'BackupStorageLocation':
      problems.push(...storageLocationSpecProblems(spec));
      break;
    case 'VolumeSnapshotLocation':
      problems.push(...snapshotLocationSpecProblems(spec));
      break;
  }
  return problems;
}

/** Kubernetes' rules for an object's name, namespace, labels and annotations. */
export function metadataProblems(metadata: any, isSchedule: boolean): Problem[] {
  const problems: Problem[] = [];
  const { name, namespace } = metadata;
  if (typeof name !== 'string') {
    problems.push(problem('metadata.name', name, name === undefined ? 'is missing' : 'is not a string', 'an object name (DNS-1123 subdomain)'));
  }
  // Without a namespace the object goes where `kubectl apply -n` puts it.
  if (namespace !== undefined && typeof namespace !== 'string') {
    problems.push(problem('metadata.namespace', namespace, 'is not a string', 'Velero\'s namespace, such as kyma-backup'));
  }
  if (typeof name === 'string') {
    problems.push(...objectMetaProblems(name, typeof namespace === 'string' ? namespace : undefined, { isSchedule }));
  }
  problems.push(...stringMapProblems(metadata.labels, 'metadata.labels', (key, value) => labelProblems(key, value, 'metadata.labels')));
  problems.push(...stringMapProblems(metadata.annotations, 'metadata.annotations', (key, value) => annotationProblems(key, value, 'metadata.annotations')));
  if (metadata.annotations && typeof metadata.annotations === 'object') {
    problems.push(...annotationsSizeProblems(metadata.annotations, 'metadata.annotations'));
  }
  return problems;
}

/** A map of strings (labels, annotations), each entry checked by `each`. */
function stringMapProblems(map: unknown, field: string, each: (key: string, value: string) => Problem[]): Problem[] {
  if (map === undefined) return [];
  if (map === null || typeof map !== 'object' || Array.isArray(map)) {
    return [problem(field, map, 'is not a map', 'Kubernetes accepts a map of string keys to string values')];
  }
  return Object.entries(map).flatMap(([key, value]) => typeof value === 'string'
    ? each(key, value)
    : [problem(`${field}[${JSON.stringify(key)}]`, value, 'is not a string', 'Kubernetes accepts string values only')]);
}

function scheduleProblems(schedule: string): Problem[] {
  const check = checkSchedule(schedule);
  if (check.veleroError) {
    return [problem('spec.schedule', schedule, check.veleroError,
      'Velero accepts five cron fields (minute hour day-of-month month day-of-week, with names, ranges, lists, steps and ?), '
      + 'a descriptor (@yearly, @monthly, @weekly, @daily, @hourly, @every <Go duration>), optionally after CRON_TZ=<IANA zone>')];
  }
  if (check.deliberateError) {
    return [problem('spec.schedule', schedule, check.deliberateError, 'a schedule that runs, at most once a minute, is accepted', ProblemKind.DELIBERATE)];
  }
  return [];
}

/** A Velero object with where it comes from, for the checks across objects. */
export interface LocatedObject {
  readonly manifest: any;
  /** How problems name the object: a construct path, or kind, namespace and name. */
  readonly where: string;
}

/** Longest list of other places a duplicate-name problem prints. */
const MAX_LISTED = 5;

/**
 * Objects of one kind with one name in one namespace: applied together, the
 * last would replace the others. One problem per name (on its first object),
 * listing the others, so the report grows linearly with the app.
 */
function duplicateNameProblems(objects: readonly LocatedObject[]): Map<LocatedObject, Problem> {
  const byKey = new Map<string, LocatedObject[]>();
  for (const object of objects) {
    const { kind, metadata } = object.manifest;
    if (typeof metadata?.name !== 'string') continue;
    const key = `${kind}\u0000${metadata.namespace ?? ''}\u0000${metadata.name}`;
    const group = byKey.get(key);
    if (group) group.push(object); else byKey.set(key, [object]);
  }
  const problems = new Map<LocatedObject, Problem>();
  for (const group of byKey.values()) {
    if (group.length < 2) continue;
    const [first, ...others] = group;
    const { kind, metadata } = first.manifest;
    const listed = others.slice(0, MAX_LISTED).map(o => o.where).join(', ');
    const more = others.length > MAX_LISTED ? ` and ${others.length - MAX_LISTED} more` : '';
    problems.set(first, problem('metadata.name', metadata.name,
      `names a ${kind} in namespace ${metadata.namespace ?? '(none)'} that ${others.length} other object${others.length > 1 ? 's' : ''} also create${others.length > 1 ? '' : 's'} (${listed}${more})`,
      `each ${kind} needs a name of its own in its namespace; applied together, the last would replace the others`, ProblemKind.DELIBERATE));
  }
  return problems;
}

/**
 * The checks across the objects of one app (or one set of manifests): names
 * shared by several objects, more than one default storage location in a
 * namespace, and, where the objects define locations, backups naming a
 * location they do not define. All are cluster state to Velero, so they are
 * deliberate refusals: Velero takes each object, and the backups fail later.
 */
export function crossObjectProblems(objects: readonly LocatedObject[]): Map<LocatedObject, Problem[]> {
  const problems = new Map<LocatedObject, Problem[]>();
  const add = (object: LocatedObject, p: Problem) => {
    const list = problems.get(object);
    if (list) list.push(p); else problems.set(object, [p]);
  };
  for (const [object, p] of duplicateNameProblems(objects)) add(object, p);

  const locations = (kind: string) => {
    const byNamespace = new Map<string, LocatedObject[]>();
    for (const o of objects) {
      if (o.manifest.kind !== kind) continue;
      const ns = String(o.manifest.metadata?.namespace ?? '');
      byNamespace.set(ns, [...byNamespace.get(ns) ?? [], o]);
    }
    return byNamespace;
  };
  const storage = locations('BackupStorageLocation');
  const snapshots = locations('VolumeSnapshotLocation');

  for (const [ns, bsls] of storage) {
    const defaults = bsls.filter(o => o.manifest.spec?.default === true);
    if (defaults.length > 1) {
      add(defaults[0], problem('spec.default', true, `is set on ${defaults.length} storage locations in namespace ${ns || '(none)'} (${defaults.map(o => o.where).join(', ')})`,
        'at most one default BackupStorageLocation per namespace; Velero would pick one of them', ProblemKind.DELIBERATE));
    }
  }
  for (const o of objects) {
    const { kind, metadata } = o.manifest;
    const at = kind === 'Backup' ? 'spec' : kind === 'Schedule' ? 'spec.template' : undefined;
    if (!at) continue;
    const spec = (kind === 'Backup' ? o.manifest.spec : o.manifest.spec?.template) ?? {};
    const ns = String(metadata?.namespace ?? '');
    const bsls = storage.get(ns);
    if (bsls && typeof spec.storageLocation === 'string' && spec.storageLocation !== ''
      && !bsls.some(b => b.manifest.metadata?.name === spec.storageLocation)) {
      add(o, problem(`${at}.storageLocation`, spec.storageLocation, `names no BackupStorageLocation of this app in namespace ${ns || '(none)'}`,
        `one the app defines: ${bsls.map(b => b.manifest.metadata?.name).join(', ')}`, ProblemKind.DELIBERATE));
    }
    const vsls = snapshots.get(ns);
    if (vsls && Array.isArray(spec.volumeSnapshotLocations)) {
      spec.volumeSnapshotLocations.forEach((name: unknown, i: number) => {
        if (!vsls.some(v => v.manifest.metadata?.name === name)) {
          add(o, problem(`${at}.volumeSnapshotLocations[${i}]`, name, `names no VolumeSnapshotLocation of this app in namespace ${ns || '(none)'}`,
            `one the app defines: ${vsls.map(v => v.manifest.metadata?.name).join(', ')}`, ProblemKind.DELIBERATE));
        }
      });
    }
  }
  return problems;
}
