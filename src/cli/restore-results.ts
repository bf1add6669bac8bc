// What a Restore left behind in the object store, read through Velero
// DownloadRequests, as plain functions: its warnings and errors
// (RestoreResults) and the list of what it restored (RestoreResourceList),
// and the verdict of `kyma-backup verify` (test/cli-restore.test.ts).
import { ListedItem, itemKey, namespacedName, resourceListEntries } from './restore-preview';

/** Velero's results of a restore: messages of Velero itself, of cluster-scoped objects, and by namespace. */
export interface ResultMessages {
  velero?: string[];
  cluster?: string[];
  namespaces?: Record<string, string[]>;
}

export interface RestoreResults {
  warnings?: ResultMessages;
  errors?: ResultMessages;
}

/** The lines of one kind of results: `velero: ...`, `cluster: ...`, `namespace shop: ...`; none when empty. */
export function resultLines(messages: ResultMessages | undefined): string[] {
  if (!messages) return [];
  return [
    ...(messages.velero ?? []).map(m => `velero: ${m}`),
    ...(messages.cluster ?? []).map(m => `cluster: ${m}`),
    ...Object.keys(messages.namespaces ?? {}).sort().flatMap(ns => (messages.namespaces![ns] ?? []).map(m => `namespace ${ns}: ${m}`)),
  ];
}

/** What Velero did with an item of a restore. */
export type RestoreAction = 'created' | 'updated' | 'skipped' | 'failed';

export interface RestoredItem extends ListedItem {
  readonly action: RestoreAction | string;
}

/** The items of a RestoreResourceList: `{"apps/v1/Deployment": ["shop/e2e-app(created)", ...]}`. */
export function restoredItems(list: Record<string, readonly string[]>): RestoredItem[] {
  const items: RestoredItem[] = resourceListEntries(list).map(({ apiVersion, kind, entry }) => {
    const m = /^(.*)\(([a-zA-Z]+)\)$/.exec(entry);
    return { apiVersion, kind, ...namespacedName(m ? m[1] : entry), action: m ? m[2] : 'created' };
  });
  return items.sort((a, b) => itemKey(a).localeCompare(itemKey(b)));
}

/**
 * Kinds whose objects the control plane owns and replaces under other names
 * after a restore: an IPAddress is named by a Service's cluster IP, which
 * Velero drops so that the API server allocates a new one (its repair loop
 * then deletes the restored, unused IPAddress); the EndpointSlice controller
 * replaces the slices of each Service with its own. Gone, they are reported
 * apart, not as missing.
 */
export const REPLACED_BY_CONTROL_PLANE = ['networking.k8s.io/v1/IPAddress', 'networking.k8s.io/v1beta1/IPAddress', 'discovery.k8s.io/v1/EndpointSlice'];

export interface Verification {
  /** Restored (created or updated) and in the cluster now. */
  readonly present: string[];
  /** Restored, or failed to be, and not in the cluster now. */
  readonly missing: string[];
  /** Skipped by Velero on purpose (it existed, with existingResourcePolicy none or not; or filtered), whether present or not. */
  readonly skipped: string[];
  /**
   * In the cluster, and Velero marked it `failed`: it reported a warning or
   * an error for it (such as an object that existed and differs from the backup).
   */
  readonly failedButPresent: string[];
  /** Restored, and gone since, of a kind the control plane replaces (REPLACED_BY_CONTROL_PLANE). */
  readonly replaced: string[];
}

/**
 * The verdict of verify: of what the restore created or updated (or failed
 * to), what is not in the cluster now is missing; what Velero skipped is
 * apart. `exists` tells, by item key, whether the object is there now.
 */
export function verifyRestored(items: readonly RestoredItem[], exists: (item: RestoredItem) => boolean): Verification {
  const v: Verification = { present: [], missing: [], skipped: [], failedButPresent: [], replaced: [] };
  for (const item of items) {
    const key = itemKey(item);
    if (item.action === 'skipped') {
      v.skipped.push(key);
      continue;
    }
    const here = exists(item);
    if (!here && REPLACED_BY_CONTROL_PLANE.includes(`${item.apiVersion}/${item.kind}`)) v.replaced.push(key);
    else if (!here) v.missing.push(item.action === 'failed' ? `${key} (Velero reported a warning or error for it)` : key);
    else if (item.action === 'failed') v.failedButPresent.push(key);
    else v.present.push(key);
  }
  return v;
}
