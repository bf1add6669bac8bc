// The run-time shapes of the constructs' props (see props-check.ts); each
// mirrors its TypeScript interface, which stays the documentation.
import { BackupNamespaces } from '../core/namespaces';
import { BackupSchedule } from '../schedule/backup-schedule';
import { KymaBackupRule } from '../plan/rule';
import { LabelSelector } from '../core/label-selector';
import { LocationCredential } from '../location/credential';
import { PropsShape, PropType } from './props-check';
import { ResourceFilter } from '../backup/resource-filter';

export const STRINGS: PropType = { list: 'string' };
const NAMESPACES: PropType = { instanceOf: BackupNamespaces, name: 'BackupNamespaces, such as BackupNamespaces.named("kyma-system")' };

export const LABEL_SELECTOR: PropType = { instanceOf: LabelSelector, name: 'LabelSelector, such as LabelSelector.of({ labels: { app: "shop" } })' };

const EXEC_HOOK: PropType = {
  struct: { command: { required: STRINGS }, container: 'string', onError: 'string', timeout: 'duration' },
};

const BACKUP_RESOURCE_HOOK: PropType = {
  struct: {
    name: { required: 'string' },
    includedNamespaces: NAMESPACES,
    excludedNamespaces: NAMESPACES,
    includedResources: STRINGS,
    excludedResources: STRINGS,
    labelSelector: LABEL_SELECTOR,
    pre: { list: EXEC_HOOK },
    post: { list: EXEC_HOOK },
  },
};

/** `KymaBackupScopeOptions`. */
export const SCOPE_OPTIONS: PropsShape = {
  namespace: 'string',
  systemNamespaces: NAMESPACES,
  excludedNamespaces: NAMESPACES,
  ttl: 'duration',
  storageLocation: 'string',
  volumeSnapshotLocations: STRINGS,
  omitVolumeSnapshotLocations: 'boolean',
  resources: { instanceOf: ResourceFilter, name: 'ResourceFilter, such as ResourceFilter.legacy({ exclude: ["secrets"] })' },
  labelSelector: LABEL_SELECTOR,
  orLabelSelectors: { list: LABEL_SELECTOR },
  snapshotVolumes: 'boolean',
  defaultVolumesToFsBackup: 'boolean',
  snapshotMoveData: 'boolean',
  datamover: 'string',
  csiSnapshotTimeout: 'duration',
  itemOperationTimeout: 'duration',
  hooks: { list: BACKUP_RESOURCE_HOOK },
  orderedResources: { map: STRINGS },
  resourcePolicyConfigMap: 'string',
  parallelFilesUpload: 'integer',
  volumeGroupSnapshotLabelKey: 'string',
  backupLabels: { map: 'string' },
};

/** `KymaBackupProps`. */
export const BACKUP_PROPS: PropsShape = { ...SCOPE_OPTIONS, name: 'string' };

/** `KymaBackupScheduleProps`. */
export const SCHEDULE_PROPS: PropsShape = {
  ...SCOPE_OPTIONS,
  systemName: 'string',
  userName: 'string',
  schedule: { instanceOf: BackupSchedule, name: 'BackupSchedule, such as BackupSchedule.cron({ hour: "1" })' },
  paused: 'boolean',
  useOwnerReferencesInBackup: 'boolean',
  skipImmediately: 'boolean',
  allowRetentionGap: 'boolean',
  retentionCheckYear: 'integer',
};

/** `KymaBackupPlanProps`. */
export const PLAN_PROPS: PropsShape = {
  ...SCOPE_OPTIONS,
  rules: { list: { instanceOf: KymaBackupRule, name: 'KymaBackupRule, such as KymaBackupRule.daily({ keep: 7 })' } },
  systemName: 'string',
  userName: 'string',
  stagger: 'boolean',
  paused: 'boolean',
  useOwnerReferencesInBackup: 'boolean',
  skipImmediately: 'boolean',
  retentionCheckYear: 'integer',
};

const CREDENTIAL: PropType = { instanceOf: LocationCredential, name: 'LocationCredential, such as LocationCredential.fromSecret(secret, "cloud")' };

/** `KymaBackupStorageLocationProps`. */
export const BACKUP_STORAGE_LOCATION_PROPS: PropsShape = {
  name: 'string',
  namespace: 'string',
  provider: { required: 'string' },
  bucket: { required: 'string' },
  prefix: 'string',
  config: { map: 'string' },
  caCertificate: 'string',
  default: 'boolean',
  accessMode: 'string',
  backupSyncPeriod: 'duration',
  validationFrequency: 'duration',
  credential: CREDENTIAL,
};

/** `KymaVolumeSnapshotLocationProps`. */
export const VOLUME_SNAPSHOT_LOCATION_PROPS: PropsShape = {
  name: 'string',
  namespace: 'string',
  provider: { required: 'string' },
  config: { map: 'string' },
  credential: CREDENTIAL,
};

