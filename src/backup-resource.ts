import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { BackupScope, BackupScopeKind } from './backup-scope';
import { KymaBackupProps } from './kyma-backup-props';
import { propsProblems } from './props-check';
import { BACKUP_PROPS } from './props-shapes';
import { ValidatedBackup } from './velero-objects';
import { Backup } from '../imports/velero.io';
import { AppValidation } from './validation/app-validation';
import { formatProblem } from './validation/problem';

/**
 * Adds the Velero Backup of one scope under `construct` (as its default
 * child, id "Resource"), rendered at synth, and registers its validation:
 * the props first, then the Backup as it is written.
 */
export function addBackupResource(construct: Construct, kind: BackupScopeKind, defaultName: string, props: KymaBackupProps): Backup {
  const scope = new BackupScope(kind, props);
  const typeProblems = () => propsProblems(props, BACKUP_PROPS);
  const backup = new ValidatedBackup(construct, 'Resource', {
    metadata: { name: props.name ?? defaultName, namespace: scope.veleroNamespace },
    spec: Lazy.any({ produce: () => scope.renderSpec() }),
  });
  const validation = AppValidation.of(construct);
  validation.own(backup, {
    owner: construct,
    intentChecks: manifest => scope.intentProblems(manifest.spec, 'spec'),
    blocked: () => typeProblems().length > 0,
  });
  construct.node.addValidation({
    validate: () => {
      const problems = typeProblems();
      if (problems.length > 0) return problems.map(formatProblem);
      return [...scope.optionProblems().map(formatProblem), ...validation.problemsOwnedBy(construct)];
    },
  });
  return backup;
}
