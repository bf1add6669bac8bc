// The two Velero Schedules of one cadence, system and user, as both
// `KymaBackupSchedule` and `KymaBackupPlan` write them.
import { Duration, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { BackupSchedule } from './backup-schedule';
import { BackupScope } from './backup-scope';
import { OwnedObject } from './owned-objects';
import { DEFAULT_RETENTION_CHECK_YEAR, retentionGapProblems } from './validation/retention';
import { ValidatedSchedule } from './velero-objects';
import { Schedule, ScheduleSpecTemplate } from '../imports/velero.io';

/** Names of the two Schedules, fixed when they are added. */
export interface SchedulePairNames {
  readonly systemName: string;
  readonly userName: string;
}

/** What the pair's specs take beyond their scopes, read at synth. */
export interface SchedulePairSettings {
  readonly schedule: BackupSchedule;
  /** Replaces the scope options' `ttl` in both templates. */
  readonly ttl?: Duration;
  readonly paused?: boolean;
  readonly useOwnerReferencesInBackup?: boolean;
  readonly skipImmediately?: boolean;
  readonly allowRetentionGap?: boolean;
  readonly retentionCheckYear?: number;
}

export interface SchedulePair {
  readonly system: Schedule;
  readonly user: Schedule;
  /** Both, with their labels and checks, for the owner's validation. */
  readonly owned: OwnedObject[];
}

/** Adds the pair under `owner` as `<idPrefix>System` and `<idPrefix>User`. */
export function addSchedulePair(owner: Construct, idPrefix: string, labelPrefix: string,
  scopes: { readonly system: BackupScope; readonly user: BackupScope }, names: SchedulePairNames,
  settings: () => SchedulePairSettings): SchedulePair {
  const add = (kind: 'System' | 'User', scope: BackupScope) => new ValidatedSchedule(owner, `${idPrefix}${kind}`, {
    metadata: { name: kind === 'System' ? names.systemName : names.userName, namespace: scope.veleroNamespace },
    spec: Lazy.any({
      produce: () => {
        const s = settings();
        return withoutUndefined({
          schedule: s.schedule.expressionString,
          // Velero's Schedule template is its BackupSpec type; the generated
          // TypeScript names differ only in their hook enum types.
          template: scope.renderSpec(s.ttl) as unknown as ScheduleSpecTemplate,
          paused: s.paused,
          useOwnerReferencesInBackup: s.useOwnerReferencesInBackup,
          skipImmediately: s.skipImmediately,
        });
      },
    }),
  });
  const system = add('System', scopes.system);
  const user = add('User', scopes.user);
  const checks = (scope: BackupScope) => (manifest: any) => {
    const s = settings();
    return [
      ...scope.intentProblems(manifest.spec?.template, 'spec.template'),
      ...(s.allowRetentionGap ? [] : retentionGapProblems(manifest, s.retentionCheckYear ?? DEFAULT_RETENTION_CHECK_YEAR)),
    ];
  };
  return {
    system,
    user,
    owned: [
      { object: system, label: `${labelPrefix}System`, intentChecks: checks(scopes.system) },
      { object: user, label: `${labelPrefix}User`, intentChecks: checks(scopes.user) },
    ],
  };
}

function withoutUndefined<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T;
}
