import { dns1123LabelError, dns1123SubdomainError } from './kube-names';
import { Problem, problem } from './problem';

/**
 * The API server's rules for a Velero object's name and namespace; a
 * Schedule's name is also a label value on every backup it creates, so it
 * must fit in 63 characters.
 */
export function objectMetaProblems(name: string, namespace: string | undefined, options: { isSchedule?: boolean } = {}): Problem[] {
  const problems = objectNameProblems(name, 'metadata.name', 'an object name');
  if (problems.length === 0 && options.isSchedule && name.length > 63) {
    problems.push(problem('metadata.name', name, `is ${name.length} characters long`,
      'a Schedule name of at most 63 characters is accepted, since Velero labels each backup with it (velero.io/schedule-name)'));
  }
  const namespaceError = namespace === undefined ? undefined : dns1123LabelError(namespace);
  if (namespaceError) {
    problems.push(problem('metadata.namespace', namespace, namespaceError, 'Kubernetes accepts a DNS-1123 label of at most 63 characters'));
  }
  return problems;
}

/** An object name Kubernetes accepts (DNS-1123 subdomain). */
export function objectNameProblems(name: string, field: string, what: string): Problem[] {
  const error = dns1123SubdomainError(name);
  return error ? [problem(field, name, error, `${what} must be a DNS-1123 subdomain of at most 253 characters`)] : [];
}
