import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Refusal } from './refusal';

/**
 * The per-stack secret that separates the control plane from the data plane. What only the
 * harness may use (registering invocations, service addresses, the OAuth client, test controls,
 * the observation logs, the admin plane, the runtime's invoke) answers only to a request carrying
 * it; an app's handler, a container service or a caller never holds it, so none of them can reach
 * a control endpoint, whatever path or host trick gets a request to the right port.
 */
export const CONTROL_KEY_HEADER = 'x-forge-conformance-control-key';

/** For the harness's pages only, which a browser opens without a way to set a header: `?key=` on the URL. */
export const CONTROL_KEY_PARAM = 'key';

export const newControlKey = (): string => randomBytes(32).toString('base64url');

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Refuses (403) a request that does not carry `key` (in the header; for a page, also as `?key=`), compared in constant time. */
export function requireControlKey(request: IncomingMessage, url: URL, key: string, { page = false } = {}): void {
  const sent = request.headers[CONTROL_KEY_HEADER] ?? (page ? url.searchParams.get(CONTROL_KEY_PARAM) : undefined) ?? '';
  if (typeof sent !== 'string' || !timingSafeEqual(digest(sent), digest(key))) {
    throw new Refusal(403, `${url.pathname} is a control endpoint of the harness: it answers only to the stack's control key (${CONTROL_KEY_HEADER})`);
  }
}
