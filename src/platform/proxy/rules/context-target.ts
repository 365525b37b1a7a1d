import { Refusal } from '../../http/refusal';
import { INVOCATION_CONTEXT_PATH } from '../invocation-context';
import type { Acting, ProxyRule, Resolved } from './rule';

/**
 * `/invocation/context` is answered by the proxy itself, for the live invocation the rules found
 * (facts.md §6): a GET, with nothing after the path.
 */
export const contextTarget: ProxyRule<Acting, Resolved> = (call) => {
  if (call.method !== 'GET') throw new Refusal(405, `${call.method} ${INVOCATION_CONTEXT_PATH} is not served`, undefined, { allow: 'GET' });
  if (call.request.url !== INVOCATION_CONTEXT_PATH) throw new Refusal(404, `${call.request.url} is not ${INVOCATION_CONTEXT_PATH}`);
  return {
    ...call,
    url: new URL(`context:${INVOCATION_CONTEXT_PATH}`),
    target: `context:${INVOCATION_CONTEXT_PATH.slice(1)}`,
    host: 'context',
    extraHeaders: {},
  };
};
