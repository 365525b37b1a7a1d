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
