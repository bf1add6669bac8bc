import { Duration } from 'cdk8s';
import { RESOURCE_FILTER_TYPE, ResourceFilter } from './resource-filter';
import { LABEL_SELECTOR_TYPE, LabelSelector } from '../core/label-selector';
import { BackupNamespaces, NAMESPACES_TYPE } from '../core/namespaces';
import { BACKUP_RESOURCE_HOOK_TYPE, BackupResourceHook } from '../hooks/backup-hooks';
import { PropsShape, STRINGS, structShape } from '../private/props-check';

/**
 * What a Kyma backup covers and how Velero takes it: the settings shared by
 * `KymaSystemBackup`, `KymaUserBackup` and `KymaBackupSchedule`.
 *
 * Each prop maps to one field of Velero's `BackupSpec`; a prop left unset
 * either keeps the Kyma guide's value (where the guide sets one) or leaves the
 * field out, so Velero applies its own default.
 */
export interface KymaBackupScopeOptions {
  /**
   * Velero's namespace. Every object is created in it, and it is excluded from
   * both backups (Velero's own state is not restored from a backup).
   *
   * @default "kyma-backup"
   */
  readonly namespace?: string;

  /**
   * The Kyma system namespaces. The system backup includes exactly these; the
   * user backup includes every namespace (`*`) and excludes these plus
   * Velero's namespace, so that together the two cover each namespace once.
   * More can be added after construction with `addSystemNamespaces`.
   *
   * @example BackupNamespaces.named('kyma-system', 'istio-system').and(BackupNamespaces.of(monitoring))
   * @default - the guide's six: istio-system, kyma-system, kyma-integration,
   * kyma-installer, default, natss
   */
  readonly systemNamespaces?: BackupNamespaces;

  /**
   * Further namespaces to leave out, added after the default exclusions.
   * More can be added after construction with `excludeNamespaces`.
   *
   * @default - none beyond the defaults
   */
  readonly excludedNamespaces?: BackupNamespaces;

  /**
   * How long Velero keeps each backup before garbage-collecting it; rendered
   * as a Go duration (24 h is `24h0m0s`).
   *
   * @default - not set: Velero's server default applies (30 days unless configured)
   */
  readonly ttl?: Duration;

  /**
   * The BackupStorageLocation the backup is written to.
   *
   * @default "default"
   */
  readonly storageLocation?: string;

  /**
   * The VolumeSnapshotLocations used for volume snapshots. Velero fails a
   * backup (`FailedValidation`) that names a location the cluster does not
   * have: define one (`KymaVolumeSnapshotLocation`), or see
   * `omitVolumeSnapshotLocations`.
   *
   * @default ["default"]
   */
  readonly volumeSnapshotLocations?: string[];

  /**
   * Name no VolumeSnapshotLocation at all, for clusters that back up volumes
   * with CSI snapshots or file-system backup and have no snapshot location.
   * Leaves `volumeSnapshotLocations` out of the spec instead of the guide's
   * `["default"]`.
   *
   * @default false - the guide's `["default"]`, which needs a VolumeSnapshotLocation named default
   */
  readonly omitVolumeSnapshotLocations?: boolean;

  /**
   * Which resources are backed up: `ResourceFilter.legacy({ include, exclude, clusterResources })`
   * (Velero's old-style filter, the guide's) or `ResourceFilter.scoped({ cluster, namespaced })`.
   *
   * @default - ResourceFilter.legacy(): the guide's filter: all resources but pods (and test definitions for the system backup)
   */
  readonly resources?: ResourceFilter;

  /**
   * Back up only objects matching this selector.
   *
   * @default - objects are not filtered by label
   */
  readonly labelSelector?: LabelSelector;

  /**
   * Back up objects matching any of these selectors. Velero refuses it
   * together with `labelSelector`.
   *
   * @default - not set
   */
  readonly orLabelSelectors?: LabelSelector[];

  /**
   * Whether to take snapshots of persistent volumes.
   *
   * @default - not set: Velero snapshots volumes
   */
  readonly snapshotVolumes?: boolean;

  /**
   * Whether pod volumes are backed up with file-system backup by default.
   *
   * @default - not set: the Velero server's setting applies
   */
  readonly defaultVolumesToFsBackup?: boolean;

  /**
   * Whether CSI snapshot data is moved to the backup storage.
   *
   * @default - not set: data stays in the snapshots
   */
  readonly snapshotMoveData?: boolean;

  /**
   * The data mover for `snapshotMoveData`; empty or `velero` means Velero's built-in one.
   *
   * @default - not set: the built-in data mover
   */
  readonly datamover?: string;

  /**
   * How long to wait for a CSI VolumeSnapshot to become ready.
   *
   * @default - not set: Velero's default, 10 minutes
   */
  readonly csiSnapshotTimeout?: Duration;

  /**
   * How long to wait for asynchronous BackupItemAction operations.
   *
   * @default - not set: Velero's default, 4 hours
   */
  readonly itemOperationTimeout?: Duration;

  /**
   * Commands Velero runs in selected pods before and after backing them up.
   *
   * @default - no hooks
   */
  readonly hooks?: BackupResourceHook[];

  /**
   * The order in which objects of a resource are backed up: resource name to
   * object names, `namespace/name` for namespaced objects and `name` for
   * cluster-scoped ones. Rendered as Velero's comma-separated form.
   *
   * @default - no order
   */
  readonly orderedResources?: { [resource: string]: string[] };

  /**
   * The name of a ConfigMap in Velero's namespace holding a resource policy
   * (Velero's only kind of resource policy), for a policy the app does not
   * write; for one it writes, call `useResourcePolicy(policy)` instead (not
   * both: a backup names one policy).
   *
   * @default - no resource policy
   */
  readonly resourcePolicyConfigMap?: string;

  /**
   * How many files the uploader backs up in parallel.
   *
   * @default - not set: the uploader's default
   */
  readonly parallelFilesUpload?: number;

  /**
   * The label key whose values group PVCs into VolumeGroupSnapshots.
   *
   * @default - not set: no volume group snapshots
   */
  readonly volumeGroupSnapshotLabelKey?: string;

  /**
   * Labels Velero puts on the backups it creates (`spec.metadata.labels`).
   *
   * @default - none
   */
  readonly backupLabels?: { [key: string]: string };
}

/** The run-time shape of `KymaBackupScopeOptions`. */
export const SCOPE_OPTIONS_SHAPE: PropsShape = structShape('KymaBackupScopeOptions', {
  namespace: 'literal',
  systemNamespaces: NAMESPACES_TYPE,
  excludedNamespaces: NAMESPACES_TYPE,
  ttl: 'duration',
  storageLocation: 'string',
  volumeSnapshotLocations: STRINGS,
  omitVolumeSnapshotLocations: 'boolean',
  resources: RESOURCE_FILTER_TYPE,
  labelSelector: LABEL_SELECTOR_TYPE,
  orLabelSelectors: { list: LABEL_SELECTOR_TYPE },
  snapshotVolumes: 'boolean',
  defaultVolumesToFsBackup: 'boolean',
  snapshotMoveData: 'boolean',
  datamover: 'string',
  csiSnapshotTimeout: 'duration',
  itemOperationTimeout: 'duration',
  hooks: { list: BACKUP_RESOURCE_HOOK_TYPE },
  // Joined with commas: names, not tokens.
  orderedResources: { map: { list: 'literal' } },
  resourcePolicyConfigMap: 'string',
  parallelFilesUpload: 'integer',
  volumeGroupSnapshotLabelKey: 'string',
  backupLabels: { map: 'string' },
});
