// The generated Velero classes write only the fields their CRD declares: a
// JSON patch or escape-hatch edit that adds another field is lost from the
// manifest without a word. Comparing the object as patched with what is
// written finds such fields. Velero takes the manifest without them, so the
// refusal is deliberate: the user's change would be lost.
import { Problem, ProblemKind, problem } from './problem';

/**
 * A problem for each field of `asPatched` (the object after tokens and
 * patches) that `written` (what the generated class writes) lacks.
 */
export function droppedFieldProblems(asPatched: unknown, written: unknown, at = ''): Problem[] {
  if (Array.isArray(asPatched) && Array.isArray(written)) {
    return asPatched.flatMap((item, i) => droppedFieldProblems(item, written[i], `${at}[${i}]`));
  }
  if (!isObject(asPatched) || !isObject(written)) return [];
  return Object.entries(asPatched).flatMap(([key, value]) => {
    const field = at ? `${at}.${key}` : key;
    if (value === undefined) return [];
    if (!Object.prototype.hasOwnProperty.call(written, key)) {
      return [problem(field, value, 'is not a field of this kind in Velero\'s CRD, so it would not be written (and the API server would drop it)',
        'the fields the CRD declares; check the field name and its place', ProblemKind.DELIBERATE)];
    }
    return droppedFieldProblems(value, written[key], field);
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
