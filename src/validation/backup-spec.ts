import { includesExcludesProblems, namespaceIncludesExcludesProblems, scopedIncludesExcludesProblems, specPair } from './includes-excludes';
import { labelKeyError } from './kube-names';
import { labelProblems, labelSelectorProblems } from './labels';
import { objectNameProblems } from './object-meta';
import { Problem, ProblemKind, problem } from './problem';
import { BackupSpec } from '../../imports/velero.io';
import { parseGoDuration } from '../time/go-duration';

const HOOK_ERROR_MODES = ['Continue', 'Fail'];

/**
 * Every reason Velero v1.18 would refuse this Backup spec (or Schedule
 * template), mirroring the checks of its backup controller, plus the few
 * deliberate extra refusals listed in docs/validation.md. `field` is where the spec
 * sits in the manifest: `spec` or `spec.template`. The spec must already have
 * passed the CRD schema (see crd-schema.ts), so every value has its declared type.
 */
export function backupSpecProblems(spec: BackupSpec, field: string): Problem[] {
  const problems: Problem[] = [];
  const at = (name: string) => `${field}.${name}`;
  const nonEmpty = (list: readonly unknown[] | undefined) => (list?.length ?? 0) > 0;

  // Old-style and scoped resource filters are exclusive (Velero counts a
  // filter as used when its list is non-empty, or the flag is set at all).
  // A JSON null, as in Kyma's sample specs, is unset to Velero's Go types.
  const oldStyle = nonEmpty(spec.includedResources) || nonEmpty(spec.excludedResources) || spec.includeClusterResources != null;
  const scoped = nonEmpty(spec.includedClusterScopedResources) || nonEmpty(spec.excludedClusterScopedResources)
    || nonEmpty(spec.includedNamespaceScopedResources) || nonEmpty(spec.excludedNamespaceScopedResources);
  if (oldStyle && scoped) {
    const used = ['includedResources', 'excludedResources', 'includeClusterResources']
      .filter(name => (spec as any)[name] != null).map(at);
    problems.push(problem(field, used, 'sets old-style resource filters together with scoped ones',
      'Velero accepts either includedResources/excludedResources/includeClusterResources or the four *ScopedResources filters'));
  }
  if (oldStyle) {
    problems.push(...includesExcludesProblems(specPair(spec, at, 'Resources')));
  } else {
    problems.push(...scopedIncludesExcludesProblems(specPair(spec, at, 'ClusterScopedResources')));
    problems.push(...scopedIncludesExcludesProblems(specPair(spec, at, 'NamespaceScopedResources')));
  }

  // Velero reads an empty namespace include list as "*" before checking.
  problems.push(...namespaceIncludesExcludesProblems({
    includes: nonEmpty(spec.includedNamespaces) ? spec.includedNamespaces : ['*'],
    excludes: spec.excludedNamespaces,
    includesField: at('includedNamespaces'),
    excludesField: at('excludedNamespaces'),
  }));

  if (spec.labelSelector != null && spec.orLabelSelectors != null) {
    problems.push(problem(at('orLabelSelectors'), spec.orLabelSelectors, 'is set together with labelSelector',
      'Velero accepts labelSelector or orLabelSelectors, not both'));
  }
  if (spec.labelSelector) {
    problems.push(...labelSelectorProblems(spec.labelSelector, at('labelSelector')));
  }
  (spec.orLabelSelectors ?? []).forEach((selector, i) => problems.push(...labelSelectorProblems(selector, at(`orLabelSelectors[${i}]`))));

  problems.push(...durationProblems(spec.ttl, at('ttl')));
  problems.push(...durationProblems(spec.csiSnapshotTimeout, at('csiSnapshotTimeout')));
  problems.push(...durationProblems(spec.itemOperationTimeout, at('itemOperationTimeout')));

  if (spec.storageLocation) {
    problems.push(...objectNameProblems(spec.storageLocation, at('storageLocation'), 'a BackupStorageLocation name'));
  }
  (spec.volumeSnapshotLocations ?? []).forEach((name, i) =>
    problems.push(...objectNameProblems(name, at(`volumeSnapshotLocations[${i}]`), 'a VolumeSnapshotLocation name')));

  if (spec.resourcePolicy) {
    if (spec.resourcePolicy.kind.toLowerCase() === 'configmap') {
      problems.push(...objectNameProblems(spec.resourcePolicy.name, at('resourcePolicy.name'), 'a ConfigMap name'));
    } else {
      // Velero silently ignores a policy of any other kind (and its name).
      problems.push(problem(at('resourcePolicy.kind'), spec.resourcePolicy.kind, 'is not a kind of resource policy Velero reads, so it would be ignored',
        'the only kind is "configmap"', ProblemKind.DELIBERATE));
    }
  }

  const parallel = spec.uploaderConfig?.parallelFilesUpload;
  if (parallel != null && !Number.isSafeInteger(parallel)) {
    problems.push(problem(at('uploaderConfig.parallelFilesUpload'), parallel, 'is not a whole number',
      'the CRD accepts an integer count of files'));
  } else if (parallel != null && parallel < 0) {
    problems.push(problem(at('uploaderConfig.parallelFilesUpload'), parallel, 'is negative',
      'a count of zero or more is accepted (0 for the uploader\'s default)', ProblemKind.DELIBERATE));
  }

  if (spec.volumeGroupSnapshotLabelKey) {
    const keyError = labelKeyError(spec.volumeGroupSnapshotLabelKey);
    if (keyError) {
      problems.push(problem(at('volumeGroupSnapshotLabelKey'), spec.volumeGroupSnapshotLabelKey, keyError,
        'Kubernetes accepts a label key: [DNS subdomain "/"] name of at most 63 characters'));
    }
  }

  for (const [key, value] of Object.entries(spec.metadata?.labels ?? {})) {
    problems.push(...labelProblems(key, value, at('metadata.labels')));
  }

  (spec.hooks?.resources ?? []).forEach((hook, i) => {
    const hookAt = at(`hooks.resources[${i}]`);
    if (hook.labelSelector) {
      problems.push(...labelSelectorProblems(hook.labelSelector, `${hookAt}.labelSelector`));
    }
    for (const phase of ['pre', 'post'] as const) {
      (hook[phase] ?? []).forEach((step, j) => {
        const execAt = `${hookAt}.${phase}[${j}].exec`;
        if ((step.exec.command ?? []).length === 0) {
          problems.push(problem(`${execAt}.command`, step.exec.command, 'is empty', 'the CRD requires a command of at least one item'));
        }
        if (step.exec.onError != null && !HOOK_ERROR_MODES.includes(step.exec.onError)) {
          problems.push(problem(`${execAt}.onError`, step.exec.onError, 'is not a hook error mode', 'the CRD accepts Continue or Fail'));
        }
        problems.push(...durationProblems(step.exec.timeout, `${execAt}.timeout`));
      });
    }
  });

  return problems;
}

/** A Go duration Velero can read, and not negative (a deliberate extra check). */
export function durationProblems(value: string | undefined, field: string): Problem[] {
  if (value == null) {
    return [];
  }
  const parsed = parseGoDuration(value);
  if ('error' in parsed) {
    return [problem(field, value, parsed.error, 'Velero accepts a Go duration such as 24h0m0s, 90m or 45s')];
  }
  if (parsed.nanos < 0n) {
    return [problem(field, value, 'is negative', 'a duration of zero or more is accepted (zero means Velero\'s default)', ProblemKind.DELIBERATE)];
  }
  return [];
}
