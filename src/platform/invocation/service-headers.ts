/**
 * The headers Forge puts on a request to a container service (facts.md §6), for the invocation it
 * belongs to: `invokeService` through the proxy, and a queue's delivery to an `endpoint` consumer.
 */
import type { LiveInvocation } from './registry';
import { INVOCATION_ID_HEADER } from './wire-names';

export function serviceHeaders(invocation: Pick<LiveInvocation, 'invocationId' | 'appId' | 'envId' | 'installationId' | 'routeKey'>): Record<string, string> {
  const traceId = invocation.invocationId.replace(/-/g, '').slice(0, 32).padEnd(32, '0');
  return {
    [INVOCATION_ID_HEADER]: invocation.invocationId,
    'x-b3-traceid': traceId,
    'x-b3-spanid': traceId.slice(0, 16),
    'x-forge-invocation-log-attributes': JSON.stringify({
      appId: invocation.appId,
      environmentId: invocation.envId,
      installationId: invocation.installationId,
      routeKey: invocation.routeKey,
    }),
  };
}
