import { Construct } from 'constructs';
import { BackupScope, BackupScopeKind } from './backup-scope';
import { KymaBackupProps } from './kyma-backup-props';
import { registerVeleroObject } from './velero-object-names';
import { Backup } from '../imports/velero.io';
import { objectMetaProblems } from './validation/object-meta';

/**
 * Adds the Velero Backup of one scope under `construct` (as its default
 * child, id "Resource") and registers its validation.
 */
export function addBackupResource(construct: Construct, kind: BackupScopeKind, defaultName: string, props: KymaBackupProps): Backup {
  const scope = new BackupScope(kind, props);
  const name = props.name ?? defaultName;
  const backup = new Backup(construct, 'Resource', {
    metadata: { name, namespace: scope.veleroNamespace },
    spec: scope.spec,
  });
  const duplicateProblems = registerVeleroObject(construct, 'Backup', scope.veleroNamespace, name);
  construct.node.addValidation({
    validate: () => [
      ...objectMetaProblems(name, scope.veleroNamespace),
      ...duplicateProblems(),
      ...scope.optionProblems(),
      ...scope.specProblems('spec'),
    ],
  });
  return backup;
}
