// Writes test/conformance/testdata/modifiers.json for the Go conformance suite
// (modifiers_test.go): restore resource-modifier documents, each with our
// verdict and the outcome we predict on a server (FailedValidation, or what
// applying the rules to a sample object does), judged there by Velero's own
// loader, validator and ApplyResourceModifierRules; regular expressions
// judged by Go's regexp.Compile; group-resource globs by gobwas/glob; and
// JSON values as the library writes them, read back by Velero's own
// JSON Patch assembly.
import * as fs from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';
import { JsonPatch, KymaRestorePlan, LabelSelector, NamespaceMapping, ProblemKind, ResourceModifierRule } from '../../src';
import { velerosPatchValue } from '../../src/restore/json-patch';
import { Problem } from '../../src/validation/problem';
import { re2SyntaxError } from '../../src/validation/re2-syntax';
import { goYamlNumberText, groupResourceGlobError, modifierConfigMapProblems } from '../../src/validation/resource-modifiers';
import { INVALID_SETS } from '../e2e/modifiers';
import { newChart } from '../helpers-chart';

const OUT = path.join(__dirname, 'testdata', 'modifiers.json');
const SEED = 20261128;
const GENERATED_REGEXES = 3000;

/**
 * What the server does: refuses the Restore up front (FailedValidation), or,
 * applying the rules to the sample object, fails it (PartiallyFailed), leaves
 * it as it was (NoChange), writes a field the kind does not have
 * (UnknownField: the API server refuses or drops it), or patches it (Applied).
 */
type Outcome = 'FailedValidation' | 'PartiallyFailed' | 'NoChange' | 'UnknownField' | 'Applied';

interface ModifierCase {
  readonly name: string;
  /** The ConfigMap's one data value. */
  readonly text: string;
  readonly namespaceMapping?: { [from: string]: string };
  /** A backed-up object the rules are applied to, with its group-resource. */
  readonly object?: any;
  readonly groupResource?: string;
  readonly expect: Outcome;
  /** Our verdict: the problems the library reports, by kind. */
  readonly ours: { readonly velero: string[]; readonly deliberate: string[] };
}

const deployment = (namespace = 'shop') => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace, labels: { app: 'shop' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'shop' } },
    template: { metadata: { labels: { app: 'shop' } }, spec: { containers: [{ name: 'web', image: 'docker.io/library/nginx:1.25' }] } },
  },
});
const configMap = () => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config', namespace: 'shop' }, data: { mode: 'live' } });
const pvc = () => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name: 'data', namespace: 'shop' },
  spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'old-class', resources: { requests: { storage: '1Gi' } } },
});

const cases: ModifierCase[] = [];

function verdict(text: string, namespaceMapping?: { [from: string]: string }) {
  const problems = modifierConfigMapProblems({ data: { 'resource-modifiers.json': text } }, { namespaceMapping });
  const of = (kind: ProblemKind) => problems.filter((p: Problem) => p.kind === kind).map(p => `${p.field}: ${p.wrong}`);
  return { velero: of(ProblemKind.VELERO), deliberate: of(ProblemKind.DELIBERATE) };
}

type Sample = { object: any; groupResource: string };

function add(name: string, document: unknown, expect: Outcome, sample?: Sample, namespaceMapping?: { [from: string]: string }) {
  const text = typeof document === 'string' ? document : JSON.stringify(document, null, 2);
  const ours = verdict(text, namespaceMapping);
  cases.push({ name, text, namespaceMapping, object: sample?.object, groupResource: sample?.groupResource, expect, ours });
}

const doc = (...rules: object[]) => ({ version: 'v1', resourceModifierRules: rules });
const onDeployment = (patches: object[], conditions: object = {}) => ({ conditions: { groupResource: 'deployments.apps', ...conditions }, patches });
const DEPLOYMENT = { object: deployment(), groupResource: 'deployments.apps' };
const CONFIGMAP = { object: configMap(), groupResource: 'configmaps' };
const PVC = { object: pvc(), groupResource: 'persistentvolumeclaims' };
const replicas = (value = '0') => ({ operation: 'replace', path: '/spec/replicas', value });

// Valid documents: each rule and patch kind applies.
add('json patch: replicas to 0', doc(onDeployment([replicas()])), 'Applied', DEPLOYMENT);
add('json patch: version in capitals', { version: 'V1', resourceModifierRules: [onDeployment([replicas()])] }, 'Applied', DEPLOYMENT);
add('json patch: add a label', doc(onDeployment([{ operation: 'add', path: '/metadata/labels/restored', value: 'yes' }])), 'Applied', DEPLOYMENT);
add('json patch: remove a label', doc(onDeployment([{ operation: 'remove', path: '/metadata/labels/app' }])), 'Applied', DEPLOYMENT);
add('json patch: test then replace', doc(onDeployment([{ operation: 'test', path: '/spec/replicas', value: '2' }, replicas('1')])), 'Applied', DEPLOYMENT);
add('json patch: copy', doc(onDeployment([{ operation: 'copy', from: '/metadata/labels/app', path: '/metadata/labels/copied' }])), 'Applied', DEPLOYMENT);
add('json patch: move', doc(onDeployment([{ operation: 'move', from: '/metadata/labels/app', path: '/metadata/labels/moved' }])), 'Applied', DEPLOYMENT);
add('json patch: image', doc(onDeployment([{ operation: 'replace', path: '/spec/template/spec/containers/0/image', value: 'registry.example.com/nginx:1.25' }])), 'Applied', DEPLOYMENT);
add('conditions: namespaces, regex, labels, matches', doc(onDeployment([replicas()], {
  namespaces: ['shop'],
  resourceNameRegex: '^w[a-z]+$',
  labelSelector: { matchLabels: { app: 'shop' } },
  matches: [{ path: '/spec/template/spec/containers/0/name', value: 'web' }],
})), 'Applied', DEPLOYMENT);
add('conditions: group-resource glob', doc({ conditions: { groupResource: '*.apps' }, patches: [replicas()] }), 'Applied', DEPLOYMENT);
add('conditions: a brace glob', doc({ conditions: { groupResource: '{configmaps,secrets}' }, mergePatches: [{ patchData: '{"data":{"mode":"restored"}}' }] }), 'Applied', CONFIGMAP);
add('merge patch: ConfigMap data', doc({ conditions: { groupResource: 'configmaps' }, mergePatches: [{ patchData: '{"data":{"mode":"restored"}}' }] }), 'Applied', CONFIGMAP);
add('strategic patch: replicas', doc({ conditions: { groupResource: 'deployments.apps' }, strategicPatches: [{ patchData: '{"spec":{"replicas":0}}' }] }), 'Applied', DEPLOYMENT);
add('json patch: PVC storage class', doc({ conditions: { groupResource: 'persistentvolumeclaims' }, patches: [{ operation: 'replace', path: '/spec/storageClassName', value: 'new-class' }] }), 'Applied', PVC);
add('field names in any case', { Version: 'v1', ResourceModifierRules: [{ Conditions: { GroupResource: 'deployments.apps' }, Patches: [{ Operation: 'replace', Path: '/spec/replicas', Value: '0' }] }] }, 'Applied', DEPLOYMENT);

// Refused up front.
add('version v2', { version: 'v2', resourceModifierRules: [onDeployment([replicas()])] }, 'FailedValidation');
add('no version', { resourceModifierRules: [onDeployment([replicas()])] }, 'FailedValidation');
add('no rules', doc(), 'FailedValidation');
add('rules null', { version: 'v1', resourceModifierRules: null }, 'FailedValidation');
add('unknown top-level field', { ...doc(onDeployment([replicas()])), kind: 'ResourceModifiers' }, 'FailedValidation');
add('unknown rule field', doc({ ...onDeployment([replicas()]), patch: [] }), 'FailedValidation');
add('unknown condition field', doc(onDeployment([replicas()], { names: ['web'] })), 'FailedValidation');
add('value as a number: Velero reads it as text', doc(onDeployment([{ operation: 'replace', path: '/spec/replicas', value: 0 }])), 'Applied', DEPLOYMENT);
add('version as a list', { version: ['v1'], resourceModifierRules: [onDeployment([replicas()])] }, 'FailedValidation');
add('value as an object', doc(onDeployment([{ operation: 'replace', path: '/spec/replicas', value: { n: 0 } }])), 'FailedValidation');
add('namespaces as a string', doc(onDeployment([replicas()], { namespaces: 'shop' })), 'FailedValidation');
add('empty group-resource', doc(onDeployment([replicas()], { groupResource: '' })), 'FailedValidation');
add('no conditions', doc({ patches: [replicas()] }), 'FailedValidation');
add('two kinds of patch', doc({ ...onDeployment([replicas()]), mergePatches: [{ patchData: '{}' }] }), 'FailedValidation');
add('unknown operation', doc(onDeployment([{ operation: 'merge', path: '/spec/replicas', value: '0' }])), 'FailedValidation');
add('empty operation', doc(onDeployment([{ path: '/spec/replicas', value: '0' }])), 'FailedValidation');
add('empty path', doc(onDeployment([{ operation: 'replace', value: '0' }])), 'FailedValidation');
add('version a number', { version: 1, resourceModifierRules: [onDeployment([replicas()])] }, 'FailedValidation');

// Accepted up front, wrong at run time: deliberate refusals.
add('regex: look-ahead', doc(onDeployment([replicas()], { resourceNameRegex: '^w(?=e)' })), 'PartiallyFailed', DEPLOYMENT);
add('regex: backreference', doc(onDeployment([replicas()], { resourceNameRegex: '^(w)\\1' })), 'PartiallyFailed', DEPLOYMENT);
add('regex: possessive', doc(onDeployment([replicas()], { resourceNameRegex: 'w.*+' })), 'PartiallyFailed', DEPLOYMENT);
add('glob: unclosed range', doc(onDeployment([replicas()], { groupResource: '[deployments.apps' })), 'PartiallyFailed', DEPLOYMENT);
add('glob: empty range', doc(onDeployment([replicas()], { groupResource: 'deployments[].apps' })), 'PartiallyFailed', DEPLOYMENT);
add('pointer: replace a field the kind does not have', doc(onDeployment([{ operation: 'replace', path: '/spec/replica', value: '0' }])), 'PartiallyFailed', DEPLOYMENT);
add('pointer: add a field the kind does not have', doc(onDeployment([{ operation: 'add', path: '/spec/replica', value: '0' }])), 'UnknownField', DEPLOYMENT);
add('pointer: ConfigMap spec', doc({ conditions: { groupResource: 'configmaps' }, patches: [{ operation: 'add', path: '/spec', value: '{}' }] }), 'UnknownField', CONFIGMAP);
add('pointer: no leading slash', doc(onDeployment([{ operation: 'replace', path: 'spec/replicas', value: '0' }])), 'PartiallyFailed', DEPLOYMENT);
add('pointer: list index by name', doc(onDeployment([{ operation: 'replace', path: '/spec/template/spec/containers/web/image', value: 'x' }])), 'PartiallyFailed', DEPLOYMENT);
add('pointer: below a single value', doc(onDeployment([{ operation: 'add', path: '/spec/replicas/count', value: '0' }])), 'PartiallyFailed', DEPLOYMENT);
add('operation in capitals', doc(onDeployment([{ operation: 'Replace', path: '/spec/replicas', value: '0' }])), 'PartiallyFailed', DEPLOYMENT);
add('move without from', doc(onDeployment([{ operation: 'move', path: '/metadata/labels/moved' }])), 'PartiallyFailed', DEPLOYMENT);
add('value: broken JSON object', doc(onDeployment([{ operation: 'add', path: '/metadata/annotations', value: '{"a": ' }])), 'PartiallyFailed', DEPLOYMENT);
add('value: NaN reads as a number', doc(onDeployment([{ operation: 'add', path: '/metadata/labels/x', value: 'NaN' }])), 'PartiallyFailed', DEPLOYMENT);
add('value: quotes inside', doc(onDeployment([{ operation: 'add', path: '/metadata/labels/x', value: 'say "hi"' }])), 'PartiallyFailed', DEPLOYMENT);
add('merge patch data does not parse', doc({ conditions: { groupResource: 'configmaps' }, mergePatches: [{ patchData: '{"data": {' }] }), 'PartiallyFailed', CONFIGMAP);
add('merge patch data is a list', doc({ conditions: { groupResource: 'configmaps' }, mergePatches: [{ patchData: '[1, 2]' }] }), 'PartiallyFailed', CONFIGMAP);
add('rule without a patch', doc({ conditions: { groupResource: 'configmaps' } }), 'PartiallyFailed', CONFIGMAP);
add('match without a path', doc(onDeployment([replicas()], { matches: [{ value: 'web' }] })), 'PartiallyFailed', DEPLOYMENT);
add('label selector with an unknown operator', doc(onDeployment([replicas()], { labelSelector: { matchExpressions: [{ key: 'app', operator: 'Has' }] } })), 'PartiallyFailed', DEPLOYMENT);
add('namespaces names the mapping target', doc(onDeployment([replicas()], { namespaces: ['shop-restored'] })), 'NoChange', DEPLOYMENT, { shop: 'shop-restored' });

// The e2e's invalid sets (test/e2e/modifiers.ts), which the real server ends as predicted there.
for (const set of INVALID_SETS) {
  const sample = JSON.stringify(set.document).includes('"configmaps"') ? CONFIGMAP : DEPLOYMENT;
  add(`e2e: ${set.name}`, set.document, set.expect, set.expect === 'FailedValidation' ? undefined : sample);
}

// Written by the library's value types, through a restore plan.
function planCase(name: string, rules: ResourceModifierRule[], expect: Outcome, sample: Sample, mapping?: NamespaceMapping) {
  const plan = new KymaRestorePlan(newChart(), 'Restore', { mappedNamespaces: mapping });
  rules.forEach(rule => plan.addResourceModifier(rule));
  const text = plan.resourceModifiersConfigMap!.toJson().data['resource-modifiers.json'];
  add(name, text, expect, sample, mapping?.entries);
}
planCase('library: replicas to 0 and a label', [
  ResourceModifierRule.jsonPatch({ groupResource: 'deployments.apps', namespaces: ['shop'] }, [JsonPatch.replace('/spec/replicas', 0), JsonPatch.add('/metadata/labels/restored', 'true')]),
], 'Applied', DEPLOYMENT, NamespaceMapping.of({ shop: 'shop-restored' }));
planCase('library: merge patch with a selector', [
  ResourceModifierRule.mergePatch({ groupResource: 'configmaps', labelSelector: LabelSelector.of({ labels: {} }) }, [{ data: { mode: 'restored', quote: 'say "hi"' } }]),
], 'Applied', CONFIGMAP);
planCase('library: strategic patch and matches', [
  ResourceModifierRule.strategicMergePatch({ groupResource: 'deployments.apps', matches: [{ path: '/spec/replicas', value: 2 }] }, [{ spec: { replicas: 0 } }]),
], 'Applied', DEPLOYMENT);
planCase('library: look-behind', [
  ResourceModifierRule.jsonPatch({ groupResource: 'deployments.apps', resourceNameRegex: '(?<!x)web' }, [JsonPatch.replace('/spec/replicas', 0)]),
], 'PartiallyFailed', DEPLOYMENT);

// Regular expressions, against Go's regexp.Compile.
const TOKENS = ['a', 'b', '(', ')', '(?:', '(?i)', '(?P<n>', '(?<n>', '(?=', '(?!', '(?<=', '|', '*', '+', '?', '*?', '{2}', '{2,}', '{,3}',
  '{3,1}', '{1001}', '[', ']', '[^', '-', '^', '$', '.', '\\', '\\1', '\\12', '\\d', '\\pL', '\\p{Greek}', '\\p{Foo}', '\\Q', '\\E', '\\z',
  '\\Z', '\\b', '\\C', '\\x41', '\\x{1F600}', '\\e', '\\_', '[:alpha:]', '[:foo:]', 'z-a', '{', '}', ',', '0', 'é'];
const regexes = fc.sample(fc.array(fc.constantFrom(...TOKENS), { minLength: 1, maxLength: 6 }).map(parts => parts.join('')),
  { seed: SEED, numRuns: GENERATED_REGEXES });
const uniqueRegexes = [...new Set(regexes)].map(pattern => ({ pattern, accepted: re2SyntaxError(pattern) === undefined }));

// Group-resource globs, against gobwas/glob.
const globs = ['deployments.apps', '*.apps', '**', '{configmaps,secrets}', '[a-z]*', '[!x]ods', '[', '[abc', '[]', '[z-a]', '[a-bc]', '[ab-c]',
  'pods[', '\\[x', '{a,b', 'a}', '[\\]]', '[a-]', 'deploy?ents.apps'].map(pattern => ({ pattern, accepted: groupResourceGlobError(pattern) === undefined }));

// JSON values as the library writes them, with the value Velero must read back.
const values = [0, 2, -1.5, 1e21, true, false, null, '', 'shop', '0', '1e3', 'true', 'TRUE', 'null', 'NaN', 'Inf', '{x', '[1]', 'say "hi"',
  'back\\slash', 'tab\there', 'new\nline', '"q"', 'é', { a: [1, 'b'] }, [1, 2], []].map(value => ({ written: velerosPatchValue(value), json: JSON.stringify(value) }));

// Numbers in text fields, as the library reads Velero's YAML decoding of them.
const numbers = [...[0, -3, 100000, 1.5, 0.1, -2.25, 1e21, 1234567.5, 1e-5, 2.5e-7, 123456.7, 3.14159265358979, -1e-300, 1e300, 1e39],
  ...fc.sample(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }), { seed: SEED, numRuns: 1000 }),
  ...fc.sample(fc.float({ noNaN: true, noDefaultInfinity: true }), { seed: SEED, numRuns: 500 })]
  .map(n => ({ json: JSON.stringify(n), text: goYamlNumberText(n) }));

fs.mkdirSync(path.dirname(OUT), { recursive: true });
fs.writeFileSync(OUT, JSON.stringify({ cases, regexes: uniqueRegexes, globs, values, numbers }, null, 1));
console.log(`modifiers: ${cases.length} cases, ${uniqueRegexes.length} regexes, ${globs.length} globs, ${values.length} values, `
  + `${numbers.length} numbers written to ${path.relative(process.cwd(), OUT)}`);
