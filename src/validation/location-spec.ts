// What makes Velero v1.18.1 mark a storage or snapshot location unavailable,
// or fail a backup that uses it, from the spec alone (BackupStorageLocation's
// Validate, the object-store getter, the plugin-name and Secret-key lookups),
// written anew. The spec must already have passed the CRD schema.
import { durationProblems } from './backup-spec';
import { dns1123SubdomainError } from './kube-names';
import { Problem, ProblemKind, problem } from './problem';

/** The checks of a BackupStorageLocation spec. */
export function storageLocationSpecProblems(spec: any): Problem[] {
  const problems = [...providerProblems(spec.provider), ...secretKeyProblems(spec.credential, 'spec.credential')];
  problems.push(...durationProblems(spec.backupSyncPeriod, 'spec.backupSyncPeriod'));
  problems.push(...durationProblems(spec.validationFrequency, 'spec.validationFrequency'));
  const storage = spec.objectStorage ?? {};
  problems.push(...secretKeyProblems(storage.caCertRef, 'spec.objectStorage.caCertRef'));
  if (storage.caCert && storage.caCertRef) {
    problems.push(problem('spec.objectStorage.caCertRef', storage.caCertRef, 'is set together with caCert', 'give the CA certificate one way: caCert or caCertRef'));
  }
  if (typeof storage.bucket === 'string') {
    const bucket = storage.bucket.replace(/^\/+|\/+$/g, '');
    if (storage.bucket === '') {
      problems.push(problem('spec.objectStorage.bucket', '', 'is empty', 'a bucket name; Velero would hand the empty name to the plugin', ProblemKind.DELIBERATE));
    } else if (bucket.includes('/')) {
      problems.push(problem('spec.objectStorage.bucket', storage.bucket, 'contains "/" between its ends', 'a bucket name; a folder within it goes in prefix'));
    }
  }
  return problems;
}

/** The checks of a VolumeSnapshotLocation spec. */
export function snapshotLocationSpecProblems(spec: any): Problem[] {
  return [...providerProblems(spec.provider), ...secretKeyProblems(spec.credential, 'spec.credential')];
}

/** Velero finds the plugin by name: `<dns subdomain>/<name>`, with `velero.io/` put before a bare name. */
function providerProblems(provider: unknown): Problem[] {
  if (typeof provider !== 'string') return [];
  if (provider === '') {
    return [problem('spec.provider', provider, 'is empty', 'a plugin provider name such as aws, gcp or example.io/provider')];
  }
  const parts = (provider.includes('/') ? provider : `velero.io/${provider}`).split('/');
  const prefixError = parts.length === 2 && parts[0] !== '' && parts[1] !== '' ? dns1123SubdomainError(parts[0]) : 'is not <prefix>/<name>';
  return prefixError
    ? [problem('spec.provider', provider, `names no plugin Velero can load: ${prefixError.replace(/^is /, 'the prefix is ')}`,
      'a bare provider name (aws) or <DNS subdomain>/<name> (example.io/provider)')]
    : [];
}

const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;

/** A Secret key reference Velero can resolve: a Secret's name and a valid data key. */
function secretKeyProblems(selector: any, field: string): Problem[] {
  if (!selector) return [];
  const problems: Problem[] = [];
  const nameError = dns1123SubdomainError(selector.name ?? '');
  if (nameError) {
    problems.push(problem(`${field}.name`, selector.name, nameError, 'the name of a Secret in Velero\'s namespace'));
  }
  const key = selector.key;
  if (typeof key === 'string' && (!SECRET_KEY.test(key) || key.length > 253 || key === '.' || key.startsWith('..'))) {
    problems.push(problem(`${field}.key`, key, 'is not a Secret data key', 'letters, digits, "-", "_" and ".", at most 253 characters, not "." or starting with ".."'));
  }
  return problems;
}
