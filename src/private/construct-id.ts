/**
 * A construct id from a user's text (a rule or backup name): constructs
 * refuses `/` in ids, so `%` and `/` are escaped; distinct texts keep
 * distinct ids, and names Velero takes are unchanged.
 */
export function constructId(text: string): string {
  return text.replace(/%/g, '%25').replace(/\//g, '%2F');
}
