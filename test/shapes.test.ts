// Each struct's run-time shape (declared beside its interface with
// structShape) against the jsii assembly: the same fields, the same required
// ones, and enum-typed fields that accept their members only. A field added to
// an interface without its shape fails here. (`npm test` compiles .jsii first.)
import * as fs from 'fs';
import * as path from 'path';
import * as library from '../src';
import { PropType, PropsShape, STRUCT_SHAPES } from '../src/private/props-check';

const PACKAGE = 'cdk8s-kyma-backup';
const assembly = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '.jsii'), 'utf8'));
const types: { [fqn: string]: any } = assembly.types;

/** The struct fqns a type reference names, through lists and maps. */
function structsIn(ref: any): string[] {
  if (!ref) return [];
  if (ref.collection) return structsIn(ref.collection.elementtype);
  if (ref.union) return ref.union.types.flatMap(structsIn);
  return ref.fqn && types[ref.fqn]?.datatype ? [ref.fqn] : [];
}

/** Every property of a struct, its parents' too. */
function propertiesOf(fqn: string): any[] {
  const type = types[fqn];
  return [...(type.interfaces ?? []).flatMap(propertiesOf), ...(type.properties ?? [])];
}

/** Structs a caller passes in: parameters of every public callable, and the structs inside them. */
function inputStructs(): string[] {
  const found = new Set<string>();
  const visit = (fqn: string) => {
    if (found.has(fqn) || !fqn.startsWith(`${PACKAGE}.`) || fqn.startsWith(`${PACKAGE}.velero.`)) return;
    found.add(fqn);
    (types[fqn].interfaces ?? []).forEach(visit);
    for (const property of propertiesOf(fqn)) structsIn(property.type).forEach(visit);
  };
  for (const [fqn, type] of Object.entries(types)) {
    if (fqn.startsWith(`${PACKAGE}.velero.`) || type.kind !== 'class') continue;
    for (const callable of [type.initializer, ...(type.methods ?? [])].filter(Boolean)) {
      for (const parameter of callable.parameters ?? []) structsIn(parameter.type).forEach(visit);
    }
  }
  return [...found].sort();
}

function typeOf(declared: PropsShape[string]): PropType {
  return typeof declared === 'object' && 'required' in declared ? declared.required : declared;
}

/** Passed in, but only to be printed back (`VeleroValidation.format`), which takes any object: no shape to check. */
const PRINTED_ONLY = [`${PACKAGE}.VeleroProblem`];

const inputs = inputStructs().filter(fqn => !PRINTED_ONLY.includes(fqn));

test('the structs callers pass in are found in the assembly', () => {
  expect(inputs.length).toBeGreaterThanOrEqual(20);
  expect(inputs).toEqual(expect.arrayContaining([`${PACKAGE}.KymaBackupProps`, `${PACKAGE}.ExecHook`, `${PACKAGE}.RestoreStatusFilter`]));
});

describe.each(inputs)('%s', fqn => {
  const name = fqn.slice(PACKAGE.length + 1);
  const shape = STRUCT_SHAPES.get(name);

  test('has a run-time shape with exactly its jsii fields, required where jsii requires them', () => {
    expect(shape).toBeDefined();
    const properties = propertiesOf(fqn);
    expect(Object.keys(shape!).sort()).toEqual(properties.map(p => p.name).sort());
    for (const property of properties) {
      const declared = shape![property.name];
      const required = typeof declared === 'object' && 'required' in declared;
      expect({ field: property.name, required }).toEqual({ field: property.name, required: !property.optional });
    }
  });

  test('enum-typed fields accept their members only', () => {
    for (const property of propertiesOf(fqn)) {
      const enumType = property.type.fqn && types[property.type.fqn]?.kind === 'enum' ? types[property.type.fqn] : undefined;
      if (!enumType) continue;
      const members = Object.values((library as any)[enumType.name]).sort();
      const declared = typeOf(shape![property.name]);
      expect({ field: property.name, oneOf: typeof declared === 'object' && 'oneOf' in declared ? [...declared.oneOf].sort() : declared })
        .toEqual({ field: property.name, oneOf: members });
    }
  });
});

test('structs the library only returns need no shape, and are named here', () => {
  const outputs = Object.entries(types)
    .filter(([fqn, type]) => type.datatype && !fqn.startsWith(`${PACKAGE}.velero.`) && !inputs.includes(fqn) && !PRINTED_ONLY.includes(fqn))
    .map(([fqn]) => fqn.slice(PACKAGE.length + 1)).sort();
  expect(outputs).toEqual(['KymaOnDemandBackups', 'PlanTimeline', 'RuleTimeline', 'TimelineRule']);
});
