// Velero v1.18.1's restore resource modifiers (internal/resourcemodifiers and
// the restore controller's validateAndComplete), written anew: what Velero
// refuses up front, ending the Restore FailedValidation, and, deliberately,
// what it meets only while restoring (the Restore then ends PartiallyFailed)
// or what silently does nothing.
import { labelSelectorProblems } from './labels';
import { Problem, ProblemKind, problem } from './problem';
import { re2SyntaxError } from './re2-syntax';

/** What a check of the modifiers knows beyond the document: the Restore's namespace mapping. */
export interface ModifierContext {
  /** The Restore's namespaceMapping, backed-up namespace to new name. */
  readonly namespaceMapping?: { readonly [from: string]: string };
}

const DELIBERATE = ProblemKind.DELIBERATE;
const OPERATIONS = ['add', 'remove', 'replace', 'test', 'move', 'copy'];
/** The fields Velero's strict decoding knows, per object; Go's decoder matches their names without regard to case. */
const DOCUMENT_FIELDS = ['version', 'resourceModifierRules'];
const RULE_FIELDS = ['conditions', 'patches', 'mergePatches', 'strategicPatches'];
const CONDITION_FIELDS = ['namespaces', 'groupResource', 'resourceNameRegex', 'labelSelector', 'matches'];
const JSON_PATCH_FIELDS = ['operation', 'from', 'path', 'value'];
const DATA_FIELDS = ['patchData'];
const MATCH_FIELDS = ['path', 'value'];
const SELECTOR_FIELDS = ['matchLabels', 'matchExpressions'];
const REQUIREMENT_FIELDS = ['key', 'operator', 'values'];

/**
 * Every problem of a resource-modifier ConfigMap as written (its final
 * JSON): one data key whose text is the modifiers document. The library
 * writes that text as JSON (which YAML reads as well), so JSON is what is
 * judged here.
 */
export function modifierConfigMapProblems(configMap: any, context: ModifierContext = {}, field = 'data'): Problem[] {
  const data = configMap?.data;
  const keys = data !== null && typeof data === 'object' ? Object.keys(data) : [];
  if (keys.length !== 1) {
    return [problem(field, data, `has ${keys.length} keys`,
      'Velero reads resource modifiers from a ConfigMap with exactly one data key, holding the YAML or JSON document')];
  }
  const text = data[keys[0]];
  const at = `${field}.${keys[0]}`;
  if (typeof text !== 'string') return [problem(at, text, 'is not text', 'the resource modifiers as YAML or JSON text')];
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (e) {
    return [problem(at, text, `is not JSON the library can judge (${(e as Error).message})`,
      'the resource modifiers as the library writes them: a JSON document (YAML that is not JSON is not checked, so not accepted)', DELIBERATE)];
  }
  return resourceModifiersProblems(document, context, at);
}

/** Every problem of a resource modifiers document (parsed), as Velero and, deliberately, the library judge it. */
export function resourceModifiersProblems(document: unknown, context: ModifierContext = {}, field = ''): Problem[] {
  const at = (name: string) => field === '' ? name : `${field}.${name}`;
  const shape = decodeProblems(document, DOCUMENT_FIELDS, field);
  if (shape.length > 0) return shape;
  const doc = fieldsOf(document as object);
  const problems: Problem[] = [];
  const versionProblems = stringProblems(doc.version, at('version'));
  if (versionProblems.length > 0) return versionProblems;
  const version = asText(doc.version);
  if (version.toLowerCase() !== 'v1') {
    return [problem(at('version'), doc.version, 'is not a version Velero knows', 'version "v1" (Velero compares it without regard to case)')];
  }
  const rules = doc.resourcemodifierrules;
  if (rules !== undefined && rules !== null && !Array.isArray(rules)) {
    return [problem(at('resourceModifierRules'), rules, 'is not a list', 'a list of resource modifier rules')];
  }
  if (!rules || rules.length === 0) {
    return [problem(at('resourceModifierRules'), rules, 'is empty', 'at least one resource modifier rule')];
  }
  // Velero decodes the whole document before it validates any rule: type errors anywhere come first.
  const decoded = (rules as unknown[]).flatMap((rule, i) => ruleDecodeProblems(rule, at(`resourceModifierRules[${i}]`)));
  if (decoded.length > 0) return decoded;
  // Velero stops at its first invalid rule; the deliberate checks go on.
  for (let i = 0; i < rules.length; i++) {
    const found = ruleProblems(normalizedRule(rules[i]), at(`resourceModifierRules[${i}]`), context);
    const refused = found.filter(p => p.kind === ProblemKind.VELERO);
    if (refused.length > 0) return refused;
    problems.push(...found);
  }
  return problems;
}

/** Problems Go's strict decoding finds in one rule: unknown fields and values of the wrong type. */
function ruleDecodeProblems(rule: unknown, at: string): Problem[] {
  if (rule === null) return [];
  const shape = decodeProblems(rule, RULE_FIELDS, at);
  if (shape.length > 0) return shape;
  const r = fieldsOf(rule as object);
  const problems: Problem[] = [];
  if (r.conditions !== undefined && r.conditions !== null) {
    const conditionsAt = `${at}.conditions`;
    const c = decodeProblems(r.conditions, CONDITION_FIELDS, conditionsAt);
    problems.push(...c);
    if (c.length === 0) {
      const cf = fieldsOf(r.conditions);
      problems.push(...stringProblems(cf.groupresource, `${conditionsAt}.groupResource`));
      problems.push(...stringProblems(cf.resourcenameregex, `${conditionsAt}.resourceNameRegex`));
      problems.push(...listProblems(cf.namespaces, `${conditionsAt}.namespaces`, (value, valueAt) => stringProblems(value, valueAt)));
      problems.push(...listProblems(cf.matches, `${conditionsAt}.matches`, (m, mAt) => structProblems(m, MATCH_FIELDS, mAt)));
      if (cf.labelselector !== undefined && cf.labelselector !== null) problems.push(...selectorDecodeProblems(cf.labelselector, `${conditionsAt}.labelSelector`));
    }
  }
  problems.push(...listProblems(r.patches, `${at}.patches`, (p, pAt) => structProblems(p, JSON_PATCH_FIELDS, pAt)));
  problems.push(...listProblems(r.mergepatches, `${at}.mergePatches`, (p, pAt) => structProblems(p, DATA_FIELDS, pAt)));
  problems.push(...listProblems(r.strategicpatches, `${at}.strategicPatches`, (p, pAt) => structProblems(p, DATA_FIELDS, pAt)));
  return problems;
}

function selectorDecodeProblems(selector: unknown, at: string): Problem[] {
  const shape = decodeProblems(selector, SELECTOR_FIELDS, at);
  if (shape.length > 0) return shape;
  const s = fieldsOf(selector as object);
  const problems: Problem[] = [];
  if (s.matchlabels !== undefined && s.matchlabels !== null) {
    if (typeof s.matchlabels !== 'object' || Array.isArray(s.matchlabels)) {
      problems.push(problem(`${at}.matchLabels`, s.matchlabels, 'is not a map', 'a map of label keys to values'));
    } else {
      for (const [key, value] of Object.entries(s.matchlabels)) problems.push(...stringProblems(value, `${at}.matchLabels.${key}`));
    }
  }
  problems.push(...listProblems(s.matchexpressions, `${at}.matchExpressions`, (e, eAt) => {
    const found = decodeProblems(e, REQUIREMENT_FIELDS, eAt);
    if (found.length > 0 || e === null) return found;
    const ef = fieldsOf(e as object);
    return [...stringProblems(ef.key, `${eAt}.key`), ...stringProblems(ef.operator, `${eAt}.operator`),
      ...listProblems(ef.values, `${eAt}.values`, (v, vAt) => stringProblems(v, vAt))];
  }));
  return problems;
}

/** Velero's checks of one decoded rule (ResourceModifierRule.Validate), then the library's deliberate ones. */
function ruleProblems(rule: Fields, at: string, context: ModifierContext): Problem[] {
  const c = rule.conditions;
  const conditionsAt = `${at}.conditions`;
  const groupResource: string = c.groupresource ?? '';
  if (groupResource === '') {
    return [problem(`${conditionsAt}.groupResource`, c.groupresource, 'is empty', 'a group-resource such as "deployments.apps" or a glob such as "*.apps"')];
  }
  const patches: any[] = rule.patches ?? [];
  const mergePatches: any[] = rule.mergepatches ?? [];
  const strategicPatches: any[] = rule.strategicpatches ?? [];
  const kinds = [patches, mergePatches, strategicPatches].filter(list => list.length > 0).length;
  if (kinds > 1) {
    return [problem(at, { patches: rule.patches, mergePatches: rule.mergepatches, strategicPatches: rule.strategicpatches },
      'has more than one kind of patch', 'Velero takes one of patches, mergePatches or strategicPatches per rule')];
  }
  for (let i = 0; i < patches.length; i++) {
    const p = patches[i];
    const patchAt = `${at}.patches[${i}]`;
    const operation: string = p.operation ?? '';
    if (operation === '') return [problem(`${patchAt}.operation`, p.operation, 'is empty', `one of ${OPERATIONS.join(', ')}`)];
    if (!OPERATIONS.includes(operation.toLowerCase())) {
      return [problem(`${patchAt}.operation`, operation, 'is not a JSON Patch operation', `one of ${OPERATIONS.join(', ')} (RFC 6902)`)];
    }
    if ((p.path ?? '') === '') return [problem(`${patchAt}.path`, p.path, 'is empty', 'a JSON pointer such as "/spec/replicas"')];
  }

  // What Velero accepts here but meets only while restoring.
  const problems: Problem[] = [];
  if (kinds === 0) {
    problems.push(problem(at, undefined, 'has no patch', 'one of patches, mergePatches or strategicPatches with at least one entry: Velero fails every object the rule matches with "no patch data found"', DELIBERATE));
  }
  const globError = groupResourceGlobError(groupResource);
  if (globError) {
    problems.push(problem(`${conditionsAt}.groupResource`, groupResource, `is not a glob Velero can compile: ${globError}`,
      'a group-resource glob such as "deployments.apps", "*.apps" or "{configmaps,secrets}"', DELIBERATE));
  }
  if (c.resourcenameregex) {
    const error = re2SyntaxError(c.resourcenameregex);
    if (error) {
      problems.push(problem(`${conditionsAt}.resourceNameRegex`, c.resourcenameregex, `is not a regular expression Go accepts (${error})`,
        'RE2 syntax, as Go\'s regexp reads it: no look-arounds, no backreferences', DELIBERATE));
    }
  }
  const selector = c.labelselector;
  if (selector) {
    problems.push(...labelSelectorProblems({ matchLabels: selector.matchlabels, matchExpressions: selector.matchexpressions }, `${conditionsAt}.labelSelector`).map(p => ({ ...p, kind: DELIBERATE })));
  }
  problems.push(...namespaceConditionProblems(c.namespaces ?? [], `${conditionsAt}.namespaces`, context));
  const schema = KIND_SCHEMAS[groupResource];
  (c.matches ?? []).forEach((m: any, i: number) => {
    const match = m;
    const matchAt = `${conditionsAt}.matches[${i}]`;
    if ((match.path ?? '') === '') {
      problems.push(problem(`${matchAt}.path`, match.path, 'is empty', 'a JSON pointer: Velero fails every object the rule would match', DELIBERATE));
      return;
    }
    problems.push(...patchTextProblems({ operation: 'test', path: match.path, value: match.value ?? '' }, matchAt));
    problems.push(...pointerProblems(match.path, `${matchAt}.path`, schema, groupResource));
  });
  patches.forEach((p, i) => {
    const patchAt = `${at}.patches[${i}]`;
    if (p.operation !== p.operation.toLowerCase()) {
      problems.push(problem(`${patchAt}.operation`, p.operation, 'is not in lowercase',
        `${p.operation.toLowerCase()}: Velero accepts the operation in any case, but its JSON Patch library knows lowercase ones only`, DELIBERATE));
    }
    const op = p.operation.toLowerCase();
    if ((op === 'move' || op === 'copy') && (p.from ?? '') === '') {
      problems.push(problem(`${patchAt}.from`, p.from, `is empty for operation ${op}`, 'the JSON pointer to move or copy from', DELIBERATE));
    }
    problems.push(...patchTextProblems({ operation: p.operation, path: p.path, from: p.from ?? '', value: p.value ?? '' }, patchAt));
    problems.push(...pointerProblems(p.path, `${patchAt}.path`, schema, groupResource));
    if (p.from) problems.push(...pointerProblems(p.from, `${patchAt}.from`, schema, groupResource));
  });
  mergePatches.forEach((p, i) => problems.push(...patchDataProblems(p.patchdata, `${at}.mergePatches[${i}].patchData`)));
  strategicPatches.forEach((p, i) => problems.push(...patchDataProblems(p.patchdata, `${at}.strategicPatches[${i}].patchData`)));
  return problems;
}

/**
 * A `namespaces` condition naming a namespace the Restore maps to: Velero
 * matches conditions against the backed-up namespace, so the rule would
 * never match there.
 */
function namespaceConditionProblems(namespaces: readonly string[], at: string, context: ModifierContext): Problem[] {
  const mapping = context.namespaceMapping ?? {};
  const sourceOf = new Map(Object.entries(mapping).map(([from, to]) => [to, from]));
  return namespaces.flatMap((namespace, i) => {
    const source = sourceOf.get(namespace);
    if (source === undefined || Object.prototype.hasOwnProperty.call(mapping, namespace)) return [];
    return [problem(`${at}[${i}]`, namespace, `is the namespace the Restore maps ${source} to`,
      `the backed-up namespace, "${source}": Velero matches a rule's namespaces before mapping them`, DELIBERATE)];
  });
}

/**
 * The JSON Patch operation Velero assembles from a patch's strings must
 * parse: Velero puts path, from and value into JSON text as they are,
 * quoting the value only when it reads as no JSON literal, number, object
 * or list.
 */
function patchTextProblems(patch: { operation: string; path: string; from?: string; value: string }, at: string): Problem[] {
  const problems: Problem[] = [];
  for (const name of ['path', 'from'] as const) {
    const text = patch[name];
    if (text !== undefined && !jsonStringBodyParses(text)) {
      problems.push(problem(`${at}.${name}`, text, 'holds a quote, a backslash or a control character',
        'a JSON pointer Velero can put into JSON text as it is (escape "/" and "~" as ~1 and ~0)', DELIBERATE));
    }
  }
  const quoted = velerosValueQuoting(patch.value);
  if (!quoted.quoted) {
    try {
      JSON.parse(quoted.text);
    } catch {
      problems.push(problem(`${at}.value`, patch.value, 'does not parse as the JSON Velero reads it as',
        'a JSON value: an object, a list, a number, true, false or null as JSON writes them, or any string (wrap in double quotes one that would read as another type)', DELIBERATE));
    }
  } else if (!jsonStringBodyParses(quoted.text)) {
    problems.push(problem(`${at}.value`, patch.value, 'is a string with a quote, a backslash or a control character Velero does not escape',
      'a string wrapped in double quotes with JSON escapes inside, such as "\\"say \\\\\\"hi\\\\\\"\\""', DELIBERATE));
  }
  return problems;
}

/** How Velero writes a patch value into JSON: in quotes (the text between them), or as it is. */
export function velerosValueQuoting(value: string): { readonly quoted: boolean; readonly text: string } {
  if (value === '') return { quoted: true, text: '' };
  if (value.startsWith('"') && value.endsWith('"')) return { quoted: true, text: value.slice(1, -1) };
  if (value === 'null' || value.toLowerCase() === 'true' || value.toLowerCase() === 'false') return { quoted: false, text: value };
  if (value.startsWith('{') || value.startsWith('[')) return { quoted: false, text: value };
  if (goParsesAsFloat(value)) return { quoted: false, text: value };
  return { quoted: true, text: value };
}

/** Whether Go's strconv.ParseFloat reads `s` as a number (including Inf, NaN and hexadecimal forms). */
export function goParsesAsFloat(s: string): boolean {
  const decimal = /^[+-]?(?:[0-9]+(?:_?[0-9]+)*\.?(?:[0-9]+(?:_?[0-9]+)*)?|\.[0-9]+(?:_?[0-9]+)*)(?:[eE][+-]?[0-9]+)?$/;
  const hex = /^[+-]?0[xX]_?(?:[0-9a-fA-F]+(?:_?[0-9a-fA-F]+)*\.?(?:[0-9a-fA-F]+(?:_?[0-9a-fA-F]+)*)?|\.[0-9a-fA-F]+(?:_?[0-9a-fA-F]+)*)[pP][+-]?[0-9]+$/;
  if (/^[+-]?(inf|infinity)$/i.test(s) || /^[+-]?nan$/i.test(s)) return true;
  // Go allows underscores between digits only after a base prefix.
  if (decimal.test(s)) return !s.includes('_');
  return hex.test(s);
}

/** Whether `text` put between double quotes is a JSON string. */
function jsonStringBodyParses(text: string): boolean {
  try {
    return typeof JSON.parse(`"${text}"`) === 'string';
  } catch {
    return false;
  }
}

/** Merge and strategic patches: YAML or JSON text of an object, which the library writes as JSON. */
function patchDataProblems(data: unknown, at: string): Problem[] {
  if (typeof data !== 'string' || data === '') {
    return [problem(at, data, 'is empty', 'the patch as a JSON object', DELIBERATE)];
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch (e) {
    return [problem(at, data, `does not parse as JSON (${(e as Error).message})`, 'the patch as a JSON object (the library judges patch data written as JSON)', DELIBERATE)];
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return [problem(at, data, 'is not an object', 'a patch object: any other value would replace the whole object Velero restores', DELIBERATE)];
  }
  return [];
}

/**
 * Why gobwas/glob (with "." as separator) cannot compile a group-resource
 * pattern, or undefined: its character ranges must close and hold either
 * characters or one `lo-hi` range.
 */
export function groupResourceGlobError(pattern: string): string | undefined {
  const chars = [...pattern];
  let i = 0;
  while (i < chars.length) {
    const c = chars[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c !== '[') {
      i++;
      continue;
    }
    i++;
    if (chars[i] === '!') i++;
    if (i >= chars.length) return 'a "[" range is not closed';
    if (chars[i + 1] === '-') {
      const lo = chars[i];
      const hi = chars[i + 2];
      if (hi === undefined || chars[i + 3] === undefined) return 'a "[" range is not closed';
      if (chars[i + 3] !== ']') return 'a "[lo-hi]" range holds more than one character on a side';
      if (hi < lo) return `the range ${lo}-${hi} runs backwards`;
      i += 4;
      continue;
    }
    // A list of characters up to "]", escapes allowed.
    let text = 0;
    while (i < chars.length && chars[i] !== ']') {
      if (chars[i] === '\\') i++;
      if (i < chars.length) text++;
      i++;
    }
    if (i >= chars.length) return 'a "[" range is not closed';
    if (text === 0) return 'a "[]" range is empty';
    i++;
  }
  return undefined;
}

/** What a field of a known kind holds, for resolving JSON pointers. */
type Schema = 'any' | 'scalar' | { readonly map: Schema } | { readonly list: Schema } | { readonly fields: { readonly [name: string]: Schema } };

const MAP_OF_STRINGS: Schema = { map: 'scalar' };
const METADATA: Schema = {
  fields: {
    name: 'scalar',
    namespace: 'scalar',
    labels: MAP_OF_STRINGS,
    annotations: MAP_OF_STRINGS,
    generateName: 'scalar',
    uid: 'scalar',
    resourceVersion: 'scalar',
    generation: 'scalar',
    creationTimestamp: 'scalar',
    deletionTimestamp: 'scalar',
    deletionGracePeriodSeconds: 'scalar',
    finalizers: { list: 'scalar' },
    ownerReferences: { list: 'any' },
    managedFields: { list: 'any' },
  },
};
const CONTAINER: Schema = {
  fields: {
    name: 'scalar',
    image: 'scalar',
    command: { list: 'scalar' },
    args: { list: 'scalar' },
    workingDir: 'scalar',
    ports: { list: 'any' },
    envFrom: { list: 'any' },
    env: { list: 'any' },
    resources: 'any',
    resizePolicy: { list: 'any' },
    restartPolicy: 'scalar',
    restartPolicyRules: { list: 'any' },
    volumeMounts: { list: 'any' },
    volumeDevices: { list: 'any' },
    livenessProbe: 'any',
    readinessProbe: 'any',
    startupProbe: 'any',
    lifecycle: 'any',
    terminationMessagePath: 'scalar',
    terminationMessagePolicy: 'scalar',
    imagePullPolicy: 'scalar',
    securityContext: 'any',
    stdin: 'scalar',
    stdinOnce: 'scalar',
    tty: 'scalar',
  },
};
const POD_SPEC: Schema = {
  fields: {
    volumes: { list: 'any' },
    initContainers: { list: CONTAINER },
    containers: { list: CONTAINER },
    ephemeralContainers: { list: 'any' },
    restartPolicy: 'scalar',
    terminationGracePeriodSeconds: 'scalar',
    activeDeadlineSeconds: 'scalar',
    dnsPolicy: 'scalar',
    nodeSelector: MAP_OF_STRINGS,
    serviceAccountName: 'scalar',
    serviceAccount: 'scalar',
    automountServiceAccountToken: 'scalar',
    nodeName: 'scalar',
    hostNetwork: 'scalar',
    hostPID: 'scalar',
    hostIPC: 'scalar',
    shareProcessNamespace: 'scalar',
    securityContext: 'any',
    imagePullSecrets: { list: 'any' },
    hostname: 'scalar',
    subdomain: 'scalar',
    affinity: 'any',
    schedulerName: 'scalar',
    tolerations: { list: 'any' },
    hostAliases: { list: 'any' },
    priorityClassName: 'scalar',
    priority: 'scalar',
    dnsConfig: 'any',
    readinessGates: { list: 'any' },
    runtimeClassName: 'scalar',
    enableServiceLinks: 'scalar',
    preemptionPolicy: 'scalar',
    overhead: 'any',
    topologySpreadConstraints: { list: 'any' },
    setHostnameAsFQDN: 'scalar',
    os: 'any',
    hostUsers: 'scalar',
    schedulingGates: { list: 'any' },
    resourceClaims: { list: 'any' },
    resources: 'any',
    hostnameOverride: 'scalar',
  },
};
const POD_TEMPLATE: Schema = { fields: { metadata: METADATA, spec: POD_SPEC } };
const LABEL_SELECTOR: Schema = { fields: { matchLabels: MAP_OF_STRINGS, matchExpressions: { list: 'any' } } };
const workload = (spec: { [name: string]: Schema }): Schema => ({
  fields: { apiVersion: 'scalar', kind: 'scalar', metadata: METADATA, spec: { fields: spec }, status: 'any' },
});

/**
 * The kinds whose schema the library knows, by Velero's group-resource name:
 * a pointer into one of them must name fields the kind has. Their status,
 * volumes, probes and other deep structures are not followed.
 */
const KIND_SCHEMAS: { readonly [groupResource: string]: Schema } = {
  'configmaps': { fields: { apiVersion: 'scalar', kind: 'scalar', metadata: METADATA, data: MAP_OF_STRINGS, binaryData: MAP_OF_STRINGS, immutable: 'scalar' } },
  'secrets': {
    fields: {
      apiVersion: 'scalar', kind: 'scalar', metadata: METADATA, data: MAP_OF_STRINGS, stringData: MAP_OF_STRINGS, type: 'scalar', immutable: 'scalar',
    },
  },
  'pods': { fields: { apiVersion: 'scalar', kind: 'scalar', metadata: METADATA, spec: POD_SPEC, status: 'any' } },
  'deployments.apps': workload({
    replicas: 'scalar',
    selector: LABEL_SELECTOR,
    template: POD_TEMPLATE,
    strategy: 'any',
    minReadySeconds: 'scalar',
    revisionHistoryLimit: 'scalar',
    paused: 'scalar',
    progressDeadlineSeconds: 'scalar',
  }),
  'statefulsets.apps': workload({
    replicas: 'scalar',
    selector: LABEL_SELECTOR,
    template: POD_TEMPLATE,
    volumeClaimTemplates: { list: 'any' },
    serviceName: 'scalar',
    podManagementPolicy: 'scalar',
    updateStrategy: 'any',
    revisionHistoryLimit: 'scalar',
    minReadySeconds: 'scalar',
    persistentVolumeClaimRetentionPolicy: 'any',
    ordinals: 'any',
  }),
  'daemonsets.apps': workload({
    selector: LABEL_SELECTOR, template: POD_TEMPLATE, updateStrategy: 'any', minReadySeconds: 'scalar', revisionHistoryLimit: 'scalar',
  }),
  'persistentvolumeclaims': workload({
    accessModes: { list: 'scalar' },
    selector: LABEL_SELECTOR,
    resources: 'any',
    volumeName: 'scalar',
    storageClassName: 'scalar',
    volumeMode: 'scalar',
    dataSource: 'any',
    dataSourceRef: 'any',
    volumeAttributesClassName: 'scalar',
  }),
  'services': workload({
    ports: { list: 'any' },
    selector: MAP_OF_STRINGS,
    clusterIP: 'scalar',
    clusterIPs: { list: 'scalar' },
    type: 'scalar',
    externalIPs: { list: 'scalar' },
    sessionAffinity: 'scalar',
    loadBalancerIP: 'scalar',
    loadBalancerSourceRanges: { list: 'scalar' },
    externalName: 'scalar',
    externalTrafficPolicy: 'scalar',
    healthCheckNodePort: 'scalar',
    publishNotReadyAddresses: 'scalar',
    sessionAffinityConfig: 'any',
    ipFamilies: { list: 'scalar' },
    ipFamilyPolicy: 'scalar',
    allocateLoadBalancerNodePorts: 'scalar',
    loadBalancerClass: 'scalar',
    internalTrafficPolicy: 'scalar',
    trafficDistribution: 'scalar',
  }),
};

/**
 * A JSON pointer that names no field of the patched kind, where the
 * library knows the kind's schema (a group-resource without glob characters).
 */
function pointerProblems(pointer: string, at: string, schema: Schema | undefined, groupResource: string): Problem[] {
  if (!pointer.startsWith('/')) {
    return [problem(at, pointer, 'does not start with "/"', 'a JSON pointer (RFC 6901), such as "/spec/replicas"', DELIBERATE)];
  }
  const segments = pointer.slice(1).split('/');
  if (segments.some(segment => /~(?![01])/.test(segment))) {
    return [problem(at, pointer, 'has a "~" that is not ~0 or ~1', 'a JSON pointer: "~" is written ~0 and "/" ~1', DELIBERATE)];
  }
  if (!schema) return [];
  let node: Schema = schema;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i].replace(/~1/g, '/').replace(/~0/g, '~');
    const where = `/${segments.slice(0, i).join('/')}`;
    if (node === 'any') return [];
    if (node === 'scalar') {
      return [problem(at, pointer, `goes below ${where}, which holds a single value in ${groupResource}`, 'a pointer that ends at a field', DELIBERATE)];
    }
    if ('map' in node) {
      node = node.map;
    } else if ('list' in node) {
      if (!/^(0|[1-9][0-9]*|-)$/.test(segment)) {
        return [problem(at, pointer, `indexes the list ${where} with "${segment}"`, 'a list index (0, 1, …) or "-" for the end', DELIBERATE)];
      }
      node = node.list;
    } else {
      const next: Schema | undefined = node.fields[segment];
      if (next === undefined) {
        return [problem(at, pointer, `names "${segment}", a field ${groupResource} does not have at ${where === '/' ? 'the top' : where}`,
          `one of ${Object.keys(node.fields).join(', ')}`, DELIBERATE)];
      }
      node = next;
    }
  }
  return [];
}

type Fields = { [lowercaseName: string]: any };

/** An object's fields by lowercase name, as Go's decoder matches them. */
function fieldsOf(value: object): Fields {
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key.toLowerCase(), v]));
}

/** An object whose keys Go's strict decoder knows (in any case). */
function decodeProblems(value: unknown, known: readonly string[], at: string): Problem[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return [problem(at || '(document)', value, 'is not an object', `an object with ${known.join(', ')}`)];
  }
  const lower = known.map(name => name.toLowerCase());
  return Object.keys(value).filter(key => !lower.includes(key.toLowerCase())).map(key =>
    problem(at ? `${at}.${key}` : key, (value as any)[key], 'is a field Velero does not know', `the fields ${known.join(', ')}`));
}

function structProblems(value: unknown, known: readonly string[], at: string): Problem[] {
  if (value === null) return [];
  const found = decodeProblems(value, known, at);
  if (found.length > 0) return found;
  return Object.entries(value as object).flatMap(([key, v]) => stringProblems(v, `${at}.${key}`));
}

/** Velero's YAML decoding turns a number or boolean in a text field into text; a list or object there is refused. */
function stringProblems(value: unknown, at: string): Problem[] {
  return value === null || typeof value !== 'object' ? []
    : [problem(at, value, `is a ${Array.isArray(value) ? 'list' : 'map'}, not a string`, 'a string')];
}

/** A text field's value as Velero decodes it: null is empty, numbers and booleans become their text. */
function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return goYamlNumberText(value);
  return String(value);
}

/**
 * How sigs.k8s.io/yaml writes a number it puts into a text field: integers
 * in decimal, other numbers as Go's %g of a float32 (the shortest digits
 * that read back as the same float32; an exponent below -4 or from 6 on).
 */
export function goYamlNumberText(n: number): string {
  // JSON writes an integer below 1e21 in plain digits, which YAML reads as an integer (int64 or uint64).
  if (Number.isInteger(n) && !String(n).includes('e') && n < 2 ** 64 && n >= -(2 ** 63)) return String(n);
  if (!Number.isFinite(n)) return String(n);
  const f = Math.fround(n);
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : '-Inf';
  const sign = f < 0 ? '-' : '';
  const [digits, exponent] = shortestFloat32Digits(Math.abs(f));
  // Go's %g for the shortest digits: an exponent below -4 or from 6 on is written as such.
  if (exponent < -4 || exponent >= 6) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1);
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
}

/**
 * The fewest significant digits that read back as the float32 `f` (> 0),
 * the closest to it where two qualify (an exact tie: the even one), as
 * Go's strconv chooses them; with the decimal exponent of the first digit.
 */
function shortestFloat32Digits(f: number): [string, number] {
  const exponent = Number(f.toExponential().split('e')[1]);
  for (let precision = 1; precision <= 9; precision++) {
    const shift = exponent - precision + 1;
    const scaled = f / 10 ** shift;
    const low = Math.floor(scaled);
    const fits = (m: number) => Math.fround(Number(`${m}e${shift}`)) === f;
    const candidates = [low, low + 1].filter(fits);
    if (candidates.length === 0) continue;
    let chosen = candidates[0];
    if (candidates.length === 2) {
      const below = scaled - low;
      const above = low + 1 - scaled;
      chosen = Math.abs(below - above) < 1e-9 ? (low % 2 === 0 ? low : low + 1) : below < above ? low : low + 1;
    }
    const text = String(chosen);
    // A carry (9.99… up to 10) adds a digit in front.
    const first = exponent + (text.length - precision);
    return [text.replace(/0+$/, '') || '0', first];
  }
  throw new Error(`no float32 digits for ${f}`);
}

/** A decoded rule with its text fields as Velero holds them (see asText), fields by lowercase name. */
function normalizedRule(raw: unknown): Fields {
  const r = fieldsOf(raw ?? {});
  const text = (o: Fields, names: string[]) => Object.fromEntries(names.map(n => [n, o[n] === undefined ? undefined : asText(o[n])]));
  const list = (v: unknown): any[] | undefined => v === undefined || v === null ? undefined : v as any[];
  const c = fieldsOf(r.conditions ?? {});
  const selector = c.labelselector ?? undefined;
  return {
    conditions: {
      ...text(c, ['groupresource', 'resourcenameregex']),
      namespaces: list(c.namespaces)?.map(asText),
      labelselector: selector && normalizedSelector(selector),
      matches: list(c.matches)?.map(m => text(fieldsOf(m ?? {}), ['path', 'value'])),
    },
    patches: list(r.patches)?.map(p => text(fieldsOf(p ?? {}), ['operation', 'from', 'path', 'value'])),
    mergepatches: list(r.mergepatches)?.map(p => text(fieldsOf(p ?? {}), ['patchdata'])),
    strategicpatches: list(r.strategicpatches)?.map(p => text(fieldsOf(p ?? {}), ['patchdata'])),
  };
}

function normalizedSelector(selector: any): any {
  const s = fieldsOf(selector);
  return {
    matchlabels: s.matchlabels ? Object.fromEntries(Object.entries(s.matchlabels).map(([k, v]) => [k, asText(v)])) : undefined,
    matchexpressions: (s.matchexpressions ?? []).map((e: any) => {
      const ef = fieldsOf(e ?? {});
      return { key: asText(ef.key), operator: asText(ef.operator), values: ef.values ? ef.values.map(asText) : undefined };
    }),
  };
}

function listProblems(value: unknown, at: string, item: (value: unknown, at: string) => Problem[]): Problem[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return [problem(at, value, 'is not a list', 'a list')];
  return value.flatMap((v, i) => item(v, `${at}[${i}]`));
}
