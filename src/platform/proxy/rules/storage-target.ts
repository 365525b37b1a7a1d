import { CONTROL_KEY_HEADER } from '../../http/control-key';
import { Refusal } from '../../http/refusal';
import { INSTALLATION_HEADER } from '../../invocation/wire-names';
import type { Acting, ProxyRule, Resolved } from './rule';

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
  const url = new URL((call.request.url ?? '').replace(/^\/platform/, ''), storage.url);
  if (url.origin !== new URL(storage.url).origin) throw Refusal.proxy(profile.proxy.refusals.invalidTarget, `${call.request.url} leaves the storage service`);
  return {
    ...call,
    url,
    target: `storage:${url.pathname.slice(1)}`,
    host: 'storage',
    extraHeaders: { [INSTALLATION_HEADER]: call.invocation.installationId, [CONTROL_KEY_HEADER]: storage.controlKey },
  };
};
