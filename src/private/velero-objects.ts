// The generated Velero classes, as our constructs create them: each hands
// `toJson()` the JSON its synth-time validation already rendered, so synth
// resolves every object once (see AppValidation.takeRendered).
import { Backup, BackupStorageLocation, Restore, Schedule, VolumeSnapshotLocation } from '../../imports/velero.io';
import { AppValidation, RendersForValidation } from '../validation/app-validation';

export class ValidatedBackup extends Backup implements RendersForValidation {
  public toJson(): any { return AppValidation.takeRendered(this) ?? super.toJson(); }
  public renderForValidation(): any { return super.toJson(); }
}

export class ValidatedSchedule extends Schedule implements RendersForValidation {
  public toJson(): any { return AppValidation.takeRendered(this) ?? super.toJson(); }
  public renderForValidation(): any { return super.toJson(); }
}

export class ValidatedRestore extends Restore implements RendersForValidation {
  public toJson(): any { return AppValidation.takeRendered(this) ?? super.toJson(); }
  public renderForValidation(): any { return super.toJson(); }
}

export class ValidatedBackupStorageLocation extends BackupStorageLocation implements RendersForValidation {
  public toJson(): any { return AppValidation.takeRendered(this) ?? super.toJson(); }
  public renderForValidation(): any { return super.toJson(); }
}

export class ValidatedVolumeSnapshotLocation extends VolumeSnapshotLocation implements RendersForValidation {
  public toJson(): any { return AppValidation.takeRendered(this) ?? super.toJson(); }
  public renderForValidation(): any { return super.toJson(); }
}
