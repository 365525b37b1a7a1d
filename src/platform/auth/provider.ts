/** oidc-provider configured as Atlassian's 3LO server. */
import { randomBytes, type JsonWebKey } from 'node:crypto';
import Provider, { errors, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { AdminDirectory } from '../admin/directory';
import type { PlatformProfile } from '../profile';
import type { DeniedTokens, GrantSites } from './grant-sites';
import { CLIENT_AUTH_METHODS } from './client-authentication';
import { memoryAdapterClass } from './memory-adapter';
import { messagePage } from './pages';
import { AUDIENCE, type PlatformApp, PRODUCT_SCOPE, RESOURCE, scopeNamespace } from '../model';

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

export interface ProviderOptions {
  issuer: string;
  app: PlatformApp;
  client: OAuthClient;
  directory: AdminDirectory;
  grantSites: GrantSites;
  deniedTokens: DeniedTokens;
  profile: PlatformProfile;
  signingKey: JsonWebKey;
}

const DAY = 24 * 60 * 60;

/** Rewrites a token's scopes the way Atlassian shows them: custom scopes as `<appId>.<envId>:<scope>`. */
export function namespacedScopes(scope: string, sns: string | undefined): string[] {
  return scope
    .split(' ')
    .filter(Boolean)
    .map((s) => (s.endsWith(':custom') && sns ? `${sns}:${s}` : s));
}

/**
 * oidc-provider configured as Atlassian's 3LO server (facts.md §8): confidential clients posting
 * their secret, `audience`/`sns` as extra parameters mapped onto a resource indicator, JWT
 * access tokens for api.atlassian.com carrying the product scopes and the app's custom scopes,
 * refresh tokens only with offline_access, rotating.
 */
export function createProvider({ issuer, app, client, directory, grantSites, deniedTokens, profile, signingKey }: ProviderOptions): Provider {
  const customScopes = app.customScopes.map((s) => s.name);
  const sns = scopeNamespace(app);

  const configuration: Configuration = {
    adapter: memoryAdapterClass(),
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: client.redirectUris,
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: CLIENT_AUTH_METHODS[0],
      },
    ],
    // Only what Atlassian's token endpoint accepts is configured, and so advertised by discovery.
    clientAuthMethods: [...CLIENT_AUTH_METHODS],
    jwks: { keys: [signingKey as never] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    scopes: ['offline_access'],
    claims: {},
    responseTypes: ['code'],
    pkce: { required: () => false },
    // RFC 6749 §4.1.3: a code whose request carried redirect_uri is exchanged only with it.
    allowOmittingSingleRegisteredRedirectUri: false,
    routes: { authorization: '/authorize', token: '/oauth/token', jwks: '/.well-known/jwks.json' },
    extraParams: {
      audience(_ctx: KoaContextWithOIDC, value: string | undefined) {
        if (value !== undefined && value !== AUDIENCE) throw new errors.InvalidRequest(`audience must be ${AUDIENCE}`);
      },
      // An unknown or missing `sns` is not an error: Atlassian then silently drops the custom scopes.
      sns() {},
    },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo(ctx, resource) {
          if (resource !== RESOURCE) throw new errors.InvalidTarget();
          // At /authorize the request names the app; the token endpoint inherits the grant's scopes.
          const requested = ctx.oidc.params?.sns as string | undefined;
          const atAuthorize = ctx.oidc.route === 'authorization' || ctx.oidc.route === 'resume';
          const withCustom = !atAuthorize || requested === sns;
          return {
            audience: AUDIENCE,
            scope: [...Object.values(PRODUCT_SCOPE), ...(withCustom ? customScopes : [])].join(' '),
            accessTokenFormat: 'jwt',
            accessTokenTTL: profile.auth.accessTokenTtlSeconds,
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    issueRefreshToken: async (_ctx, oauthClient, code) => oauthClient.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access'),
    rotateRefreshToken: true,
    ttl: {
      AccessToken: profile.auth.accessTokenTtlSeconds,
      AuthorizationCode: 600,
      Interaction: 3600,
      Session: DAY,
      Grant: profile.auth.refreshTokenAbsoluteTtlDays * DAY,
      // 90 days from the last rotation, never past 365 days from the first issue.
      RefreshToken: (_ctx, token) => {
        const now = Math.floor(Date.now() / 1000);
        const first = (token as { iiat?: number }).iiat ?? now;
        return Math.max(1, Math.min(profile.auth.refreshTokenTtlDays * DAY, first + profile.auth.refreshTokenAbsoluteTtlDays * DAY - now));
      },
    },
    extraTokenClaims: async (_ctx, token) => {
      const site = grantSites.get((token as { grantId?: string }).grantId);
      return { account_id: (token as { accountId?: string }).accountId, cloud_id: site?.cloudId, sns: site?.sns };
    },
    formats: {
      customizers: {
        jwt(_ctx, token, jwt) {
          const { grantId } = token as { grantId?: string };
          const site = grantSites.get(grantId);
          // Every access token passes here once, minted or issued: remember its grant, which may be revoked later.
          if (grantId && typeof jwt.payload.jti === 'string') deniedTokens.issued(jwt.payload.jti, grantId);
          if (typeof jwt.payload.scope === 'string') jwt.payload.scope = namespacedScopes(jwt.payload.scope, site?.sns).join(' ');
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // An authorization error that cannot go back to the client is shown on the harness's own page.
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = messagePage('This sign-in cannot go on', String(out.error_description ?? out.error));
    },
    findAccount: (_ctx, accountId) => {
      try {
        directory.user(accountId);
      } catch {
        return undefined;
      }
      return { accountId, claims: () => ({ sub: accountId }) };
    },
  };
  const provider = new Provider(issuer, configuration);
  // Everything is plain HTTP on loopback; the issuer says so, and cookies must not demand TLS.
  provider.proxy = false;
  // Refresh-token reuse and revocation revoke the grant; its access tokens die with it.
  provider.on('grant.revoked', (_ctx, grantId: string) => deniedTokens.revokeGrant(grantId));
  return provider;
}
