// The schema check itself must be able to fail: these pin that it catches what
// the API server would prune or refuse.
import { crdSchemaErrors } from './crd-schema';

const backup = (spec: any, metadata: any = { name: 'b', namespace: 'kyma-backup' }) => ({ apiVersion: 'velero.io/v1', kind: 'Backup', metadata, spec });

test('accepts a plain Backup', () => {
  expect(crdSchemaErrors(backup({ includedNamespaces: ['*'], ttl: '24h0m0s' }))).toEqual([]);
});

test('a field the CRD does not declare (pruned by the API server) is an error', () => {
  expect(crdSchemaErrors(backup({ includedNamespace: ['*'] })).join()).toMatch(/must NOT have additional properties.*includedNamespace/);
  expect(crdSchemaErrors(backup({ hooks: { resources: [{ name: 'h', pre: [{ exec: { command: ['x'], shell: true } }] }] } })).join())
    .toMatch(/additional properties.*shell/);
});

test('a wrong type or enum value is an error', () => {
  expect(crdSchemaErrors(backup({ includeClusterResources: 'yes' })).join()).toMatch(/must be boolean/);
  expect(crdSchemaErrors(backup({ hooks: { resources: [{ name: 'h', pre: [{ exec: { command: ['x'], onError: 'Retry' } }] }] } })).join())
    .toMatch(/must be equal to one of the allowed values/);
  expect(crdSchemaErrors(backup({ resourcePolicy: { name: 'p' } })).join()).toMatch(/must have required property 'kind'/);
});

test('null is accepted where the CRD marks a field nullable, and refused elsewhere', () => {
  expect(crdSchemaErrors(backup({ labelSelector: null }))).toEqual([]);
  expect(crdSchemaErrors(backup({ storageLocation: null })).join()).toMatch(/must be string/);
});

test('an unknown kind or metadata field is an error', () => {
  expect(crdSchemaErrors({ apiVersion: 'velero.io/v1', kind: 'Bakup', metadata: {}, spec: {} })).toEqual(['no Velero CRD for velero.io/v1/Bakup']);
  expect(crdSchemaErrors(backup({}, { name: 'b', nmespace: 'x' })).join()).toMatch(/metadata.nmespace/);
});
