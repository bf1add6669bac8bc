// Validates manifests against the openAPIV3Schema of the Velero v1.18.1 CRDs in
// imports/velero-crds.yaml (the file `cdk8s import` reads), with ajv in strict
// mode. Kubernetes prunes fields a structural schema does not declare; here
// such a field is an error, so nothing the API server would drop goes unseen.
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ValidateFunction } from 'ajv';
import * as YAML from 'yaml';

const CRD_FILE = path.join(__dirname, '..', 'imports', 'velero-crds.yaml');
const META_FIELDS = new Set(['name', 'namespace', 'labels', 'annotations', 'ownerReferences', 'finalizers']);

/** Closes every object schema that declares properties, as pruning would. */
function closeObjects(schema: any): any {
  if (Array.isArray(schema)) return schema.map(closeObjects);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: any = {};
  for (const [key, value] of Object.entries(schema)) {
    out[key] = key === 'properties'
      ? Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, closeObjects(v)]))
      : closeObjects(value);
  }
  if (out.type === 'object' && out.properties && out.additionalProperties === undefined
    && !out['x-kubernetes-preserve-unknown-fields']) {
    out.additionalProperties = false;
  }
  return out;
}

function buildValidators(): Map<string, ValidateFunction> {
  const ajv = new Ajv({ strict: true, allErrors: true });
  for (const keyword of ['x-kubernetes-preserve-unknown-fields', 'x-kubernetes-int-or-string', 'x-kubernetes-map-type',
    'x-kubernetes-list-type', 'x-kubernetes-list-map-keys', 'x-kubernetes-validations', 'x-kubernetes-embedded-resource']) {
    ajv.addKeyword(keyword);
  }
  ajv.addFormat('int64', { type: 'number', validate: Number.isInteger });
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i);
  ajv.addFormat('byte', /^[A-Za-z0-9+/]*={0,2}$/);
  const validators = new Map<string, ValidateFunction>();
  const crds = YAML.parseAllDocuments(fs.readFileSync(CRD_FILE, 'utf8')).map(d => d.toJSON()).filter(Boolean);
  for (const crd of crds) {
    for (const version of crd.spec.versions) {
      const gvk = `${crd.spec.group}/${version.name}/${crd.spec.names.kind}`;
      validators.set(gvk, ajv.compile(closeObjects(version.schema.openAPIV3Schema)));
    }
  }
  return validators;
}

let cache: Map<string, ValidateFunction> | undefined;

/** The reasons the API server would refuse or prune parts of `manifest`; empty when it takes it whole. */
export function crdSchemaErrors(manifest: any): string[] {
  cache ??= buildValidators();
  const gvk = `${manifest.apiVersion}/${manifest.kind}`;
  const validate = cache.get(gvk);
  if (!validate) {
    return [`no Velero CRD for ${gvk}`];
  }
  const errors: string[] = [];
  if (!validate(manifest)) {
    errors.push(...(validate.errors ?? []).map(e => `${manifest.kind}/${manifest.metadata?.name}${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`));
  }
  for (const key of Object.keys(manifest.metadata ?? {})) {
    if (!META_FIELDS.has(key)) errors.push(`${manifest.kind}/${manifest.metadata?.name} metadata.${key} is not an ObjectMeta field set by a manifest`);
  }
  return errors;
}

/** Fails the test when any Velero manifest would be refused or pruned (other objects are Kubernetes' own). */
export function expectValidAgainstCrds(manifests: any[]): void {
  const veleroObjects = manifests.filter(m => String(m.apiVersion).startsWith('velero.io/'));
  expect(veleroObjects.length).toBeGreaterThan(0);
  expect(veleroObjects.flatMap(crdSchemaErrors)).toEqual([]);
}
