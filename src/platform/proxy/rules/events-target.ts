import { Refusal } from '../../http/refusal';
import { unroutablePath } from '../../http/request-target';
import { APP_EVENTS_PATH } from '../../events/app-event-request';
import { EVENTS_PATH } from '../../events/push-request';
import type { Acting, ProxyRule, Resolved } from './rule';

/**
 * `/platform/events/{path}` (@forge/events through `__forge_fetch__`'s stargate remote) is served
 * by the platform's queues, for the installation of the live invocation: the proxy names it,
 * never the app. Only the queue operations and app events, named as sent (facts.md §12).
 */
export const eventsTarget: ProxyRule<Acting, Resolved> = (call, { profile, events }) => {
  if (!events) throw new Refusal(503, 'this platform runs no queues', { code: 'SERVICE_UNAVAILABLE', message: 'this platform runs no queues' });
  const path = (call.request.url ?? '').replace(/^\/platform\/events/, '');
  if (unroutablePath(path) || !(EVENTS_PATH.test(path) || path === APP_EVENTS_PATH))
    throw Refusal.proxy(profile.proxy.refusals.invalidTarget, `${call.request.url} is no queue operation`);
  // Served in this process (proxied.ts): the URL only names the operation.
  return { ...call, url: new URL(`events:${path}`), target: `events:${path.slice(1)}`, host: 'events', extraHeaders: {} };
};
