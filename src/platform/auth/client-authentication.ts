/**
 * Client authentication at the token endpoint as the client registered it. Atlassian's token
 * endpoint takes the client's id and secret in the (JSON) body only, `client_secret_post`
 * (facts.md §4). oidc-provider treats `client_secret_basic` and `client_secret_post` as one
 * method, so the other one is refused here, before the provider reads the request; the methods
 * it knows besides (JWT assertions, none) are left out of its configuration and refused there.
 */
import type { IncomingMessage } from 'node:http';
import { Refusal } from '../http/refusal';

/** The one method a client may register and use, and the only one discovery advertises. */
export const CLIENT_AUTH_METHODS = ['client_secret_post'] as const;

const invalidClient = (description: string) =>
  new Refusal(401, description, { error: 'invalid_client', error_description: description }, { 'www-authenticate': 'Basic realm="3LO"' });

/** Refuses credentials in an `Authorization` header at the token endpoint (RFC 6749 §5.2: 401 `invalid_client`). */
export function refuseUnregisteredClientAuthentication(request: IncomingMessage, path: string): void {
  if (path === '/oauth/token' && request.headers.authorization !== undefined)
    throw invalidClient('the client is registered with client_secret_post: send client_id and client_secret in the body, not in an Authorization header');
}
