// The fuzz test's own oracle, on known answers: the validity table and how a
// problem line is found to name an argument.
import { Duration, Lazy } from 'cdk8s';
import { namesIn } from './fuzz';
import { fuzz } from './run';
import { BackupNamespaces, LocationCredential, RestoreOrder } from '../../src';

const string = { primitive: 'string' };
const struct = { fqn: 'cdk8s-kyma-backup.KymaBackupStorageLocationProps' };

test.each([
  ['a string', 'x', string, false, true],
  ['a token where a string goes', Lazy.any({ produce: () => 'x' }), string, false, true],
  ['a number where a string goes', 7, string, false, false],
  ['undefined where optional', undefined, string, true, true],
  ['undefined where required', undefined, string, false, false],
  ['null where optional', null, string, true, false],
  ['NaN as a number', NaN, { primitive: 'number' }, false, false],
  ['anything as any', null, { primitive: 'any' }, false, true],
  ['a list of strings', ['a'], { collection: { kind: 'array', elementtype: string } }, false, true],
  ['a list with a number', ['a', 7], { collection: { kind: 'array', elementtype: string } }, false, false],
  ['a map of strings', { a: 'b' }, { collection: { kind: 'map', elementtype: string } }, false, true],
  ['an enum member', RestoreOrder.CRDS_FIRST, { fqn: 'cdk8s-kyma-backup.RestoreOrder' }, false, true],
  ['an enum member\'s name', 'CRDS_FIRST', { fqn: 'cdk8s-kyma-backup.RestoreOrder' }, false, false],
  ['an instance of the class', BackupNamespaces.named('a'), { fqn: 'cdk8s-kyma-backup.BackupNamespaces' }, false, true],
  ['an instance of another class', LocationCredential.fromSecretName('s', 'k'), { fqn: 'cdk8s-kyma-backup.BackupNamespaces' }, false, false],
  ['a Duration', Duration.hours(1), { fqn: 'cdk8s.Duration' }, false, true],
  ['a struct with its required fields', { provider: 'aws', bucket: 'b' }, struct, false, true],
  ['a struct without a required field', { provider: 'aws' }, struct, false, false],
  ['a struct with an unknown key', { provider: 'aws', bucket: 'b', buckt: 'c' }, struct, false, false],
  ['a class instance as a struct', LocationCredential.fromSecretName('s', 'k'), struct, false, false],
])('%s', (_name, value, type, optional, valid) => {
  expect(fuzz.isValid(value, type as any, optional)).toBe(valid);
});

test.each([
  ['  [C/S] excludeNamespaces(namespaces) = "x": is a string', ['excludeNamespaces', 'namespaces'], true],
  ['  [C/S] hooks[0].pre[0].timeout = 7: is a whole number', ['timeout'], true],
  // The value and the message do not count: only the field part, before " = ".
  ['  [C/S] spec.ttl = "timeout": is not a duration', ['timeout'], false],
  ['  [C/S] excludeNamespaces(names) = 7: is a whole number', ['namespaces'], false],
])('%s names %j: %s', (line, names, expected) => {
  expect(namesIn(line, names)).toBe(expected);
});
