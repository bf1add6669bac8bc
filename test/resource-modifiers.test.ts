// The resource-modifier validator (Velero v1.18.1's up-front checks, then the
// library's deliberate ones), the RE2 syntax checker and the JSON Patch value
// encoding. test/conformance/modifiers_test.go judges the same rules with
// Velero's and Go's own code.
import { velerosPatchValue } from '../src/restore/json-patch';
import { ProblemKind } from '../src/validation/problem';
import { re2SyntaxError } from '../src/validation/re2-syntax';
import {
  goParsesAsFloat, goYamlNumberText, groupResourceGlobError, modifierConfigMapProblems, resourceModifiersProblems, velerosValueQuoting,
} from '../src/validation/resource-modifiers';

const rule = (extra: object = {}, conditions: object = {}) => ({
  conditions: { groupResource: 'deployments.apps', ...conditions },
  patches: [{ operation: 'replace', path: '/spec/replicas', value: '0' }],
  ...extra,
});
const doc = (...rules: object[]) => ({ version: 'v1', resourceModifierRules: rules });
const verdict = (document: unknown, context = {}) => resourceModifiersProblems(document, context).map(p => `${p.kind} ${p.field}: ${p.wrong}`);

describe('what Velero refuses up front (the Restore ends FailedValidation)', () => {
  test('a valid document has no problem', () => {
    expect(verdict(doc(rule()))).toEqual([]);
    expect(verdict(doc({ conditions: { groupResource: 'configmaps' }, mergePatches: [{ patchData: '{"data":{"a":"b"}}' }] }))).toEqual([]);
    expect(verdict(doc({ conditions: { groupResource: 'pods' }, strategicPatches: [{ patchData: '{"spec":{"containers":[]}}' }] }))).toEqual([]);
  });

  test('the version: v1 in any case, nothing else', () => {
    expect(verdict({ ...doc(rule()), version: 'V1' })).toEqual([]);
    expect(verdict({ ...doc(rule()), version: 'v2' })).toEqual(['velero version: is not a version Velero knows']);
    expect(verdict({ resourceModifierRules: [rule()] })).toEqual(['velero version: is not a version Velero knows']);
  });

  test('no rules', () => {
    expect(verdict(doc())).toEqual(['velero resourceModifierRules: is empty']);
    expect(verdict({ version: 'v1' })).toEqual(['velero resourceModifierRules: is empty']);
  });

  test('strict decoding: unknown fields and wrong types anywhere', () => {
    expect(verdict({ ...doc(rule()), extra: 1 })).toEqual(['velero extra: is a field Velero does not know']);
    expect(verdict(doc(rule({ patch: [] })))).toEqual(['velero resourceModifierRules[0].patch: is a field Velero does not know']);
    expect(verdict(doc(rule({ patches: [{ operation: 'replace', path: '/spec/replicas', value: { n: 0 } }] }))))
      .toEqual(['velero resourceModifierRules[0].patches[0].value: is a map, not a string']);
    // Velero's YAML decoding reads a number or boolean in a text field as its text.
    expect(verdict(doc(rule({ patches: [{ operation: 'replace', path: '/spec/replicas', value: 0 }] })))).toEqual([]);
    expect(verdict({ ...doc(rule()), version: 1 })).toEqual(['velero version: is not a version Velero knows']);
    expect(verdict(doc(rule({}, { namespaces: 'shop' })))).toEqual(['velero resourceModifierRules[0].conditions.namespaces: is not a list']);
    // Go's decoder matches field names without regard to case.
    expect(verdict({ Version: 'v1', ResourceModifierRules: [rule()] })).toEqual([]);
  });

  test('a rule needs a group-resource', () => {
    expect(verdict(doc(rule({}, { groupResource: '' })))).toEqual(['velero resourceModifierRules[0].conditions.groupResource: is empty']);
    expect(verdict(doc({ patches: [] }))).toEqual(['velero resourceModifierRules[0].conditions.groupResource: is empty']);
  });

  test('one kind of patch per rule', () => {
    expect(verdict(doc(rule({ mergePatches: [{ patchData: '{}' }] })))).toEqual(['velero resourceModifierRules[0]: has more than one kind of patch']);
  });

  test('JSON Patch operations: the six of RFC 6902, in any case; a path', () => {
    const op = (operation: string, path = '/spec/replicas') => verdict(doc(rule({ patches: [{ operation, path, value: '1' }] })));
    for (const operation of ['add', 'remove', 'replace', 'test']) expect(op(operation)).toEqual([]);
    expect(op('')).toEqual(['velero resourceModifierRules[0].patches[0].operation: is empty']);
    expect(op('merge')).toEqual(['velero resourceModifierRules[0].patches[0].operation: is not a JSON Patch operation']);
    expect(op('replace', '')).toEqual(['velero resourceModifierRules[0].patches[0].path: is empty']);
    // Velero lowercases to validate, but its JSON Patch library knows lowercase names only.
    expect(op('Replace')).toEqual(['deliberate resourceModifierRules[0].patches[0].operation: is not in lowercase']);
  });

  test('Velero stops at its first invalid rule', () => {
    expect(verdict(doc(rule({}, { groupResource: '' }), rule({}, { groupResource: '' })))).toHaveLength(1);
  });
});

describe('deliberate: what Velero meets only while restoring', () => {
  const deliberate = (document: unknown, context = {}) => {
    const found = resourceModifiersProblems(document, context);
    expect(found.every(p => p.kind === ProblemKind.DELIBERATE)).toBe(true);
    return found.map(p => `${p.field}: ${p.wrong}`);
  };

  test('a regex Go\'s RE2 refuses', () => {
    expect(deliberate(doc(rule({}, { resourceNameRegex: '^app-(?!test)' })))).toEqual([
      'resourceModifierRules[0].conditions.resourceNameRegex: is not a regular expression Go accepts (invalid or unsupported Perl syntax: `(?!`)',
    ]);
    expect(deliberate(doc(rule({}, { resourceNameRegex: '^(a)\\1$' })))).toHaveLength(1);
    expect(deliberate(doc(rule({}, { resourceNameRegex: '^app-[a-z]+$' })))).toEqual([]);
  });

  test('a group-resource glob gobwas/glob cannot compile', () => {
    expect(deliberate(doc(rule({}, { groupResource: '[deployments.apps' })))).toHaveLength(1);
    expect(deliberate(doc(rule({}, { groupResource: '*.apps' })))).toEqual([]);
  });

  test('JSON pointers that name no field of a known kind', () => {
    const path = (p: string, groupResource = 'deployments.apps') =>
      deliberate(doc({ conditions: { groupResource }, patches: [{ operation: 'add', path: p, value: '1' }] }));
    expect(path('/spec/replicas')).toEqual([]);
    expect(path('/spec/template/spec/containers/0/image')).toEqual([]);
    expect(path('/metadata/labels/anything')).toEqual([]);
    expect(path('/spec/replica')).toEqual(['resourceModifierRules[0].patches[0].path: names "replica", a field deployments.apps does not have at /spec']);
    expect(path('/spec/template/spec/containers/first/image')).toHaveLength(1);
    expect(path('/data/key', 'configmaps')).toEqual([]);
    expect(path('/spec/anything', 'configmaps')).toHaveLength(1);
    // A glob or an unknown kind: no schema, only the pointer's syntax.
    expect(path('/spec/anything', '*.apps')).toEqual([]);
    expect(path('spec/replicas', 'widgets.example.com')).toEqual(['resourceModifierRules[0].patches[0].path: does not start with "/"']);
    expect(path('/spec/a~2b', 'widgets.example.com')).toHaveLength(1);
  });

  test('patch data and values that do not parse', () => {
    expect(deliberate(doc({ conditions: { groupResource: 'configmaps' }, mergePatches: [{ patchData: '{data: ' }] }))).toHaveLength(1);
    expect(deliberate(doc({ conditions: { groupResource: 'configmaps' }, mergePatches: [{ patchData: '[1]' }] }))).toHaveLength(1);
    expect(deliberate(doc(rule({ patches: [{ operation: 'add', path: '/metadata/labels/a', value: '{not json' }] })))).toHaveLength(1);
    expect(deliberate(doc(rule({ patches: [{ operation: 'add', path: '/metadata/labels/a', value: 'say "hi"' }] })))).toHaveLength(1);
    expect(deliberate(doc(rule({ patches: [{ operation: 'add', path: '/metadata/labels/a', value: 'NaN' }] })))).toHaveLength(1);
    expect(deliberate(doc(rule({ patches: [{ operation: 'add', path: '/metadata/labels/a', value: '"quoted"' }] })))).toEqual([]);
  });

  test('a rule without patches; move and copy without from', () => {
    expect(deliberate(doc({ conditions: { groupResource: 'configmaps' } }))).toEqual(['resourceModifierRules[0]: has no patch']);
    expect(deliberate(doc(rule({ patches: [{ operation: 'move', path: '/metadata/labels/a' }] })))).toHaveLength(1);
  });

  test('a namespaces condition naming a mapping target', () => {
    const mapping = { namespaceMapping: { shop: 'shop-restored' } };
    expect(deliberate(doc(rule({}, { namespaces: ['shop-restored'] })), mapping)).toEqual([
      'resourceModifierRules[0].conditions.namespaces[0]: is the namespace the Restore maps shop to',
    ]);
    expect(deliberate(doc(rule({}, { namespaces: ['shop'] })), mapping)).toEqual([]);
    // A target that is also backed up under its own name is a source too.
    expect(deliberate(doc(rule({}, { namespaces: ['b'] })), { namespaceMapping: { a: 'b', b: 'c' } })).toEqual([]);
  });

  test('a label selector Kubernetes refuses', () => {
    expect(deliberate(doc(rule({}, { labelSelector: { matchExpressions: [{ key: 'app', operator: 'Has' }] } })))).toHaveLength(1);
  });
});

describe('the ConfigMap', () => {
  const text = JSON.stringify(doc(rule()));
  test('one data key holding the document', () => {
    expect(modifierConfigMapProblems({ data: { 'modifiers.json': text } })).toEqual([]);
    expect(modifierConfigMapProblems({ data: { a: text, b: text } })[0].wrong).toBe('has 2 keys');
    expect(modifierConfigMapProblems({})[0].wrong).toBe('has 0 keys');
    expect(modifierConfigMapProblems({ data: { a: 'version: v1' } })[0].kind).toBe(ProblemKind.DELIBERATE);
  });
});

describe('RE2 syntax (Go regexp.Compile)', () => {
  test.each([
    'abc', '^app-[a-z0-9]+$', '(?i)shop', '(?P<name>x)', '(?<name>x)', '\\d+\\.\\w*', '\\pL\\p{Greek}\\PN', '[[:alpha:]]', '\\Q.*\\E',
    'a{2,5}', 'a{,3}', '\\x41\\x{1F600}', '\\012', '[]a]', '(?:a|b)*?', '\\_', '^*', '((a{10}){10}){10}', '\\p{letter}',
  ])('accepts %s', pattern => expect(re2SyntaxError(pattern)).toBeUndefined());

  test.each([
    ['(?=a)', 'invalid or unsupported Perl syntax'], ['(?<=a)', 'invalid named capture'], ['(?!a)', 'invalid or unsupported Perl syntax'],
    ['(a)\\1', 'invalid escape sequence'], ['a**', 'invalid nested repetition operator'], ['a++', 'invalid nested repetition operator'],
    ['*a', 'missing argument to repetition operator'], ['a|*', 'missing argument to repetition operator'], ['a{1001}', 'invalid repeat count'],
    ['(a{100}){11}', 'invalid repeat count'], ['[z-a]', 'invalid character class range'], ['[a', 'missing closing ]'], ['(a', 'missing closing )'],
    ['a)', 'unexpected )'], ['a\\', 'trailing backslash at end of expression'], ['\\p{Klingon}', 'invalid character class range'],
    ['[[:foo:]]', 'invalid character class range'], ['\\C', 'invalid escape sequence'], ['\\Z', 'invalid escape sequence'],
    ['\\k<n>', 'invalid escape sequence'], ['(?#comment)', 'invalid or unsupported Perl syntax'], ['(?P=n)', 'invalid or unsupported Perl syntax'],
    ['\\x{110000}', 'invalid escape sequence'], ['(?i-)', 'invalid or unsupported Perl syntax'], ['('.repeat(1001) + ')'.repeat(1001), 'expression nests too deeply'],
  ])('refuses %s: %s', (pattern, code) => expect(re2SyntaxError(pattern)).toMatch(new RegExp(`^${code.replace(/[()]/g, '\\$&')}: `)));
});

describe('the value strings Velero reads', () => {
  test('quoting as Velero does it', () => {
    expect(velerosValueQuoting('')).toEqual({ quoted: true, text: '' });
    expect(velerosValueQuoting('"0"')).toEqual({ quoted: true, text: '0' });
    expect(velerosValueQuoting('0')).toEqual({ quoted: false, text: '0' });
    expect(velerosValueQuoting('TRUE')).toEqual({ quoted: false, text: 'TRUE' });
    expect(velerosValueQuoting('{"a":1}')).toEqual({ quoted: false, text: '{"a":1}' });
    expect(velerosValueQuoting('shop')).toEqual({ quoted: true, text: 'shop' });
  });

  test('strconv.ParseFloat\'s forms', () => {
    for (const s of ['0', '-1.5', '1e3', '.5', '1.', '+2', 'Inf', '-infinity', 'NaN', '0x1p-2', '0x_1p0']) expect(goParsesAsFloat(s)).toBe(true);
    for (const s of ['', '1_000', '0x1', 'e3', '1e', 'abc', '--1']) expect(goParsesAsFloat(s)).toBe(false);
  });

  test('the library writes each JSON value so that Velero reads that very value back', () => {
    const readBack = (written: string) => {
      const q = velerosValueQuoting(written);
      return JSON.parse(q.quoted ? `"${q.text}"` : q.text);
    };
    for (const value of [0, 2, -1.5, true, false, null, '', 'shop', '0', 'true', 'null', '{x', '[1]', 'say "hi"', 'back\\slash', 'tab\t', '"q"', { a: [1, 'b'] }, [1, 2]]) {
      expect(readBack(velerosPatchValue(value))).toEqual(value);
    }
    expect(velerosPatchValue('shop')).toBe('shop');
    expect(velerosPatchValue(0)).toBe('0');
  });
});

test('numbers in text fields, as sigs.k8s.io/yaml writes them', () => {
  expect(goYamlNumberText(0)).toBe('0');
  expect(goYamlNumberText(1.5)).toBe('1.5');
  expect(goYamlNumberText(0.1)).toBe('0.1');
  expect(goYamlNumberText(1e21)).toBe('1e+21');
  expect(goYamlNumberText(1234567.5)).toBe('1.2345675e+06');
  expect(goYamlNumberText(0.00001)).toBe('1e-05');
});

describe('group-resource globs (gobwas/glob)', () => {
  test.each(['deployments.apps', '*.apps', '{configmaps,secrets}', 'deploy[a-z]ents.apps', '[!x]ods', '**', '\\[x', '[ab-c]'])('accepts %s', glob =>
    expect(groupResourceGlobError(glob)).toBeUndefined());
  test.each(['[', '[abc', '[]', '[z-a]', '[a-bc]', 'pods['])('refuses %s', glob => expect(groupResourceGlobError(glob)).toBeDefined());
});
