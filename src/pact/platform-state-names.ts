/**
 * The provider states that are platform conditions, named so any consumer can write them by
 * hand (docs/consumers.md). Params are Pact V3+ provider-state params.
 */
export const PLATFORM_STATES = {
  /** `{scopes: [...], withoutProductScope?: true}`: a consented token with exactly these custom scopes, plus the product scope unless left out. */
  holdsScopes: 'the caller holds scopes',
  restApisDisabled: 'REST APIs are disabled for the site',
  noToken: 'the caller sends no token',
  expiredToken: 'the token has expired',
  otherSite: 'the token is for another site',
  /** `{accountId}`: the caller is this user, a member of the site. */
  callerIs: 'the caller is user',
} as const;

/**
 * The provider states of the Outbound Proxy's own pact, in which a Forge Containers service is
 * the consumer: the invocation its `forge-proxy-authorization` names.
 */
export const PROXY_STATES = {
  /** A live invocation of the app: the request's `id=` (or `installationId=`) is replaced by its own. */
  inFlight: 'an invocation of the app is in flight',
  /** An invocation that has returned: the proxy refuses to act for it. */
  finished: 'the invocation has finished',
  /** A live invocation that has made as many requests this minute as Forge allows (100). */
  budgetSpent: 'the invocation has used its requests for this minute',
} as const;
