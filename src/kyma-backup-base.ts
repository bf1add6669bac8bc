import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { BackupScope, BackupScopeKind } from './backup-scope';
import { KymaBackupProps } from './kyma-backup-props';
import { KymaBackupStorageLocation } from './kyma-backup-storage-location';
import { KymaVolumeSnapshotLocation } from './kyma-volume-snapshot-location';
import { validateOwnedObjects } from './owned-objects';
import { propsProblems } from './props-check';
import { BACKUP_PROPS } from './props-shapes';
import { ValidatedBackup } from './velero-objects';
import { Backup } from '../imports/velero.io';

/**
 * One on-demand Velero Backup of one half of a Kyma cluster: the base of
 * `KymaSystemBackup` and `KymaUserBackup`. The spec is rendered at synth, so
 * the `use…()` methods work after construction.
 */
export abstract class KymaBackupBase extends Construct {
  /** The underlying Velero Backup (also `node.defaultChild`), an escape hatch for fields the props do not cover. */
  public readonly backup: Backup;
  /** @internal */
  protected readonly _scope: BackupScope;

  protected constructor(scope: Construct, id: string, kind: BackupScopeKind, defaultName: string, props: KymaBackupProps) {
    super(scope, id);
    this._scope = new BackupScope(kind, props);
    this.backup = new ValidatedBackup(this, 'Resource', {
      metadata: { name: props.name ?? defaultName, namespace: this._scope.veleroNamespace },
      spec: Lazy.any({ produce: () => this._scope.renderSpec() }),
    });
    validateOwnedObjects(this, [{ object: this.backup, intentChecks: manifest => this._scope.intentProblems(manifest.spec, 'spec') }], {
      props: () => propsProblems(props, BACKUP_PROPS),
      options: () => this._scope.optionProblems(),
    });
  }

  /** Writes the backup to this storage location (replacing `storageLocation`). */
  public useStorageLocation(location: KymaBackupStorageLocation): void {
    this._scope.useStorageLocation(location.name);
  }

  /** Takes volume snapshots in these locations (replacing `volumeSnapshotLocations`). */
  public useVolumeSnapshotLocations(...locations: KymaVolumeSnapshotLocation[]): void {
    this._scope.useVolumeSnapshotLocations(locations.map(l => l.name));
  }
}
