/** The caller's 3LO bearer token as every component reads it: parsed one way, kept only as a hash. */
import { hash } from 'node:crypto';

/** RFC 6750 §2.1: `Bearer`, whitespace, then the token (no whitespace or comma in it). */
const BEARER = String.raw`Bearer\s+([^\s,]+)`;
const WHOLE_HEADER = new RegExp(`^\\s*${BEARER}\\s*$`, 'i');

/** The `Authorization` header's bearer token, if the whole header is one. */
export const bearerToken = (authorization: string | undefined): string | undefined => WHOLE_HEADER.exec(authorization ?? '')?.[1];

/** How a caller's bearer token is kept with an invocation: as its SHA-256, never the token itself. */
export const tokenSha256 = (token: string): string => hash('sha256', token, 'hex');
