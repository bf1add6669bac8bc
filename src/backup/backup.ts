import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { BackupScope, BackupScopeKind } from './scope';
import { KymaBackupProps } from './backup-props';
import { KymaBackupScopeConstruct } from './scope-construct';
import { validateOwnedObjects } from '../private/owned-objects';
import { propsProblems } from '../private/props-check';
import { BACKUP_PROPS } from '../private/props-shapes';
import { ValidatedBackup } from '../private/velero-objects';
import { Backup } from '../../imports/velero.io';

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
    const backupScope = new BackupScope(kind, props);
    this._scopes = [backupScope];
    this.backup = new ValidatedBackup(this, 'Resource', {
      metadata: { name: props.name ?? defaultName, namespace: backupScope.veleroNamespace },
      spec: Lazy.any({ produce: () => backupScope.renderSpec() }),
    });
    validateOwnedObjects(this, [{ object: this.backup, intentChecks: manifest => backupScope.intentProblems(manifest.spec, 'spec') }], {
      props: () => propsProblems(props, BACKUP_PROPS),
      options: () => backupScope.optionProblems(),
    });
  }
}
