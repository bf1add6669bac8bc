// The two Velero Schedules of one cadence, system and user, as both
// `KymaBackupSchedule` and `KymaBackupPlan` write them.
import { Duration, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { BackupSchedule } from './backup-schedule';
import { Schedule, ScheduleSpecTemplate } from '../../imports/velero.io';
import { BackupScope } from '../backup/scope';
import { OwnedObject } from '../private/owned-objects';
import { ValidatedSchedule } from '../private/velero-objects';
import { DEFAULT_RETENTION_CHECK_YEAR, retentionGapProblems } from '../validation/retention';

/** What a pair of Schedules takes beyond its scopes, fixed when it is added. */
export interface SchedulePairSettings {
  readonly systemName: string;
  readonly userName: string;
  readonly paused?: boolean;
  readonly useOwnerReferencesInBackup?: boolean;
  readonly skipImmediately?: boolean;
  readonly allowRetentionGap?: boolean;
  readonly retentionCheckYear?: number;
  /** When the pair runs, read at synth (a plan staggers its rules then). */
  readonly schedule: () => BackupSchedule;
  /** Replaces the scope options' `ttl` in both templates, read at synth. */
  readonly ttl?: () => Duration | undefined;
}

export interface SchedulePair {
  readonly system: Schedule;
  readonly user: Schedule;
  /** Both, with their labels and checks, for the owner's validation. */
  readonly owned: OwnedObject[];
}

/** Adds the pair under `owner` as `<idPrefix>System` and `<idPrefix>User`. */
export function addSchedulePair(owner: Construct, idPrefix: string, labelPrefix: string,
  scopes: { readonly system: BackupScope; readonly user: BackupScope }, settings: SchedulePairSettings): SchedulePair {
  const add = (kind: 'System' | 'User', scope: BackupScope) => new ValidatedSchedule(owner, `${idPrefix}${kind}`, {
    metadata: { name: kind === 'System' ? settings.systemName : settings.userName, namespace: scope.veleroNamespace },
    spec: {
      schedule: Lazy.any({ produce: () => settings.schedule()._toVelero() }) as string,
      // Velero's Schedule template is its BackupSpec type; the generated
      // TypeScript names differ only in their hook enum types.
      template: Lazy.any({ produce: () => scope.renderSpec(settings.ttl?.()) }) as ScheduleSpecTemplate,
      paused: settings.paused,
      useOwnerReferencesInBackup: settings.useOwnerReferencesInBackup,
      skipImmediately: settings.skipImmediately,
    },
  });
  const system = add('System', scopes.system);
  const user = add('User', scopes.user);
  const year = settings.retentionCheckYear ?? DEFAULT_RETENTION_CHECK_YEAR;
  const checks = (scope: BackupScope) => (manifest: any) => [
    ...scope.intentProblems(manifest.spec?.template, 'spec.template'),
    ...(settings.allowRetentionGap ? [] : retentionGapProblems(manifest, year)),
  ];
  return {
    system,
    user,
    owned: [
      { object: system, label: `${labelPrefix}System`, intentChecks: checks(scopes.system) },
      { object: user, label: `${labelPrefix}User`, intentChecks: checks(scopes.user) },
    ],
  };
}
