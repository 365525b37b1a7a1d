/**
 * `{{name}}` in conformance.yaml: a value an earlier step captured from its response (`capture:
 * {name: $.id}`), put into a later request's path, body or headers. One definition of the
 * placeholder, for the file's checks and for the run.
 */

/** A name a step may capture under. */
export const CAPTURE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Every string inside a value (a body's, at any depth; a header map's values). */
function* stringsIn(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const item of value) yield* stringsIn(item);
  else if (typeof value === 'object' && value !== null) for (const item of Object.values(value)) yield* stringsIn(item);
}

/** The names a value's strings use as `{{name}}`. */
export function placeholdersIn(...values: unknown[]): string[] {
  const names = new Set<string>();
  for (const value of values) for (const text of stringsIn(value)) for (const [, name] of text.matchAll(PLACEHOLDER)) names.add(name!);
  return [...names];
}

/**
 * The value with each `{{name}}` replaced by what was captured: a string that is one placeholder
 * alone takes the captured value as it was (a number stays a number in a JSON body).
 */
export function withCaptured<T>(value: T, captured: Readonly<Record<string, unknown>>): T {
  if (typeof value === 'string') {
    const alone = /^\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/.exec(value);
    if (alone && alone[1]! in captured) return captured[alone[1]!] as T;
    return value.replace(PLACEHOLDER, (whole, name: string) => (name in captured ? String(captured[name]) : whole)) as T;
  }
  if (Array.isArray(value)) return value.map((item) => withCaptured(item, captured)) as T;
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withCaptured(v, captured)])) as T;
  return value;
}

/** A path with `{{name}}` replaced, each captured value percent-encoded as one segment or query value. */
export function pathWithCaptured(path: string, captured: Readonly<Record<string, unknown>>): string {
  return withCaptured(path, Object.fromEntries(Object.entries(captured).map(([name, value]) => [name, encodeURIComponent(String(value))])));
}
