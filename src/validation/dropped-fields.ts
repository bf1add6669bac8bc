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
export function droppedFieldProblems(asPatched: unknown, written: unknown): Problem[] {
  const found: Problem[] = [];
  collect(asPatched, written, '', found);
  return found;
}

// Every object of the app is walked at each synth: loops, no intermediate arrays.
function collect(asPatched: unknown, written: unknown, at: string, found: Problem[]): void {
  if (Array.isArray(asPatched)) {
    if (!Array.isArray(written)) return;
    for (let i = 0; i < asPatched.length; i++) collect(asPatched[i], written[i], `${at}[${i}]`, found);
    return;
  }
  if (!isObject(asPatched) || !isObject(written)) return;
  for (const key in asPatched) {
    if (!Object.prototype.hasOwnProperty.call(asPatched, key)) continue;
    const value = asPatched[key];
    if (value === undefined) continue;
    const field = at ? `${at}.${key}` : key;
    if (!Object.prototype.hasOwnProperty.call(written, key)) {
      found.push(problem(field, value, 'is not a field of this kind in Velero\'s CRD, so it would not be written (and the API server would drop it)',
        'the fields the CRD declares; check the field name and its place', ProblemKind.DELIBERATE));
    } else if (typeof value === 'object' && value !== null) {
      collect(value, written[key], field, found);
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
