import { Refusal } from '../../http/refusal';
import { unroutablePath } from '../../http/request-target';
import type { Acting, ProxyRule, Resolved } from './rule';

/** The operations storage serves to apps: the Key-Value Store's, and the legacy API's GraphQL. */
const STORAGE_OPERATIONS = /^\/(kvs\/api\/v1\/[a-z]+(\/[a-z]+)?|entities\/graphql)$/;

/** The manifest scope a storage call needs (facts.md §11). */
export const STORAGE_SCOPE = 'storage:app';

/**
 * `/platform/kvs/{path}` (`@forge/kvs`'s `__forge_fetch__({type: 'kvs'})`),
 * `/platform/entities/graphql` (the legacy storage API's) and `/forge/storage/kvs/v1/{path}` (a
 * Forge Containers service's Forge KVS API) are served by the platform's storage,
 * for the installation of the live invocation: the proxy names it, never the app. Only the
 * storage operations, named as sent. An app whose manifest lacks `storage:app` is refused
 * (profile `storage.scopeMissing`), with the `{code, message}` `@forge/kvs` turns into its error.
 */
export const storageTarget: ProxyRule<Acting, Resolved> = (call, { profile, storage, permissionScopes }) => {
  if (!permissionScopes.includes(STORAGE_SCOPE)) {
    const { status, code } = profile.storage.scopeMissing;
    const message = `the app's manifest does not ask for the ${STORAGE_SCOPE} scope (permissions.scopes), which storage needs`;
    throw new Refusal(status, message, { code, message });
  }
  if (!storage) throw new Refusal(503, 'this platform runs no storage', { code: 'SERVICE_UNAVAILABLE', message: 'this platform runs no storage' });
  // A container's Forge KVS API (`/forge/storage/kvs/v1/get`) is the same operation as @forge/kvs's (`/api/v1/get`).
  const path = (call.request.url ?? '').replace(/^\/platform/, '').replace(/^\/forge\/storage\/kvs\/v1\//, '/kvs/api/v1/');
  if (unroutablePath(path) || !STORAGE_OPERATIONS.test(path))
    throw Refusal.proxy(profile.proxy.refusals.invalidTarget, `${call.request.url} is no storage operation`);
  // Served in this process (proxied.ts): the URL only names the operation.
  const url = new URL(`storage:${path}`);
  return { ...call, url, target: `storage:${path.slice(1)}`, host: 'storage', extraHeaders: {} };
};
