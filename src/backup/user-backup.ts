import { Construct } from 'constructs';
import { BackupScopeKind } from './scope';
import { KymaBackupBase } from './backup';
import { KymaBackupProps } from './backup-props';
import { USER_BACKUP_NAME } from '../core/defaults';

/**
 * An on-demand Velero Backup of every namespace outside Kyma's system
 * namespaces and Velero's own: by default the guide's `all-backup.yaml` as
 * Backup `kyma-backup` in namespace `kyma-backup`. A full cluster backup needs
 * a `KymaSystemBackup` too.
 */
export class KymaUserBackup extends KymaBackupBase {
  constructor(scope: Construct, id: string, props: KymaBackupProps = {}) {
    super(scope, id, BackupScopeKind.USER, USER_BACKUP_NAME, props);
  }
}
