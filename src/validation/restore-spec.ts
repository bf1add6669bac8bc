// Velero v1.18.1's restore checks that depend on the spec alone (its restore
// controller's validateAndComplete, the restore hooks' handling and the
// lookups a restore makes by name), written anew. The spec must already have
// passed the CRD schema (see crd-schema.ts).
import { durationProblems } from './backup-spec';
import { includesExcludesProblems, specPair } from './includes-excludes';
import { dns1123SubdomainError, labelValueError } from './kube-names';
import { labelSelectorProblems } from './labels';
import { objectNameProblems } from './object-meta';
import { Problem, problem } from './problem';

/** Resources Velero never restores (restore_controller.go, v1.18.1). */
export const NON_RESTORABLE_RESOURCES: readonly string[] = [
  'nodes',
  'events',
  'events.events.k8s.io',
  'backups.velero.io',
  'restores.velero.io',
  'resticrepositories.velero.io',
  'csinodes.storage.k8s.io',
  'volumeattachments.storage.k8s.io',
  'backuprepositories.velero.io',
];

const EXISTING_RESOURCE_POLICIES = ['none', 'update'];

/** Every reason Velero v1.18 would refuse this Restore spec, or fail it for its spec alone. */
export function restoreSpecProblems(spec: any, field = 'spec'): Problem[] {
  const at = (name: string) => `${field}.${name}`;
  const problems: Problem[] = [];

  const sources = [spec.backupName, spec.scheduleName].filter(name => typeof name === 'string' && name !== '');
  if (sources.length !== 1) {
    problems.push(problem(field, { backupName: spec.backupName, scheduleName: spec.scheduleName },
      sources.length === 0 ? 'names no source to restore from' : 'names both a backup and a schedule as its source',
      'Velero restores from backupName or from scheduleName (its latest completed backup), exactly one of them'));
  }
  if (spec.backupName) {
    problems.push(...objectNameProblems(spec.backupName, at('backupName'), 'a Backup name'));
  }
  if (spec.scheduleName) {
    // Velero finds a schedule's backups by their velero.io/schedule-name label.
    const error = labelValueError(spec.scheduleName);
    if (error) {
      problems.push(problem(at('scheduleName'), spec.scheduleName, error, 'a Schedule name that fits a label value (at most 63 characters)'));
    }
  }

  (spec.includedResources ?? []).forEach((resource: string, i: number) => {
    if (NON_RESTORABLE_RESOURCES.includes(resource)) {
      problems.push(problem(at(`includedResources[${i}]`), resource, 'is a resource Velero never restores',
        `any resource but ${NON_RESTORABLE_RESOURCES.join(', ')}`));
    }
  });
  problems.push(...includesExcludesProblems(specPair(spec, at, 'Resources')));
  // Restores match namespaces as globs, never expand them, and do not check their names.
  problems.push(...includesExcludesProblems(specPair(spec, at, 'Namespaces')));

  if (spec.labelSelector != null && spec.orLabelSelectors != null) {
    problems.push(problem(at('orLabelSelectors'), spec.orLabelSelectors, 'is set together with labelSelector',
      'Velero accepts labelSelector or orLabelSelectors, not both'));
  }
  if (spec.labelSelector) problems.push(...labelSelectorProblems(spec.labelSelector, at('labelSelector')));
  (spec.orLabelSelectors ?? []).forEach((s: any, i: number) => problems.push(...labelSelectorProblems(s, at(`orLabelSelectors[${i}]`))));

  if (spec.existingResourcePolicy && !EXISTING_RESOURCE_POLICIES.includes(spec.existingResourcePolicy)) {
    problems.push(problem(at('existingResourcePolicy'), spec.existingResourcePolicy, 'is not a policy Velero knows',
      '"none" or "update" (case-sensitive)'));
  }

  if (spec.resourceModifier && String(spec.resourceModifier.kind).toLowerCase() === 'configmap') {
    const error = dns1123SubdomainError(spec.resourceModifier.name);
    if (error) {
      problems.push(problem(at('resourceModifier.name'), spec.resourceModifier.name, error, 'a ConfigMap name (DNS-1123 subdomain)'));
    }
  }

  problems.push(...durationProblems(spec.itemOperationTimeout, at('itemOperationTimeout')));
  (spec.hooks?.resources ?? []).forEach((hook: any, i: number) => {
    const hookAt = at(`hooks.resources[${i}]`);
    if (hook.labelSelector) problems.push(...labelSelectorProblems(hook.labelSelector, `${hookAt}.labelSelector`));
    (hook.postHooks ?? []).forEach((post: any, j: number) => {
      const postAt = `${hookAt}.postHooks[${j}]`;
      if (post.exec) {
        problems.push(...durationProblems(post.exec.execTimeout, `${postAt}.exec.execTimeout`));
        problems.push(...durationProblems(post.exec.waitTimeout, `${postAt}.exec.waitTimeout`));
      }
      if (post.init) {
        problems.push(...durationProblems(post.init.timeout, `${postAt}.init.timeout`));
        (post.init.initContainers ?? []).forEach((container: unknown, k: number) =>
          problems.push(...initContainerProblems(container, `${postAt}.init.initContainers[${k}]`)));
      }
    });
  });
  return problems;
}

/** Velero's check of an init container: a name, an image and a command. */
function initContainerProblems(container: unknown, field: string): Problem[] {
  if (container === null || typeof container !== 'object' || Array.isArray(container)) {
    return [problem(field, container, 'is not a container object', 'a Kubernetes Container with name, image and command')];
  }
  // Go's encoding/json matches field names without regard to case.
  const get = (name: string) => Object.entries(container).find(([key]) => key.toLowerCase() === name)?.[1];
  const missing = ['name', 'image'].filter(name => typeof get(name) !== 'string' || get(name) === '');
  const command = get('command');
  if (!Array.isArray(command) || command.length === 0 || command.some(arg => typeof arg !== 'string')) missing.push('command');
  return missing.length === 0 ? [] : [problem(field, container, `has no ${missing.join(', no ')}`,
    'Velero requires an init container to have a name, an image and a command')];
}
