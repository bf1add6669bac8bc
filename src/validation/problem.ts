/**
 * One reason Velero (or the API server) would refuse a setting, written as
 * `<field> = <value>: <what is wrong>; <what is accepted>`.
 */
export function problem(field: string, value: unknown, wrong: string, accepted: string): string {
  return `${field} = ${show(value)}: ${wrong}; ${accepted}`;
}

/** A value as it would appear in the manifest (JSON), undefined shown as such. */
export function show(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(value);
}
