import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { BackupScope, BackupScopeKind } from './scope';
import { KymaBackupScopeConstruct } from './scope-construct';
import { SCOPE_OPTIONS_SHAPE, KymaBackupScopeOptions } from './scope-options';
import { Backup } from '../../imports/velero.io';
import { SYSTEM_BACKUP_NAME, USER_BACKUP_NAME } from '../core/defaults';
import { validateOwnedObjects } from '../private/owned-objects';
import { PropsShape, conformingProps, propsProblems, structShape } from '../private/props-check';
import { ValidatedBackup } from '../private/velero-objects';

/** Props of `KymaSystemBackup` and `KymaUserBackup`: one on-demand Velero Backup. */
export interface KymaBackupProps extends KymaBackupScopeOptions {
  /**
   * The Backup's name. Velero keeps one backup per name, so an on-demand
   * backup is taken again only under a new name.
   *
   * @default "kyma-system-backup" for the system backup, "kyma-backup" for the user backup
   */
  readonly name?: string;
}

/** The run-time shape of `KymaBackupProps`. */
export const BACKUP_PROPS_SHAPE: PropsShape = structShape('KymaBackupProps', { ...SCOPE_OPTIONS_SHAPE, name: 'string' });

/**
 * One on-demand Velero Backup of one half of a Kyma cluster: the base of
 * `KymaSystemBackup` and `KymaUserBackup`. The spec is rendered at synth, so
 * the `add…()` and `use…()` methods work after construction.
 */
export abstract class KymaBackupBase extends KymaBackupScopeConstruct {
  /** The underlying Velero Backup (also `node.defaultChild`), an escape hatch for fields the props do not cover. */
  public readonly backup: Backup;
  /** @internal */
  protected readonly _scopes: BackupScope[];

  protected constructor(scope: Construct, id: string, kind: BackupScopeKind, defaultName: string, props: KymaBackupProps) {
    super(scope, id);
    const usable = conformingProps(props, BACKUP_PROPS_SHAPE);
    const backupScope = new BackupScope(kind, usable);
    this._scopes = [backupScope];
    this.backup = new ValidatedBackup(this, 'Resource', {
      metadata: { name: usable.name ?? defaultName, namespace: backupScope.veleroNamespace },
      spec: Lazy.any({ produce: () => backupScope.renderSpec() }),
    });
    validateOwnedObjects(this, [{ object: this.backup, intentChecks: manifest => backupScope.intentProblems(manifest.spec, 'spec') }], {
      props: () => propsProblems(props, BACKUP_PROPS_SHAPE, '', true),
      options: () => backupScope.optionProblems(),
    });
  }
}

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
