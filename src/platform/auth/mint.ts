import type Provider from 'oidc-provider';
import { Refusal } from '../http/refusal';
import type { GrantSites } from './grant-sites';
import { AUDIENCE, RESOURCE } from '../model';

export interface MintRequest {
  accountId: string;
  cloudId: string;
  /** Product and custom scopes as plain names (`read:employee:custom`); namespaced in the token. */
  scopes: string[];
  /** `<appId>.<envId>` the token is for; another app's namespace makes a foreign token. */
  sns: string | undefined;
  offline?: boolean;
  /** Issue a token that expired an hour ago. */
  expired?: boolean;
  /** Lifetime in seconds instead of the profile's. */
  ttlSeconds?: number;
  /** Another audience than api.atlassian.com, to make a token meant for someone else. */
  audience?: string;
}

export interface MintedToken {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
  refresh_token?: string;
  jti: string;
  grant_id: string;
}

/**
 * facts.md §8 (5): test-only tokens, built from oidc-provider's own models, so they are
 * signed, shaped and refreshable exactly like tokens from the consent flow (about 1 ms).
 */
export async function mintToken(provider: Provider, clientId: string, grantSites: GrantSites, request: MintRequest, defaultTtl: number): Promise<MintedToken> {
  const client = await provider.Client.find(clientId);
  if (!client) throw new Refusal(500, 'the OAuth client is missing');
  const scope = request.scopes.join(' ');
  const grant = new provider.Grant({ accountId: request.accountId, clientId });
  if (scope) grant.addResourceScope(RESOURCE, scope);
  if (request.offline) grant.addOIDCScope('offline_access');
  const grantId = await grant.save();
  grantSites.set(grantId, { cloudId: request.cloudId, sns: request.sns });

  const now = Math.floor(Date.now() / 1000);
  const ttl = request.ttlSeconds ?? defaultTtl;
  const [iat, exp] = request.expired ? [now - 2 * ttl, now - ttl] : [now, now + ttl];
  const resourceServer = new provider.ResourceServer(RESOURCE, {
    audience: request.audience ?? AUDIENCE,
    scope,
    accessTokenFormat: 'jwt',
    accessTokenTTL: ttl,
    jwt: { sign: { alg: 'RS256' } },
  });
  const accessToken = new provider.AccessToken({
    accountId: request.accountId,
    client,
    grantId,
    scope,
    resourceServer,
    gty: 'authorization_code',
    iat,
    exp,
  } as never);
  const value = await accessToken.save();

  let refreshToken: string | undefined;
  if (request.offline) {
    const token = new provider.RefreshToken({
      accountId: request.accountId,
      client,
      grantId,
      scope: `${scope} offline_access`.trim(),
      resource: RESOURCE,
      gty: 'authorization_code',
      rotations: 0,
      iiat: now,
    } as never);
    refreshToken = await token.save();
  }
  const payload = JSON.parse(Buffer.from(value.split('.')[1]!, 'base64url').toString()) as { jti: string; scope: string };
  return {
    access_token: value,
    token_type: 'Bearer',
    expires_in: exp - now,
    scope: [payload.scope, ...(request.offline ? ['offline_access'] : [])].join(' ').trim(),
    ...(refreshToken && { refresh_token: refreshToken }),
    jti: payload.jti,
    grant_id: grantId,
  };
}
