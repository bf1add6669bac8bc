// The Kubernetes API server's view of a custom resource against its CRD's
// structural schema, for the keywords Velero's CRDs use: types, nullable,
// required, enum, formats, minItems, maps (additionalProperties) and pruning
// of undeclared fields, which here is an error: a setting the API server
// drops is a setting lost. For other CRDs' schemas (checkAgainstSchema), also
// x-kubernetes-int-or-string, pattern, minLength and maxLength, which no
// Velero CRD uses.
import { Problem, ProblemKind, problem } from './problem';
import { VELERO_CRD_SCHEMAS } from '../../imports/velero-schemas';

/** ObjectMeta fields a manifest may set; the API server drops any other key. */
const META_FIELDS = new Set(['name', 'generateName', 'namespace', 'labels', 'annotations', 'ownerReferences', 'finalizers']);

/** The result of checking one object: its problems, and a copy holding only the values the schema accepts. */
export interface SchemaCheck {
  readonly problems: Problem[];
  /** The object with every refused or pruned value left out, so later rules can read it by its declared types. */
  readonly accepted: any;
}

/** True when a Velero CRD serves `apiVersion`/`kind`. */
export function hasVeleroSchema(apiVersion: unknown, kind: unknown): boolean {
  return VELERO_CRD_SCHEMAS[`${apiVersion}/${kind}`] !== undefined;
}

/** Checks a whole Velero object against its CRD schema. */
export function checkAgainstCrd(object: any): SchemaCheck {
  return checkAgainstSchema(object, VELERO_CRD_SCHEMAS[`${object.apiVersion}/${object.kind}`]);
}

/**
 * Checks a whole object against the openAPIV3Schema of one CRD version, such
 * as `PROMETHEUS_CRD_SCHEMAS['monitoring.coreos.com/v1/PrometheusRule']` from
 * imports/prometheus-schemas.ts.
 */
export function checkAgainstSchema(object: any, schema: any): SchemaCheck {
  const problems: Problem[] = [];
  const accepted = check(object, schema, '', problems);
  return { problems, accepted };
}

function check(value: unknown, schema: any, at: string, problems: Problem[]): unknown {
  const field = at === '' ? '(object)' : at;
  if (value === null) {
    if (schema.nullable) return null;
    // The API server drops a null where the CRD does not allow one, silently: a setting lost.
    problems.push(problem(field, null, 'is null where the CRD allows no null, so the API server would drop it',
      'leave the field out, or give it a value', ProblemKind.DELIBERATE));
    return undefined;
  }
  const typeError = typeMismatch(value, schema);
  if (typeError) {
    problems.push(problem(field, value, typeError, `the CRD declares ${article(schema.type)}`));
    return undefined;
  }
  if (schema['x-kubernetes-int-or-string'] && !(typeof value === 'string' || Number.isInteger(value))) {
    problems.push(problem(field, value, `is ${describe(value)}`, 'the CRD declares a whole number or a string'));
    return undefined;
  }
  if (schema.enum && !schema.enum.includes(value)) {
    problems.push(problem(field, value, 'is not one of the values the CRD allows', `one of ${schema.enum.map((v: unknown) => JSON.stringify(v)).join(', ')}`));
    return undefined;
  }
  if (schema.format && typeof value === 'string' && !formatMatches(value, schema.format)) {
    problems.push(problem(field, value, `is not in ${schema.format} format`, formatHint(schema.format)));
    return undefined;
  }
  if (typeof value === 'string' && !stringFits(value, schema, field, problems)) {
    return undefined;
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) {
      problems.push(problem(field, value, `has ${value.length} items`, `the CRD requires at least ${schema.minItems}`));
    }
    if (!schema.items) return value;
    const items = value.map((item, i) => check(item, schema.items, `${at}[${i}]`, problems));
    // Copy only where a value was left out: most objects pass whole.
    return items.every((item, i) => item === value[i]) ? value : items;
  }
  if (typeof value === 'object') {
    return checkObject(value as Record<string, unknown>, schema, at, problems);
  }
  return value;
}

/** pattern, minLength and maxLength, as the API server applies them: a length counts characters, not bytes. */
function stringFits(value: string, schema: any, field: string, problems: Problem[]): boolean {
  const length = schema.minLength !== undefined || schema.maxLength !== undefined ? [...value].length : 0;
  if (schema.minLength !== undefined && length < schema.minLength) {
    problems.push(problem(field, value, `has ${length} characters`, `the CRD requires at least ${schema.minLength}`));
    return false;
  }
  if (schema.maxLength !== undefined && length > schema.maxLength) {
    problems.push(problem(field, value, `has ${length} characters`, `the CRD allows at most ${schema.maxLength}`));
    return false;
  }
  const pattern = schema.pattern === undefined ? undefined : patternRegExp(schema.pattern);
  if (pattern && !pattern.test(value)) {
    problems.push(problem(field, value, 'does not match the pattern the CRD declares', `a value matching ${schema.pattern}`));
    return false;
  }
  return true;
}

const PATTERNS = new Map<string, RegExp | undefined>();

/**
 * A CRD pattern (Go RE2 syntax) as a JavaScript RegExp: a `(?i)` at the start
 * (or right after its `^`) becomes the `i` flag. A pattern JavaScript cannot
 * read as RE2 does is not checked.
 */
function patternRegExp(pattern: string): RegExp | undefined {
  if (!PATTERNS.has(pattern)) {
    const caseless = /^\^?\(\?i\)/.test(pattern);
    const source = caseless ? pattern.replace('(?i)', '') : pattern;
    let regExp: RegExp | undefined;
    for (const flags of ['u', '']) {
      try {
        regExp = new RegExp(source, caseless ? `i${flags}` : flags);
        break;
      } catch {
        regExp = undefined;
      }
    }
    PATTERNS.set(pattern, regExp);
  }
  return PATTERNS.get(pattern);
}

function checkObject(value: Record<string, unknown>, schema: any, at: string, problems: Problem[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const child = (key: string) => at === '' ? key : `${at}.${key}`;
  for (const key of schema.required ?? []) {
    if (value[key] === undefined) {
      problems.push(problem(child(key), undefined, 'is missing', 'the CRD requires it'));
    }
  }
  for (const [key, item] of Object.entries(value)) {
    // An undefined value is no value: JSON and YAML leave the key out.
    if (item === undefined) continue;
    if (at === '' && key === 'metadata') {
      out.metadata = checkMetadata(item, problems);
    } else if (schema.properties?.[key]) {
      out[key] = check(item, schema.properties[key], child(key), problems);
    } else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
      out[key] = check(item, schema.additionalProperties, `${at}[${JSON.stringify(key)}]`, problems);
    } else if (schema['x-kubernetes-preserve-unknown-fields'] || schema.additionalProperties === true || !schema.properties) {
      out[key] = item;
    } else {
      problems.push(problem(child(key), item, 'is not a field of the CRD, so the API server would drop it',
        `the fields here are ${Object.keys(schema.properties).join(', ')}`));
    }
  }
  const keys = Object.keys(out);
  return keys.length === Object.keys(value).length && keys.every(key => out[key] === value[key]) ? value : out;
}

function checkMetadata(metadata: unknown, problems: Problem[]): unknown {
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) {
    problems.push(problem('metadata', metadata, 'is not an object', 'Kubernetes accepts ObjectMeta: name, namespace, labels, annotations …'));
    return undefined;
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(metadata)) {
    if (META_FIELDS.has(key)) {
      out[key] = item;
    } else {
      problems.push(problem(`metadata.${key}`, item, 'is not an ObjectMeta field a manifest sets, so the API server would drop or refuse it',
        `the fields here are ${[...META_FIELDS].join(', ')}`));
    }
  }
  return out;
}

function typeMismatch(value: unknown, schema: any): string | undefined {
  const type: string | undefined = schema.type;
  const actual = jsonType(value);
  switch (type) {
    case undefined: return undefined;
    case 'integer': return actual === 'number' && Number.isInteger(value) ? undefined : `is ${describe(value)}`;
    case 'number': return actual === 'number' && Number.isFinite(value) ? undefined : `is ${describe(value)}`;
    default: return actual === type ? undefined : `is ${describe(value)}`;
  }
}

function jsonType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN, not a number JSON can hold';
    if (!Number.isFinite(value)) return 'an infinite number';
    return Number.isInteger(value) ? 'a whole number' : 'a fractional number';
  }
  if (typeof value === 'object') return 'an object';
  return `${article(typeof value)}`;
}

function article(type: string): string {
  switch (type) {
    case 'object': return 'an object';
    case 'array': return 'a list';
    case 'integer': return 'a whole number';
    case 'undefined': return 'undefined';
    default: return `a ${type}`;
  }
}

function formatMatches(value: string, format: string): boolean {
  switch (format) {
    // RFC 3339, as the API server's strfmt reads date-time.
    case 'date-time': return /^\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d:\d\d(\.\d+)?([Zz]|[+-]\d\d:\d\d)$/.test(value) && !Number.isNaN(Date.parse(value));
    case 'byte': return /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(value);
    default: return true;
  }
}

function formatHint(format: string): string {
  switch (format) {
    case 'date-time': return 'an RFC 3339 date-time such as 2026-11-27T01:00:00Z';
    case 'byte': return 'base64-encoded bytes';
    default: return `a ${format} value`;
  }
}
