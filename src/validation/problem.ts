/**
 * What kind of problem a message reports:
 * - `velero`: Velero v1.18 (or the API server) would refuse the manifest;
 * - `deliberate`: Velero would take it, but it is certainly a mistake, so we
 *   refuse it on purpose (each such rule is listed in the README);
 * - `props`: the props contradict each other; no manifest is at fault.
 */
export type ProblemKind = 'velero' | 'deliberate' | 'props';

const DELIBERATE_NOTE = ' (deliberate difference from Velero, see README)';
const PROPS_NOTE = ' (props error)';

/**
 * One problem, written as `<field> = <value>: <what is wrong>; <what is accepted>`,
 * with a note at the end for the kinds other than `velero`.
 */
export function problem(field: string, value: unknown, wrong: string, accepted: string, kind: ProblemKind = 'velero'): string {
  const note = kind === 'deliberate' ? DELIBERATE_NOTE : kind === 'props' ? PROPS_NOTE : '';
  return `${field} = ${show(value)}: ${wrong}; ${accepted}${note}`;
}

/** The kind of a message written by `problem` (possibly behind a construct path). */
export function problemKind(message: string): ProblemKind {
  if (message.endsWith(DELIBERATE_NOTE)) return 'deliberate';
  if (message.endsWith(PROPS_NOTE)) return 'props';
  return 'velero';
}

/** A value as it would appear in the manifest (JSON), undefined shown as such. */
export function show(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(value);
}
