import { Refusal } from '../../http/refusal';
import { parseProxyTarget } from '../proxy-target';
import type { Acting, ProxyRule, Resolved } from './rule';

/**
 * `/proxy/{target}` names a host and path (https implied), and the manifest's backend egress
 * allows the host, as `@forge/egress` judges it: otherwise 400 `INVALID_TARGET` or 403
 * `REQUEST_EGRESS_ALLOWLIST_ERR`, with the message `@forge/api` shows.
 */
export const externalTarget: ProxyRule<Acting, Resolved> = (call, { profile, allowList }) => {
  const { invalidTarget, egressNotAllowed } = profile.proxy.refusals;
  const url = parseProxyTarget(call.request.url ?? '');
  if (!url) throw Refusal.proxy(invalidTarget, `${call.request.url} names no host and path after /proxy/`);
  if (!allowList.allows(url))
    throw Refusal.proxy(
      egressNotAllowed,
      `URL not included in the external fetch backend permissions: ${url.href}. Visit go.atlassian.com/forge-egress for more information.`,
    );
  return { ...call, url, target: `${url.host}${url.pathname}${url.search}`, host: url.host, extraHeaders: {} };
};
