// What a Restore would bring back, from its backup's resource list (the
// BackupResourceList Velero writes beside each backup), as a plain function:
// the Restore's resource and namespace filters, the cluster-scoped switch,
// namespaceMapping, and the resources Velero never restores
// (test/cli-restore.test.ts). `kyma-backup restore --dry-run` prints it.
import type { RestoreObject } from './velero-state';

/**
 * The resources Velero v1.18.1 never restores: its restore controller adds
 * them to every Restore's excluded resources (and refuses a Restore that
 * includes one).
 */
export const NON_RESTORABLE = [
  'nodes', 'events', 'events.events.k8s.io', 'backups.velero.io', 'restores.velero.io', 'resticrepositories.velero.io',
  'csinodes.storage.k8s.io', 'volumeattachments.storage.k8s.io', 'backuprepositories.velero.io',
];

/**
 * Resources Velero v1.18.1 restores whatever the Restore's resource and
 * namespace filters say (the data mover's and CSI snapshots' records); the
 * cluster-scoped switch still applies.
 */
export const ALWAYS_RESTORED = ['datauploads.velero.io', 'volumesnapshotcontents.snapshot.storage.k8s.io'];

/** An item of a resource list: `apps/v1/Deployment` and `shop/e2e-app`, or `v1/Namespace` and `shop`. */
export interface ListedItem {
  /** `apps/v1`, `v1`. */
  readonly apiVersion: string;
  readonly kind: string;
  /** Undefined for a cluster-scoped object. */
  readonly namespace?: string;
  readonly name: string;
}

/** The items of a resource list as Velero writes it: `{"<group/version>/<Kind>": ["<namespace>/<name>" | "<name>", ...]}`. */
export function listedItems(list: Record<string, readonly string[]>): ListedItem[] {
  return resourceListEntries(list).map(({ apiVersion, kind, entry }) => ({ apiVersion, kind, ...namespacedName(entry) }));
}

/** Each entry of a Velero resource list with the API version and kind of its key (keys that name no kind are passed over). */
export function resourceListEntries(list: Record<string, readonly string[]>): Array<{ apiVersion: string; kind: string; entry: string }> {
  return Object.entries(list).flatMap(([key, entries]) => {
    const slash = key.lastIndexOf('/');
    if (slash <= 0 || !Array.isArray(entries)) return [];
    return entries.map(entry => ({ apiVersion: key.slice(0, slash), kind: key.slice(slash + 1), entry }));
  });
}

/** `<namespace>/<name>` or `<name>` (cluster-scoped). */
export function namespacedName(ref: string): { namespace?: string; name: string } {
  const i = ref.indexOf('/');
  return i < 0 ? { name: ref } : { namespace: ref.slice(0, i), name: ref.slice(i + 1) };
}

/** A resource by its API: `deployments.apps`, `configmaps` (core), as the Restore's filters name it. */
export interface ResourceName {
  /** The plural name. */
  readonly plural: string;
  /** The API group; `` for core. */
  readonly group: string;
  /** Whether the name was guessed from the kind (the API server does not serve the kind now). */
  readonly guessed?: boolean;
}

/** The full name of a resource, `<plural>.<group>`, or `<plural>` for core. */
export function fullName(resource: ResourceName): string {
  return resource.group ? `${resource.plural}.${resource.group}` : resource.plural;
}

/** The plural Kubernetes guesses for a kind it does not know (`UnsafeGuessKindToResource`). */
export function guessPlural(kind: string): string {
  const lower = kind.toLowerCase();
  if (lower.endsWith('s')) return `${lower}es`;
  if (lower.endsWith('y')) return `${lower.slice(0, -1)}ies`;
  return `${lower}s`;
}

/** Whether a filter entry names the resource: `*`, its full name, its plural, or its kind. */
function names(entry: string, resource: ResourceName, kind: string): boolean {
  const e = entry.toLowerCase();
  return e === '*' || e === fullName(resource) || e === resource.plural || e === kind.toLowerCase();
}

/** Velero's namespace patterns: `*` and `?` as in a shell glob. */
function globMatches(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.split('').map(c => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('')}$`);
  return re.test(value);
}

function included(includes: readonly string[] | undefined, excludes: readonly string[] | undefined, match: (pattern: string) => boolean): boolean {
  const inc = includes ?? [];
  if (inc.length > 0 && !inc.some(match)) return false;
  return !(excludes ?? []).some(match);
}

export interface PreviewCount {
  /** The namespace the items would land in (after namespaceMapping); `` for cluster-scoped ones. */
  readonly namespace: string;
  /** `apps/v1/Deployment`. */
  readonly kind: string;
  readonly count: number;
}

export interface RestorePreview {
  /** Every item the Restore would bring back, where it would land: `apps/v1/Deployment shop/e2e-app`. */
  readonly items: string[];
  readonly counts: PreviewCount[];
  /** What the preview could not judge (label selectors, guessed resource names). */
  readonly notes: string[];
}

/** The key of an item for comparisons: `<apiVersion>/<Kind> <namespace>/<name>` or `<apiVersion>/<Kind> <name>`. */
export function itemKey(item: ListedItem): string {
  return `${item.apiVersion}/${item.kind} ${item.namespace !== undefined ? `${item.namespace}/` : ''}${item.name}`;
}

/**
 * What a Restore would bring back of its backup's items. Namespaced items by
 * the namespace filters, then mapped; cluster-scoped ones by
 * `includeClusterResources` (unset: only when every namespace is included and none excluded);
 * a Namespace by the namespace filters, and whenever an item is restored into
 * it (Velero creates the namespace of what it restores). Label selectors and
 * what Velero's own plugins skip at restore cannot be judged from the list:
 * the notes say so.
 */
export function previewRestore(restore: RestoreObject, list: Record<string, readonly string[]>,
  resourceOf: (apiVersion: string, kind: string) => ResourceName): RestorePreview {
  const spec = restore.spec ?? {};
  const notes: string[] = [];
  const guessed = new Set<string>();
  const excludedResources = [...spec.excludedResources ?? [], ...NON_RESTORABLE];
  // Velero's IncludeEverything: every namespace included (none listed, or `*`) and none excluded.
  const includes = spec.includedNamespaces ?? [];
  const allNamespaces = (includes.length === 0 || (includes.length === 1 && includes[0] === '*')) && (spec.excludedNamespaces ?? []).length === 0;
  const clusterScoped = spec.includeClusterResources ?? allNamespaces;
  const mapping = spec.namespaceMapping ?? {};
  const namespaceIn = (ns: string) => included(spec.includedNamespaces, spec.excludedNamespaces, p => globMatches(p, ns));

  const result: ListedItem[] = [];
  const namespaces: ListedItem[] = [];
  for (const item of listedItems(list)) {
    const resource = resourceOf(item.apiVersion, item.kind);
    if (resource.guessed) guessed.add(`${item.apiVersion}/${item.kind} as ${fullName(resource)}`);
    const mustHave = ALWAYS_RESTORED.includes(fullName(resource));
    const resourceIn = mustHave || included(spec.includedResources, excludedResources, p => names(p, resource, item.kind));
    if (item.apiVersion === 'v1' && item.kind === 'Namespace') {
      if (resourceIn && namespaceIn(item.name)) namespaces.push(item);
      continue;
    }
    if (!resourceIn) continue;
    if (item.namespace !== undefined) {
      if (!mustHave && !namespaceIn(item.namespace)) continue;
      result.push({ ...item, namespace: mapping[item.namespace] ?? item.namespace });
    } else if (clusterScoped) {
      result.push(item);
    }
  }
  // The namespaces: those the filters restore, and those Velero creates for what it restores into them.
  const target = new Set<string>(namespaces.map(n => mapping[n.name] ?? n.name));
  for (const item of result) if (item.namespace !== undefined) target.add(item.namespace);
  for (const ns of target) result.push({ apiVersion: 'v1', kind: 'Namespace', name: ns });

  if (target.size > 0) {
    notes.push('each namespace is listed; Velero creates those that do not exist when it restores, and its own list of what it restored names only those');
  }
  if (spec.labelSelector || (spec.orLabelSelectors ?? []).length > 0) {
    notes.push('the Restore has a label selector, which the resource list cannot evaluate (it holds names, not labels): the counts are what it could bring back at most');
  }
  if (guessed.size > 0) {
    notes.push(`the API server does not serve ${[...guessed].map(g => g.split(' as ')[0]).join(', ')} now: their resource names were guessed from the kind for the filters (${[...guessed].join(', ')})`);
  }
  const items = [...new Set(result.map(itemKey))].sort();
  const counts = new Map<string, PreviewCount>();
  for (const item of result) {
    const key = `${item.namespace ?? ''}|${item.apiVersion}/${item.kind}`;
    const c = counts.get(key);
    counts.set(key, { namespace: item.namespace ?? '', kind: `${item.apiVersion}/${item.kind}`, count: (c?.count ?? 0) + 1 });
  }
  return {
    items,
    counts: [...counts.values()].sort((a, b) => a.namespace.localeCompare(b.namespace) || a.kind.localeCompare(b.kind)),
    notes,
  };
}
