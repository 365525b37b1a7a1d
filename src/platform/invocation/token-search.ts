/**
 * Where the caller's access token appears in a request an app sent out, knowing only the token's
 * SHA-256 (the platform keeps no token): every JWT-shaped run of characters in each place is
 * hashed and compared. The places are every header under any name (with or without `Bearer `),
 * the path, the query and the body; each as written, URL-decoded (a query or a form), and inside
 * base64 (a `Basic` header, an encoded field). JSON at any depth needs no walk: a JWT's characters
 * are written unescaped in a JSON string, so the body's text holds it as it is.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { tokenSha256 } from './caller-token';

/** Runs of the characters a JWT is written in: one character class, so the scan is linear whatever the input. */
const JWT_CHARACTERS = /[A-Za-z0-9_.-]+/g;
/** A run that may be base64 of a token: long enough to hold one, standard or URL-safe alphabet. */
const BASE64_RUN = /[A-Za-z0-9+/_-]{64,}={0,2}/g;
/**
 * A JWT's header is JSON, so the token starts with `eyJ` (`{"`). In base64 that prefix is written
 * one of three ways, by where the token starts within a group of three bytes: `ZXlK` at a group's
 * start; otherwise only the characters that do not depend on the byte before it: `V5` (then `Sm…`)
 * one byte in, `eU` two bytes in. A run with none of them holds no token and is not decoded.
 */
const ENCODED_PREFIXES = ['ZXlK', 'V5', 'eU'];

/**
 * Whether a place can hold the token at all: written plain or URL-encoded it contains `eyJ` (a
 * JWT's characters are all unreserved, so URL-encoding leaves them as they are), in base64 one of
 * the encoded prefixes (letters and digits, which URL-encoding leaves too). The built-in search
 * finds these at memory speed, so a place with none of them (most headers, most bodies, every
 * large upload of other data) costs no decoding or matching.
 */
const MARKERS = ['eyJ', ...ENCODED_PREFIXES];
const mayHoldToken = (text: Buffer | string): boolean => MARKERS.some((marker) => text.includes(marker));

/**
 * The same for a body in its chunks, without joining them (a megabyte's copy costs more than the
 * whole search): each chunk, and each seam with the few bytes either side a marker could straddle.
 */
function chunksMayHoldToken(chunks: readonly Buffer[]): boolean {
  const overlap = Math.max(...MARKERS.map((m) => m.length)) - 1;
  return chunks.some(
    (chunk, i) => mayHoldToken(chunk) || (i > 0 && mayHoldToken(Buffer.concat([chunks[i - 1]!.subarray(-overlap), chunk.subarray(0, overlap)]))),
  );
}

/** The most of a body searched: a token sent out past it is not seen. */
export const BODY_SEARCHED = 1024 * 1024;

export interface SentRequest {
  headers: IncomingHttpHeaders;
  /** The request target: path and query. */
  target: string;
  /** The start of the body, as it went out (up to BODY_SEARCHED bytes), in the chunks it came in. */
  body?: readonly Buffer[];
}

/**
 * Whether any JWT in `text` is the token: in each run of JWT characters, every three parts in a row
 * whose first holds `eyJ` (a JWT's header is JSON), that first part taken from its last `eyJ` on, so
 * characters written right before the token do not hide it.
 */
function holdsToken(text: string, sha256: string): boolean {
  for (const [run] of text.matchAll(JWT_CHARACTERS)) {
    const parts = run.split('.');
    for (let i = 0; i + 2 < parts.length; i++) {
      const start = parts[i]!.lastIndexOf('eyJ');
      if (start === -1 || !parts[i + 1] || !parts[i + 2]) continue;
      if (tokenSha256(`${parts[i]!.slice(start)}.${parts[i + 1]}.${parts[i + 2]}`) === sha256) return true;
    }
  }
  return false;
}

function urlDecoded(text: string): string | undefined {
  if (!/%[0-9a-f]{2}|\+/i.test(text)) return undefined;
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

function inBase64(text: string, sha256: string): boolean {
  for (const [run] of text.matchAll(BASE64_RUN)) {
    if (!ENCODED_PREFIXES.some((prefix) => run.includes(prefix))) continue;
    // Node's base64 decoder reads both alphabets.
    if (holdsToken(Buffer.from(run, 'base64').toString('latin1'), sha256)) return true;
  }
  return false;
}

/** How the token is written in `text`, if it is: `plain`, `URL-encoded` or `base64`. */
function formIn(text: string, sha256: string): string | undefined {
  if (!mayHoldToken(text)) return undefined;
  if (holdsToken(text, sha256)) return 'plain';
  const decoded = urlDecoded(text);
  if (decoded !== undefined && holdsToken(decoded, sha256)) return 'URL-encoded';
  if (inBase64(text, sha256) || (decoded !== undefined && inBase64(decoded, sha256))) return 'base64';
  return undefined;
}

/** Every place of the request that holds the token, each with its form: `header x-api-key (plain)`, `query (URL-encoded)`. */
export function tokenPlaces(sha256: string, { headers, target, body }: SentRequest): string[] {
  const places: string[] = [];
  const look = (place: string, text: string) => {
    const form = formIn(text, sha256);
    if (form) places.push(`${place} (${form})`);
  };
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) look(`header ${name}`, [value].flat().join('\n'));
  const query = target.indexOf('?');
  look('path', query === -1 ? target : target.slice(0, query));
  if (query !== -1) look('query', target.slice(query + 1));
  if (body?.length && chunksMayHoldToken(body)) look('body', Buffer.concat(body).toString('latin1'));
  return places;
}
