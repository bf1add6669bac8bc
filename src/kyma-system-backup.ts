import { Construct } from 'constructs';
import { addBackupResource } from './backup-resource';
import { BackupScopeKind } from './backup-scope';
import { KymaBackupProps } from './kyma-backup-props';
import { SYSTEM_BACKUP_NAME } from './kyma-defaults';
import { Backup } from '../imports/velero.io';

/**
 * An on-demand Velero Backup of the Kyma system namespaces: by default the
 * guide's `system-backup.yaml` as Backup `kyma-system-backup` in namespace
 * `kyma-backup`. A full cluster backup needs a `KymaUserBackup` too.
 */
export class KymaSystemBackup extends Construct {
  /** The underlying Velero Backup (escape hatch for fields the props do not cover). */
  public readonly backup: Backup;

  constructor(scope: Construct, id: string, props: KymaBackupProps = {}) {
    super(scope, id);
    this.backup = addBackupResource(this, BackupScopeKind.SYSTEM, SYSTEM_BACKUP_NAME, props);
  }
}
