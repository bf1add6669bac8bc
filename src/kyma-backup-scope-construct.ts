import { Construct } from 'constructs';
import { BackupNamespaces } from './backup-namespaces';
import { BackupScope } from './backup-scope';
import { BackupResourceHook } from './hooks';
import { KymaBackupStorageLocation } from './kyma-backup-storage-location';
import { KymaVolumeSnapshotLocation } from './kyma-volume-snapshot-location';
import { LabelSelector } from './label-selector';

/**
 * What the backup constructs share: one or two backup scopes, rendered at
 * synth, so that these methods work after construction. The methods add to
 * what the props give; `use…()` replaces the locations.
 */
export abstract class KymaBackupScopeConstruct extends Construct {
  /** @internal The scopes the methods change. */
  protected abstract readonly _scopes: BackupScope[];

  /** Adds system namespaces, after those of the props (or the guide's six). */
  public addSystemNamespaces(namespaces: BackupNamespaces): void {
    for (const scope of this._scopes) scope.addSystemNamespaces(namespaces);
  }

  /** Leaves these namespaces out, after the default exclusions and `excludedNamespaces`. */
  public excludeNamespaces(namespaces: BackupNamespaces): void {
    for (const scope of this._scopes) scope.excludeNamespaces(namespaces);
  }

  /** Leaves these resources out (old-style filter), after the guide's exclusions and `excludedResources`. */
  public excludeResources(...resources: string[]): void {
    for (const scope of this._scopes) scope.excludeResources(resources);
  }

  /** Adds a hook, after those of the props. */
  public addHook(hook: BackupResourceHook): void {
    for (const scope of this._scopes) scope.addHook(hook);
  }

  /** Also backs up objects matching this selector (`orLabelSelectors`). */
  public addOrLabelSelector(selector: LabelSelector): void {
    for (const scope of this._scopes) scope.addOrLabelSelector(selector);
  }

  /** Writes the backups to this storage location (replacing `storageLocation`). */
  public useStorageLocation(location: KymaBackupStorageLocation): void {
    for (const scope of this._scopes) scope.useStorageLocation(location.name);
  }

  /** Takes volume snapshots in these locations (replacing `volumeSnapshotLocations`). */
  public useVolumeSnapshotLocations(...locations: KymaVolumeSnapshotLocation[]): void {
    for (const scope of this._scopes) scope.useVolumeSnapshotLocations(locations.map(l => l.name));
  }
}
