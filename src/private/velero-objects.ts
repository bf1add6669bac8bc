// The generated Velero classes, as our constructs create them: each hands
// `toJson()` the JSON its synth-time validation already rendered, so synth
// resolves every object once (see AppValidation.takeRendered).
import { ApiObject, GroupVersionKind } from 'cdk8s';
import {
  Backup, BackupStorageLocation, Restore, Schedule, VolumeSnapshotLocation,
  toJson_BackupProps, toJson_BackupStorageLocationProps, toJson_RestoreProps, toJson_ScheduleProps, toJson_VolumeSnapshotLocationProps,
} from '../../imports/velero.io';
import { AppValidation, RendersForValidation, Rendering } from '../validation/app-validation';

/** One resolution: the object as patched, and what the generated class writes of it (its CRD's fields, in order). */
function renderOnce(object: ApiObject, gvk: GroupVersionKind, toJson: (props: any) => Record<string, any> | undefined): Rendering {
  const asPatched = ApiObject.prototype.toJson.call(object);
  return { asPatched, written: { ...gvk, ...toJson(asPatched) } };
}

export class ValidatedBackup extends Backup implements RendersForValidation {
  public toJson(): any { return AppValidation.takeRendered(this) ?? super.toJson(); }
  public renderForValidation(): Rendering { return renderOnce(this, Backup.GVK, toJson_BackupProps); }
}

export class ValidatedSchedule extends Schedule implements RendersForValidation {
  public toJson(): any { return AppValidation.takeRendered(this) ?? super.toJson(); }
  public renderForValidation(): Rendering { return renderOnce(this, Schedule.GVK, toJson_ScheduleProps); }
}

export class ValidatedRestore extends Restore implements RendersForValidation {
  public toJson(): any { return AppValidation.takeRendered(this) ?? super.toJson(); }
  public renderForValidation(): Rendering { return renderOnce(this, Restore.GVK, toJson_RestoreProps); }
}

export class ValidatedBackupStorageLocation extends BackupStorageLocation implements RendersForValidation {
  public toJson(): any { return AppValidation.takeRendered(this) ?? super.toJson(); }
  public renderForValidation(): Rendering { return renderOnce(this, BackupStorageLocation.GVK, toJson_BackupStorageLocationProps); }
}

export class ValidatedVolumeSnapshotLocation extends VolumeSnapshotLocation implements RendersForValidation {
  public toJson(): any { return AppValidation.takeRendered(this) ?? super.toJson(); }
  public renderForValidation(): Rendering { return renderOnce(this, VolumeSnapshotLocation.GVK, toJson_VolumeSnapshotLocationProps); }
}
