/**
 * What kind of problem a validation reports.
 */
export enum ProblemKind {
  /** Velero v1.18 or the Kubernetes API server would refuse (or prune) the manifest. */
  VELERO = 'velero',
  /**
   * Velero would take the manifest, but it is certainly a mistake, so the
   * library refuses it on purpose (each such rule is listed in the README).
   */
  DELIBERATE = 'deliberate',
  /** The construct's props are wrong or contradict each other; no manifest is at fault. */
  PROPS = 'props',
}

/** One problem, as data: where, which field, which value, what is wrong and what is accepted. */
export interface Problem {
  readonly field: string;
  readonly value: unknown;
  readonly wrong: string;
  readonly accepted: string;
  readonly kind: ProblemKind;
}

/** What ends the message of each kind of problem but Velero's own refusals. */
export const KIND_NOTES: { readonly [kind in ProblemKind]: string } = {
  [ProblemKind.VELERO]: '',
  [ProblemKind.DELIBERATE]: ' (deliberate difference from Velero, see README)',
  [ProblemKind.PROPS]: ' (props error)',
};
/** Values longer than this are cut in messages; the field still names them. */
const MAX_VALUE_LENGTH = 120;

export function problem(field: string, value: unknown, wrong: string, accepted: string, kind: ProblemKind = ProblemKind.VELERO): Problem {
  return { field, value, wrong, accepted, kind };
}

/** `<what is wrong>; <what is accepted>`, with a note for the kinds other than `velero`. */
export function problemMessage(p: Problem): string {
  return `${p.wrong}; ${p.accepted}${KIND_NOTES[p.kind]}`;
}

/** The problem as one line of text: `<field> = <value>: <message>`. */
export function formatProblem(p: Problem): string {
  return `${p.field} = ${show(p.value)}: ${problemMessage(p)}`;
}

/** A value as it would appear in the manifest (JSON), cut to a readable length. */
export function show(value: unknown): string {
  let text: string;
  if (value === undefined) {
    text = 'undefined';
  } else if (typeof value === 'number' && !Number.isFinite(value)) {
    text = String(value); // JSON would print null
  } else if (typeof value === 'bigint') {
    text = value.toString();
  } else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > MAX_VALUE_LENGTH
    ? `${text.slice(0, MAX_VALUE_LENGTH)}… (${text.length} characters)`
    : text;
}
