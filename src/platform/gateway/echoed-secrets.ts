/**
 * Whether a handler's response carries the value of an encrypted variable (facts.md §10): a
 * secret the app was given must never reach its caller, in the body or a header, as it is or
 * encoded (base64, base64url, percent-encoded).
 */

/** An encrypted variable as the gateway knows it: its name, and what to look for. */
export interface SecretValue {
  name: string;
  value: string;
}

/** Whether a value is long enough to be told from ordinary text, and so is looked for at all. */
export const searchableSecret = (value: string): boolean => value.length >= 6;

/** The forms a value may leave in. */
function formsOf(value: string): string[] {
  if (!searchableSecret(value)) return [];
  const bytes = Buffer.from(value, 'utf8');
  return [...new Set([value, bytes.toString('base64').replace(/=+$/, ''), bytes.toString('base64url'), encodeURIComponent(value)])];
}

/** A finder for the names of the secrets a response carries. */
export function secretFinder(secrets: readonly SecretValue[]): (texts: readonly string[]) => string[] {
  const searched = secrets.map(({ name, value }) => ({ name, forms: formsOf(value) })).filter((s) => s.forms.length > 0);
  if (searched.length === 0) return () => [];
  return (texts) => searched.filter(({ forms }) => texts.some((text) => forms.some((form) => text.includes(form)))).map(({ name }) => name);
}
