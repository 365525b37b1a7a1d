import { Refusal } from '../../http/refusal';
import { serviceHeaders } from '../../invocation/service-headers';
import { parseServiceTarget } from '../proxy-target';
import type { Acting, ProxyRule, Resolved } from './rule';

/**
 * `/service/{key}{path}` (`invokeService`) names a container service of the app and stays on it,
 * which gets the invocation and tracing headers Forge sends (facts.md §6). An unknown key is
 * `INVALID_SERVICE_KEY`, a path that leaves the service `INVALID_TARGET`.
 */
export const serviceTarget: ProxyRule<Acting, Resolved> = (call, { profile, services }) => {
  const [, key, path] = /^\/service\/([a-z0-9-]+)(\/.*)?$/s.exec(call.request.url ?? '')!;
  const base = Object.hasOwn(services, key!) ? services[key!] : undefined;
  if (!base) throw Refusal.proxy(profile.proxy.refusals.invalidServiceKey, `the app has no container service "${key}"`);
  const url = parseServiceTarget(base, path);
  if (!url) throw Refusal.proxy(profile.proxy.refusals.invalidTarget, `${call.request.url}: a service path starts with a single / and stays on the service`);
  return {
    ...call,
    url,
    // A container service is known by its key, not by the loopback port it happens to listen on.
    target: `service:${key}${url.pathname}${url.search}`,
    host: `service:${key}`,
    extraHeaders: serviceHeaders(call.invocation),
  };
};
