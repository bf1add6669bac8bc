import { Construct } from 'constructs';
import { addBackupResource } from './backup-resource';
import { BackupScopeKind } from './backup-scope';
import { KymaBackupProps } from './kyma-backup-props';
import { USER_BACKUP_NAME } from './kyma-defaults';
import { Backup } from '../imports/velero.io';

/**
 * An on-demand Velero Backup of every namespace outside Kyma's system
 * namespaces and Velero's own: by default the guide's `all-backup.yaml` as
 * Backup `kyma-backup` in namespace `kyma-backup`. A full cluster backup needs
 * a `KymaSystemBackup` too.
 */
export class KymaUserBackup extends Construct {
  /** The underlying Velero Backup (escape hatch for fields the props do not cover). */
  public readonly backup: Backup;

  constructor(scope: Construct, id: string, props: KymaBackupProps = {}) {
    super(scope, id);
    this.backup = addBackupResource(this, BackupScopeKind.USER, USER_BACKUP_NAME, props);
  }
}
