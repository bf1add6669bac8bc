// Restoring onto a new cluster: the plan's resource modifiers (one ConfigMap,
// named by every Restore), NamespaceMapping and KymaRestoreRemapping.
import { Testing } from 'cdk8s';
import {
  JsonPatch, KymaRestorePlan, KymaRestoreRemapping, LabelSelector, NamespaceMapping, ResourceModifierRule, RestoreOrder,
} from '../src';
import { newChart, synthProblems, synthValid } from './helpers';
import { imageMappingProblems, imageMappingRows } from '../src/restore/image-mapping';
import { ProblemKind } from '../src/validation/problem';

const replicasToZero = () => ResourceModifierRule.jsonPatch({ groupResource: 'deployments.apps', namespaces: ['shop'] }, [JsonPatch.replace('/spec/replicas', 0)]);

describe('resource modifiers of a restore plan', () => {
  test('one ConfigMap in Velero\'s namespace, first in the first phase, named by every Restore of every phase', () => {
    const plan = new KymaRestorePlan(newChart(), 'Restore', { order: RestoreOrder.CRDS_FIRST });
    plan.addResourceModifier(replicasToZero());
    plan.addResourceModifier(ResourceModifierRule.mergePatch({ groupResource: 'configmaps', labelSelector: LabelSelector.of({ labels: { app: 'shop' } }) },
      [{ data: { mode: 'restored' } }]));
    const phases = plan.phases.map(chart => synthValid(chart));
    expect(phases.map(objects => objects.map(o => `${o.kind}/${o.metadata.name}`))).toEqual([
      ['ConfigMap/kyma-restore-resource-modifiers', 'Restore/kyma-system-restore-crds', 'Restore/kyma-restore-crds'],
      ['Restore/kyma-system-restore'],
      ['Restore/kyma-restore'],
    ]);
    const configMap = phases[0][0];
    expect(plan.resourceModifiersConfigMap?.toJson()).toEqual(configMap);
    expect(configMap.metadata.namespace).toBe('kyma-backup');
    expect(Object.keys(configMap.data)).toEqual(['resource-modifiers.json']);
    expect(JSON.parse(configMap.data['resource-modifiers.json'])).toEqual({
      version: 'v1',
      resourceModifierRules: [
        { conditions: { groupResource: 'deployments.apps', namespaces: ['shop'] }, patches: [{ operation: 'replace', path: '/spec/replicas', value: '0' }] },
        { conditions: { groupResource: 'configmaps', labelSelector: { matchLabels: { app: 'shop' } } }, mergePatches: [{ patchData: '{"data":{"mode":"restored"}}' }] },
      ],
    });
    for (const restore of phases.flat().filter(o => o.kind === 'Restore')) {
      expect(restore.spec.resourceModifier).toEqual({ kind: 'ConfigMap', name: 'kyma-restore-resource-modifiers' });
    }
  });

  test('without modifiers nothing changes: no ConfigMap, no resourceModifier', () => {
    const plan = new KymaRestorePlan(newChart(), 'Restore');
    const objects = plan.phases.flatMap(chart => synthValid(chart));
    expect(objects.map(o => o.kind)).toEqual(['Restore', 'Restore']);
    expect(objects.every(o => o.spec.resourceModifier === undefined)).toBe(true);
    expect(plan.resourceModifiersConfigMap).toBeUndefined();
  });

  test('the bare name still works, and is refused together with rules', () => {
    const named = new KymaRestorePlan(newChart(), 'Restore', { resourceModifierConfigMap: 'my-modifiers' });
    expect(synthValid(named.phases[1])[0].spec.resourceModifier).toEqual({ kind: 'ConfigMap', name: 'my-modifiers' });
    const both = new KymaRestorePlan(newChart(), 'Restore', { resourceModifierConfigMap: 'my-modifiers' });
    both.addResourceModifier(replicasToZero());
    expect(synthProblems(both.phases[0]).join('\n')).toMatch(/resourceModifierConfigMap = "my-modifiers": is set together with addResourceModifier\(\)/);
  });

  test('the ConfigMap is named after the user restore', () => {
    const plan = new KymaRestorePlan(newChart(), 'Restore', { userRestoreName: 'dr-restore' });
    plan.addResourceModifier(replicasToZero());
    const [configMap, restore] = synthValid(plan.phases[0]);
    expect(configMap.metadata.name).toBe('dr-restore-resource-modifiers');
    expect(restore.spec.resourceModifier.name).toBe('dr-restore-resource-modifiers');
  });

  test('a user restore name too long for the ConfigMap\'s name is caught at synth, in every phase', () => {
    // 234 characters leave room for "-resource-modifiers" (19) within a DNS-1123 subdomain's 253.
    const fits = new KymaRestorePlan(newChart(), 'Restore', { userRestoreName: 'a'.repeat(234) });
    fits.addResourceModifier(replicasToZero());
    expect(synthValid(fits.phases[0])[0].metadata.name).toHaveLength(253);
    const long = new KymaRestorePlan(newChart(), 'Restore', { userRestoreName: 'a'.repeat(235) });
    long.addResourceModifier(replicasToZero());
    for (const phase of long.phases) {
      expect(synthProblems(phase)).toEqual([expect.stringMatching(/spec\.resourceModifier\.name = "a+… \(256 characters\): is 254 characters long, more than 253; a ConfigMap name/)]);
    }
    // Without rules the name is never written, so the same user restore name is fine.
    expect(synthValid(new KymaRestorePlan(newChart(), 'Restore', { userRestoreName: 'a'.repeat(235) }).phases[1])).toHaveLength(1);
  });

  test('the written ConfigMap is judged: a look-around and a mapping target in a condition', () => {
    const plan = new KymaRestorePlan(newChart(), 'Restore', { mappedNamespaces: NamespaceMapping.of({ shop: 'shop-restored' }) });
    plan.addResourceModifier(ResourceModifierRule.jsonPatch({ groupResource: 'configmaps', namespaces: ['shop-restored'], resourceNameRegex: '^(?!kube-)' },
      [JsonPatch.add('/metadata/labels/restored', 'yes')]));
    const problems = synthProblems(plan.phases[0]);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/resourceNameRegex = "\^\(\?!kube-\)": is not a regular expression Go accepts .*\(deliberate/);
    expect(problems[1]).toMatch(/namespaces\[0\] = "shop-restored": is the namespace the Restore maps shop to/);
  });

  test('wrong arguments are problems at synth, never a TypeError', () => {
    const plan = new KymaRestorePlan(newChart(), 'Restore');
    plan.addResourceModifier(undefined as any);
    plan.addResourceModifier(ResourceModifierRule.jsonPatch({ groupResource: 42 } as any, [JsonPatch.replace('/spec/replicas', NaN)]));
    plan.addResourceModifier(ResourceModifierRule.mergePatch({ groupResource: 'configmaps' }, ['text' as any]));
    const problems = synthProblems(plan.phases[0]).join('\n');
    expect(problems).toMatch(/addResourceModifier\(rule\) = undefined: is missing/);
    expect(problems).toMatch(/groupResource = 42/);
    expect(problems).toMatch(/JsonPatch.replace\(value\) = "NaN": is not a JSON value/);
    expect(problems).toMatch(/mergePatch\(patches\)\[0\] = "text"/);
  });
});

describe('NamespaceMapping', () => {
  test('renders as namespaceMapping, built with of() and map()', () => {
    const plan = new KymaRestorePlan(newChart(), 'Restore', { mappedNamespaces: NamespaceMapping.of({ shop: 'shop-restored' }).map('billing', 'billing-restored') });
    expect(synthValid(plan.phases[1])[0].spec.namespaceMapping).toEqual({ shop: 'shop-restored', billing: 'billing-restored' });
  });

  test('checked both ways, for the value type and the map prop alike', () => {
    const bad = { shop: 'Shop_Restored', a: 'merged', b: 'merged' };
    for (const props of [{ mappedNamespaces: NamespaceMapping.of(bad) }, { namespaceMapping: bad }]) {
      const problems = synthProblems(new KymaRestorePlan(newChart(), 'Restore', props).phases[0]);
      expect(problems).toHaveLength(2);
      expect(problems[0]).toMatch(/\["shop"\] = "Shop_Restored": is not a DNS-1123 label/);
      expect(problems[1]).toMatch(/maps a and b to one namespace, merged/);
    }
  });

  test('refused with the map prop, and a namespace mapped twice', () => {
    const both = new KymaRestorePlan(newChart(), 'Restore', { namespaceMapping: { a: 'b' }, mappedNamespaces: NamespaceMapping.of({ a: 'c' }) });
    expect(synthProblems(both.phases[0]).join('\n')).toMatch(/mappedNamespaces = \{"a":"c"\}: is set together with namespaceMapping/);
    const twice = new KymaRestorePlan(newChart(), 'Restore', { mappedNamespaces: NamespaceMapping.of({ a: 'b' }).map('a', 'c') });
    expect(synthProblems(twice.phases[0]).join('\n')).toMatch(/mappedNamespaces.map\(from\) = "a": is mapped already, to b/);
  });
});

describe('KymaRestoreRemapping', () => {
  test('plugin-config ConfigMaps with the labels Velero\'s restore item actions select', () => {
    const chart = newChart();
    new KymaRestoreRemapping(chart, 'Remap', { storageClasses: { 'old-class': 'new-class' }, images: { 'docker.io/library/': 'registry.example.com/mirror/' } });
    const [storage, images] = Testing.synth(chart);
    expect(storage).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'change-storage-class-config', namespace: 'kyma-backup', labels: { 'velero.io/plugin-config': '', 'velero.io/change-storage-class': 'RestoreItemAction' } },
      data: { 'old-class': 'new-class' },
    });
    expect(images.metadata.labels).toEqual({ 'velero.io/plugin-config': '', 'velero.io/change-image-name': 'RestoreItemAction' });
    expect(images.data).toEqual({ 'mapping-1': 'docker.io/library/,registry.example.com/mirror/' });
  });

  test('a second one in the app is refused: while two ConfigMaps of a kind exist, Velero fails each object the action handles', () => {
    const chart = newChart();
    new KymaRestoreRemapping(chart, 'A', { storageClasses: { a: 'b' } });
    new KymaRestoreRemapping(chart, 'B', { images: { a: 'b' } });
    expect(synthProblems(chart)).toEqual([expect.stringMatching(/^\[.*B\] \(construct\) = ".*B": is a second KymaRestoreRemapping for namespace kyma-backup/)]);
    // Another Velero namespace is another Velero: its own remapping is fine.
    const other = newChart();
    new KymaRestoreRemapping(other, 'A', { storageClasses: { a: 'b' } });
    new KymaRestoreRemapping(other, 'B', { namespace: 'velero', storageClasses: { a: 'b' } });
    expect(Testing.synth(other)).toHaveLength(2);
  });

  test('targets that are no names, ambiguous image parts', () => {
    const chart = newChart();
    new KymaRestoreRemapping(chart, 'Remap', { storageClasses: { 'old-class': 'New Class' }, images: { 'nginx': 'mirror/nginx', 'nginx:1.25': 'mirror/nginx:1.25', 'a,b': 'c' } });
    const problems = synthProblems(chart).join('\n');
    expect(problems).toMatch(/storageClasses\["old-class"\] = "New Class": is not a DNS-1123 subdomain/);
    expect(problems).toMatch(/images\["nginx"\] = "nginx": occurs in another old part, nginx:1.25: each image holding nginx:1.25 gets one of the two rows/);
    expect(problems).toMatch(/images\["a,b"\] = "a,b": holds a comma, where Velero ends the old part/);
    // Nothing mapped: nothing written.
    const empty = newChart();
    new KymaRestoreRemapping(empty, 'Empty');
    expect(Testing.synth(empty)).toEqual([]);
  });

  test('a ConfigMap name without mappings would be dropped, so it is refused', () => {
    const chart = newChart();
    new KymaRestoreRemapping(chart, 'Remap', { storageClasses: { a: 'b' }, imageConfigMapName: 'images' });
    expect(synthProblems(chart)).toEqual([expect.stringMatching(/imageConfigMapName = "images": names a ConfigMap, but no images are mapped/)]);
  });

  test('a plan names it; it must be in the plan\'s namespace', () => {
    const chart = newChart();
    const remapping = new KymaRestoreRemapping(chart, 'Remap', { namespace: 'velero', storageClasses: { a: 'b' } });
    const plan = new KymaRestorePlan(chart, 'Restore', { remapping });
    expect(synthProblems(plan.phases[0]).join('\n')).toMatch(/remapping = ".*Remap": is in namespace velero, not the plan's kyma-backup/);
  });
});

/**
 * What Velero v1.18.1's change-image-name action can make of one image with
 * these ConfigMap rows (isImageReplaceRuleExist): each row cut at its first
 * comma, both sides trimmed; a row with nothing after the comma is skipped;
 * the first matching row in Go's random map order replaces every occurrence.
 * Every order is possible, so this gives every possible outcome.
 */
function velerosOutcomes(image: string, rows: { [key: string]: string }): string[] {
  const outcomes = new Set<string>();
  for (const row of Object.values(rows)) {
    const comma = row.indexOf(',');
    if (comma < 0 || row.length - comma <= 1) continue;
    const old = row.slice(0, comma).trim();
    const replacement = row.slice(comma + 1).trim();
    // Go's strings.Replace with an empty old string puts the new one before each character and at the end.
    if (image.includes(old)) outcomes.add(old === '' ? `${[...image].map(c => replacement + c).join('')}${replacement}` : image.split(old).join(replacement));
  }
  return outcomes.size === 0 ? [image] : [...outcomes].sort();
}

describe('image mappings, as Velero\'s change-image-name action reads them', () => {
  const deliberate = (images: { [from: string]: string }) => imageMappingProblems(images).map(p => {
    expect(p.kind).toBe(ProblemKind.DELIBERATE);
    return `${p.field}: ${p.wrong}`;
  });

  test('any non-empty parts Velero can use are taken: tags, path pieces, capitals, underscores', () => {
    const images = { ':1.0': ':2.0', '/library/': '/mirror/', '_x': '_y', 'app:v1': 'app:V2-RC', 'registry.old.example.com': 'registry.new.example.com' };
    expect(imageMappingProblems(images)).toEqual([]);
    const rows = imageMappingRows(images);
    expect(rows).toEqual({
      'mapping-1': ':1.0,:2.0',
      'mapping-2': '/library/,/mirror/',
      'mapping-3': '_x,_y',
      'mapping-4': 'app:v1,app:V2-RC',
      'mapping-5': 'registry.old.example.com,registry.new.example.com',
    });
    expect(velerosOutcomes('docker.io/library/nginx:1.0', { a: rows['mapping-1'] })).toEqual(['docker.io/library/nginx:2.0']);
    expect(velerosOutcomes('docker.io/library/nginx:1.0', { a: rows['mapping-2'] })).toEqual(['docker.io/mirror/nginx:1.0']);
    expect(velerosOutcomes('eu.gcr.io/kyma/app:v1', { a: rows['mapping-4'] })).toEqual(['eu.gcr.io/kyma/app:V2-RC']);
    // Every occurrence is replaced, not only the first.
    expect(velerosOutcomes('reg/app1.0:1.0', { a: '1.0,2.0' })).toEqual(['reg/app2.0:2.0']);
  });

  test('refused: what Velero cannot use as written', () => {
    expect(deliberate({ '': 'mirror/' })).toEqual([expect.stringMatching(/^images\[""\]: has an empty old part, which Velero finds in every image/)]);
    expect(velerosOutcomes('ab', { a: ',x' })).toEqual(['xaxbx']);
    expect(deliberate({ 'docker.io/': '' })).toEqual([expect.stringMatching(/^images\["docker.io\/"\]: has an empty new part: Velero skips a row/)]);
    expect(velerosOutcomes('docker.io/nginx', imageMappingRows({ 'docker.io/': '' }))).toEqual(['docker.io/nginx']);
    expect(deliberate({ 'a,b': 'c' })).toEqual([expect.stringMatching(/holds a comma, where Velero ends the old part/)]);
    expect(velerosOutcomes('a,b', imageMappingRows({ 'a,b': 'c' }))).toEqual(['b,c,b']);
    expect(deliberate({ a: 'b,c' })).toEqual([expect.stringMatching(/holds a comma, which Velero would write into the image name/)]);
    for (const images of <Array<{ [from: string]: string }>>[{ ' nginx': 'x' }, { nginx: 'x ' }, { 'ngi nx': 'x' }, { nginx: 'x\ty' }]) {
      expect(deliberate(images)).toEqual([expect.stringMatching(/holds white space, which Velero trims off the ends/)]);
    }
    expect(velerosOutcomes('nginx:1', imageMappingRows({ nginx: ' x' }))).toEqual(['x:1']);
    expect(deliberate({ 'nginx#1': 'x' })).toEqual([expect.stringMatching(/^images\["nginx#1"\]: holds "#", which no image name holds: the mapping would never apply/)]);
    expect(deliberate({ nginx: 'nginx!' })).toEqual([expect.stringMatching(/holds "!", which no image name holds: every image it applies to could no longer be pulled/)]);
    // The characters of domains (IPv6 in brackets), paths, tags and digests are all taken.
    expect(imageMappingProblems({ '[::1]:5000/': 'registry.example.com:443/', 'app@sha256:ab': 'app@sha256+b64:CD_x-1' })).toEqual([]);
  });

  test('refused: an old part in another, which leaves the longer row to chance', () => {
    const images = { 'docker.io/': 'mirror.example.com/', 'docker.io/library/nginx:1.25': 'mirror.example.com/nginx:1.27' };
    expect(deliberate(images)).toEqual([expect.stringMatching(/^images\["docker.io\/"\]: occurs in another old part, docker.io\/library\/nginx:1.25/)]);
    expect(velerosOutcomes('docker.io/library/nginx:1.25', imageMappingRows(images)))
      .toEqual(['mirror.example.com/library/nginx:1.25', 'mirror.example.com/nginx:1.27']);
  });

  test('taken, as documented: rows that meet only in some images (a registry row and a repository row)', () => {
    const images = { 'registry.old.example.com/': 'registry.new.example.com/', 'bitnami/redis': 'myorg/redis' };
    expect(imageMappingProblems(images)).toEqual([]);
    const rows = imageMappingRows(images);
    expect(velerosOutcomes('docker.io/bitnami/redis:7', rows)).toEqual(['docker.io/myorg/redis:7']);
    expect(velerosOutcomes('registry.old.example.com/kyma/app:1', rows)).toEqual(['registry.new.example.com/kyma/app:1']);
    // Where both occur, one row applies, at random; the docs say so.
    expect(velerosOutcomes('registry.old.example.com/bitnami/redis:7', rows))
      .toEqual(['registry.new.example.com/bitnami/redis:7', 'registry.old.example.com/myorg/redis:7']);
  });

  test('a construct reports them under its path', () => {
    const chart = newChart();
    new KymaRestoreRemapping(chart, 'Remap', { images: { ':1.0': ':2.0', 'x': '' } });
    expect(synthProblems(chart)).toEqual([expect.stringMatching(/^\[test\/Remap\] images\["x"\] = \{"x":""\}: has an empty new part.*deliberate/)]);
    const fine = newChart();
    new KymaRestoreRemapping(fine, 'Remap', { images: { ':1.0': ':2.0', '/library/': '/mirror/', '_x': '_Y' } });
    expect(Testing.synth(fine)[0].data).toEqual({ 'mapping-1': ':1.0,:2.0', 'mapping-2': '/library/,/mirror/', 'mapping-3': '_x,_Y' });
  });
});
