import { Refusal } from '../../http/refusal';
import { PROXY_METHODS } from '../traffic-log';
import type { Arrived, ProxyRule } from './rule';

/** The proxy serves its seven methods (facts.md §6); any other is 405 with `Allow`. */
export const method: ProxyRule<Arrived> = (call) => {
  if (!(PROXY_METHODS as readonly string[]).includes(call.method))
    throw new Refusal(405, `${call.method} is not proxied`, undefined, { allow: PROXY_METHODS.join(', ') });
  return call;
};
