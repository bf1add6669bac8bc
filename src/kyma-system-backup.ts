import { Construct } from 'constructs';
import { BackupScopeKind } from './backup-scope';
import { KymaBackupBase } from './kyma-backup-base';
import { KymaBackupProps } from './kyma-backup-props';
import { SYSTEM_BACKUP_NAME } from './kyma-defaults';

/**
 * An on-demand Velero Backup of the Kyma system namespaces: by default the
 * guide's `system-backup.yaml` as Backup `kyma-system-backup` in namespace
 * `kyma-backup`. A full cluster backup needs a `KymaUserBackup` too.
 */
export class KymaSystemBackup extends KymaBackupBase {
  constructor(scope: Construct, id: string, props: KymaBackupProps = {}) {
    super(scope, id, BackupScopeKind.SYSTEM, SYSTEM_BACKUP_NAME, props);
  }
}
