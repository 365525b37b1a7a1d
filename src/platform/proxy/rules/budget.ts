import { Refusal } from '../../http/refusal';
import type { ProxyRule, Resolved } from './rule';

/** An invocation may make the documented number of requests in any minute (facts.md §5); the next is 429 `FETCH_LIMIT_EXCEEDED`. */
export const budget: ProxyRule<Resolved> = (call, { profile, budget: spent }) => {
  if (!spent.take(call.invocation.invocationId))
    throw Refusal.proxy(
      profile.proxy.refusals.fetchLimitExceeded,
      `invocation ${call.invocation.invocationId} has made ${profile.proxy.requestsPerInvocationMinute} network requests in the last minute, the most Forge allows`,
    );
  return call;
};
