import { Refusal } from '../../http/refusal';
import type { GatewayStep } from './step';
import { PRODUCT_SCOPE, scopeNamespace } from '../../model';

/**
 * The token must hold the product scope of the URL's product and the route's custom scopes
 * (namespaced `<appId>.<envId>:<scope>`): all of them, or any one, as the profile says.
 */
export const scopes: GatewayStep<'scopes'> = (call, { profile, app }) => {
  const held = call.token.scopes;
  const reject = (reason: string) => Refusal.gateway('scopes', profile.refusals.scopeMismatch, reason);
  const productScope = PRODUCT_SCOPE[call.url.product];
  if (!held.has(productScope)) throw reject(`the token lacks the product scope ${productScope}`);
  const required = call.route.scopes.map((s) => `${scopeNamespace(app)}:${s}`);
  const missing = required.filter((s) => !held.has(s));
  const satisfied = profile.gateway.routeScopes === 'any' ? missing.length < required.length : missing.length === 0;
  if (!satisfied) throw reject(`the token lacks ${missing.join(', ')}`);
};
