/**
 * The one parser for what arrives from outside in a request line or a header: the request target,
 * percent-encoded segments, names used as keys, and media types. Each returns undefined for input
 * it cannot read, so the component refuses it with a 4xx of its own instead of throwing.
 */

/** A request target as a server must read it (RFC 9112 §3.2). */
export interface RequestTarget {
  /** The path exactly as sent, still percent-encoded: `//x` and `/\x` stay paths, never a host. */
  path: string;
  query: URLSearchParams;
  /** The authority of an absolute-form target (`GET http://host/path`), which overrides `Host` (RFC 9112 §3.2.2). */
  authority: string | undefined;
}

/** Origin-form (`/path?query`) or absolute-form (`http://host/path`); anything else is undefined. */
export function parseRequestTarget(raw: string | undefined): RequestTarget | undefined {
  if (!raw) return undefined;
  if (raw.startsWith('/')) {
    const at = raw.indexOf('?');
    return { path: at < 0 ? raw : raw.slice(0, at), query: new URLSearchParams(at < 0 ? '' : raw.slice(at + 1)), authority: undefined };
  }
  if (!/^https?:\/\//i.test(raw)) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  // The path as sent, not as WHATWG URL rewrites it (dot segments removed, `\` made `/`): both forms are judged alike.
  const afterScheme = raw.indexOf('//') + 2;
  const pathStart = raw.slice(afterScheme).search(/[/?#\\]/);
  const rest = pathStart < 0 ? '' : raw.slice(afterScheme + pathStart).split(/[?#]/, 1)[0]!;
  return { path: rest || '/', query: url.searchParams, authority: url.host };
}

/**
 * Why a path cannot be routed segment by segment as sent, or undefined when it can: a segment
 * whose percent-encoding is malformed (`%`, `%ZZ`, overlong or invalid UTF-8 such as `%C0%AE`),
 * or a dot segment (`.`, `..`, `%2e%2e`), which RFC 3986 §5.2.4 would remove and a router must
 * never hand on as a name. A gateway refuses either with 400, as Envoy's path normalization does.
 */
export function unroutablePath(path: string): string | undefined {
  for (const segment of path.split('/')) {
    const decoded = decodeComponent(segment);
    if (decoded === undefined) return `the path segment ${JSON.stringify(segment)} is not valid percent-encoding`;
    if (decoded === '.' || decoded === '..') return `the path has a dot segment ${JSON.stringify(segment)}`;
  }
  return undefined;
}

/** decodeURIComponent, but undefined for a malformed escape (`%ZZ`, a lone `%E0`) instead of a URIError. */
export function decodeComponent(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** A map keyed by names from outside: without a prototype, `__proto__` and `constructor` are names like any other. */
export const nameMap = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;

const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const MEDIA_TYPE = new RegExp(`^[ \\t]*(${TOKEN}/${TOKEN})[ \\t]*(?:;.*)?$`, 's');

/**
 * The `type/subtype` of a Content-Type (RFC 9110 §8.3.1), lower-cased, parameters ignored. Only
 * space and tab are whitespace there: a type padded with a non-breaking space is no media type.
 */
export function mediaType(value: string | undefined): string | undefined {
  return value === undefined ? undefined : MEDIA_TYPE.exec(value)?.[1]!.toLowerCase();
}

/** The first value of a header (Node gives a list for a few repeatable ones). */
export function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
