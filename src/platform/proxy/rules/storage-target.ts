import { CONTROL_KEY_HEADER } from '../../http/control-key';
import { Refusal } from '../../http/refusal';
import { unroutablePath } from '../../http/request-target';
import { INSTALLATION_HEADER, INVOCATION_ID_HEADER } from '../../invocation/wire-names';
import type { Acting, ProxyRule, Resolved } from './rule';

/** The operations storage serves to apps: the Key-Value Store's, and the legacy API's GraphQL. */
const STORAGE_OPERATIONS = /^\/(kvs\/api\/v1\/[a-z]+(\/[a-z]+)?|entities\/graphql)$/;

/** The manifest scope a storage call needs (facts.md §11). */
export const STORAGE_SCOPE = 'storage:app';

/**
 * `/platform/kvs/{path}` (`@forge/kvs`'s `__forge_fetch__({type: 'kvs'})`) and
 * `/platform/entities/graphql` (the legacy storage API's) go to the platform's storage service, for the installation of the live invocation: the proxy names it, never the app.
 * An app whose manifest lacks `storage:app` is refused (profile `storage.scopeMissing`), with the
 * `{code, message}` `@forge/kvs` turns into its error.
 */
export const storageTarget: ProxyRule<Acting, Resolved> = (call, { profile, storage, permissionScopes }) => {
  if (!permissionScopes.includes(STORAGE_SCOPE)) {
    const { status, code } = profile.storage.scopeMissing;
    const message = `the app's manifest does not ask for the ${STORAGE_SCOPE} scope (permissions.scopes), which storage needs`;
    throw new Refusal(status, message, { code, message });
  }
  if (!storage)
    throw new Refusal(503, 'this platform runs no storage service', { code: 'SERVICE_UNAVAILABLE', message: 'this platform runs no storage service' });
  // `/platform/kvs/api/v1/get` → the service's `/kvs/api/v1/get`; `/platform/entities/graphql` → `/entities/graphql`.
  // Only the storage operations, named as sent: no dot segment or bad escape may walk to the service's control routes.
  const path = (call.request.url ?? '').replace(/^\/platform/, '');
  const url = new URL(path, storage.url);
  if (unroutablePath(path.split('?')[0]!) || !STORAGE_OPERATIONS.test(url.pathname) || url.pathname !== path.split('?')[0])
    throw Refusal.proxy(profile.proxy.refusals.invalidTarget, `${call.request.url} is no storage operation`);
  return {
    ...call,
    url,
    target: `storage:${url.pathname.slice(1)}`,
    host: 'storage',
    extraHeaders: {
      [INSTALLATION_HEADER]: call.invocation.installationId,
      [INVOCATION_ID_HEADER]: call.invocation.invocationId,
      [CONTROL_KEY_HEADER]: storage.controlKey,
    },
  };
};
