// The values of Kyma's guide "Back up a Kyma cluster" and its two sample specs
// (system-backup.yaml, all-backup.yaml), which the constructs reproduce by default.

/** The namespace Kyma installs Velero into, where the Backups and Schedules live. */
export const VELERO_NAMESPACE = 'kyma-backup';

/** The Kyma system namespaces of the guide's system backup. */
export const KYMA_SYSTEM_NAMESPACES: readonly string[] = [
  'istio-system',
  'kyma-system',
  'kyma-integration',
  'kyma-installer',
  'default',
  'natss',
];

/** Resources the guide's system backup leaves out. */
export const SYSTEM_EXCLUDED_RESOURCES: readonly string[] = ['testdefinitions.testing.kyma-project.io', 'pods'];

/** Resources the guide's user backup leaves out. */
export const USER_EXCLUDED_RESOURCES: readonly string[] = ['pods'];

export const DEFAULT_STORAGE_LOCATION = 'default';
export const DEFAULT_VOLUME_SNAPSHOT_LOCATIONS: readonly string[] = ['default'];

/** The guide's schedule for both Schedules: every day at 01:00. */
export const DEFAULT_SCHEDULE = '0 1 * * *';

export const SYSTEM_BACKUP_NAME = 'kyma-system-backup';
export const USER_BACKUP_NAME = 'kyma-backup';

/** The annotation that orders what Argo CD applies (lower waves first). */
export const ARGO_CD_SYNC_WAVE = 'argocd.argoproj.io/sync-wave';
