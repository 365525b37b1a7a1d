import { Refusal } from '../../http/refusal';
import type { Acting, ProxyRule } from './rule';

/**
 * `as=user` acts only for the invoking user (our decision, profile `proxy.impersonation`:
 * `@forge/manifest` ships `allowImpersonation` as not yet supported): `accountId=` naming anyone
 * else is 403 `IMPERSONATION_NOT_ALLOWED`.
 */
export const impersonation: ProxyRule<Acting> = (call, { profile }) => {
  const { auth, invocation } = call;
  if (auth.as === 'user' && auth.accountId !== undefined && auth.accountId !== invocation.accountId && profile.proxy.impersonation === 'invoking-user-only')
    throw Refusal.proxy(
      profile.proxy.refusals.impersonationNotAllowed,
      `invocation ${invocation.invocationId} runs for ${invocation.accountId ?? 'no user'} and may not act as ${auth.accountId}`,
    );
  return call;
};
