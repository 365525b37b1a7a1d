import { Refusal } from '../../http/refusal';
import { egressUrl } from '../proxy-target';
import { TARGET_SCHEME } from '../../invocation/wire-names';
import type { Acting, ProxyRule, Resolved } from './rule';

/**
 * `/proxy/{target}` names a host and path (https implied, or the scheme the runtime passes on),
 * and the manifest's backend egress allows the scheme and host, as `@forge/egress` judges them: otherwise 400 `INVALID_TARGET` or 403
 * `REQUEST_EGRESS_ALLOWLIST_ERR`, with the message `@forge/api` shows.
 */
export const externalTarget: ProxyRule<Acting, Resolved> = (call, { profile, allowList }) => {
  const { invalidTarget, egressNotAllowed } = profile.proxy.refusals;
  const url = egressUrl(call.request.url ?? '', call.request.headers[TARGET_SCHEME]);
  if (!url) throw Refusal.proxy(invalidTarget, `${call.request.url} names no host and path after /proxy/ (and no scheme but https or http)`);
  if (!allowList.allows(url))
    throw Refusal.proxy(
      egressNotAllowed,
      `URL not included in the external fetch backend permissions: ${url.href}. Visit go.atlassian.com/forge-egress for more information.`,
    );
  return { ...call, url, target: `${url.host}${url.pathname}${url.search}`, host: url.host, extraHeaders: {} };
};
