import { KymaBackupScopeOptions } from './scope-options';

/** Props of `KymaSystemBackup` and `KymaUserBackup`: one on-demand Velero Backup. */
export interface KymaBackupProps extends KymaBackupScopeOptions {
  /**
   * The Backup's name. Velero keeps one backup per name, so an on-demand
   * backup is taken again only under a new name.
   *
   * @default "kyma-system-backup" for the system backup, "kyma-backup" for the user backup
   */
  readonly name?: string;
}
