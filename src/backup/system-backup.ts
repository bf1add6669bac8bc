import { Construct } from 'constructs';
import { BackupScopeKind } from './scope';
import { KymaBackupBase } from './backup';
import { KymaBackupProps } from './backup-props';
import { SYSTEM_BACKUP_NAME } from '../core/defaults';

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
