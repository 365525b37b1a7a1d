import { Refusal } from '../../http/refusal';
import { parseServiceTarget } from '../proxy-target';
import type { Acting, ProxyRule, Resolved } from './rule';

/** Product API requests (`requestJira`, `asApp()`, `asUser()`) reach the stubs under these hosts. */
export const PRODUCT_HOSTS: Record<string, string> = { jira: 'jira.product.invalid', confluence: 'confluence.product.invalid' };

/**
 * `/product/{jira|confluence}{path}` stays on the product: a path that starts with anything but
 * one `/` is 400 `INVALID_TARGET`. The product is told who asks: the app, or the user it acts for.
 */
export const productTarget: ProxyRule<Acting, Resolved> = (call, { profile }) => {
  const [, product, path] = /^\/product\/(jira|confluence)(\/.*)?$/s.exec(call.request.url ?? '')!;
  const url = parseServiceTarget(`https://${PRODUCT_HOSTS[product!]}`, path);
  if (!url) throw Refusal.proxy(profile.proxy.refusals.invalidTarget, `${call.request.url}: a product path starts with a single /`);
  const { auth, invocation } = call;
  const principal = auth.as === 'user' ? `user:${auth.accountId ?? invocation.accountId ?? ''}` : 'app';
  return {
    ...call,
    url,
    target: `${url.host}${url.pathname}${url.search}`,
    host: url.host,
    extraHeaders: { 'x-forge-principal': principal, 'x-forge-cloud-id': invocation.cloudId },
  };
};
