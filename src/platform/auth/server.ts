import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type Provider from 'oidc-provider';
import type { AdminDirectory } from '../admin/directory';
import { readJsonObject } from '../http/body';
import { serve, type RunningServer } from '../http/listen';
import { Refusal } from '../http/refusal';
import { sendHtml, sendJson } from '../http/respond';
import { Router } from '../http/router';
import type { PlatformProfile } from '../profile';
import { refuseUnregisteredClientAuthentication } from './client-authentication';
import { DeniedTokens, GrantSites } from './grant-sites';
import { bearerToken } from '../invocation/caller-token';
import { InvalidToken, TokenVerifier } from '../invocation/token-verifier';
import { addInteractionRoutes } from './interactions';
import { isJsonTokenRequest, jsonTokenRequestAsForm } from './json-token-requests';
import { mintToken } from './mint';
import { callbackPage } from './pages';
import { createProvider, namespacedScopes, type OAuthClient } from './provider';
import { type PlatformApp, scopeNamespace } from '../model';

export interface AuthServerOptions {
  app: PlatformApp;
  directory: AdminDirectory;
  profile: PlatformProfile;
  /** Serve the test-only controls under /_test (mint, revoke, deny-list). Off unless asked for. */
  testControls?: boolean;
  /** Further redirect URIs for the app's OAuth client, besides the server's own /callback. */
  redirectUris?: string[];
  /** The stack's control key: the internal endpoints and test controls answer only to it. */
  controlKey: string;
  port?: number;
}

export interface RunningAuthServer extends RunningServer {
  client: OAuthClient;
  /** Token ids the gateway must refuse (adaptation 6). */
  deniedTokens: DeniedTokens;
  /** The public signing keys, as served at /.well-known/jwks.json. */
  jwks: { keys: import('node:crypto').JsonWebKey[] };
}

/**
 * The 3LO authorization server: oidc-provider behind the adaptations of facts.md §8, the login and
 * consent pages, `/oauth/token/accessible-resources`, and (when enabled) the test controls.
 */
export async function startAuthServer(options: AuthServerOptions): Promise<RunningAuthServer> {
  const { app, directory, profile } = options;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomBytes(8).toString('hex');
  const signingKey = { ...privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
  const jwks = { keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }] };
  const grantSites = new GrantSites();
  const deniedTokens = new DeniedTokens();

  let provider: Provider | undefined;
  let ownHosts = new Set<string>();
  const router = new Router(options.controlKey);
  const server = await serve(
    '3LO server',
    async (request, response) => {
      // oidc-provider builds its redirects from Host: a request for another host must not steer them.
      if (!ownHosts.has((request.headers.host ?? '').toLowerCase()))
        throw new Refusal(421, `this is the 3LO server at ${[...ownHosts].join(' or ')}; the Host header names another`);
      if (await router.handle(request, response)) return;
      refuseUnregisteredClientAuthentication(request, new URL(request.url ?? '/', 'http://3lo').pathname);
      const forProvider = isJsonTokenRequest(request) ? await jsonTokenRequestAsForm(request) : request;
      provider!.callback()(forProvider, response);
    },
    options.port,
  );
  ownHosts = new Set([`127.0.0.1:${server.port}`, `localhost:${server.port}`]);

  const client: OAuthClient = {
    clientId: `forge-conformance-${app.id.slice(0, 8)}`,
    clientSecret: randomBytes(24).toString('base64url'),
    redirectUris: [`${server.url}/callback`, ...(options.redirectUris ?? [])],
  };
  provider = createProvider({ issuer: server.url, app, client, directory, grantSites, deniedTokens, profile, signingKey });

  // Adaptation 4: the token response's `scope` names what the token holds, namespaced, with offline_access.
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { access_token?: string; refresh_token?: string; scope?: string } | undefined;
    if (ctx.oidc?.route !== 'token' || ctx.status !== 200 || typeof body?.access_token !== 'string') return;
    const { scope } = JSON.parse(Buffer.from(body.access_token.split('.')[1]!, 'base64url').toString()) as { scope?: string };
    body.scope = [...(scope ? namespacedScopes(scope, undefined) : []), ...(body.refresh_token ? ['offline_access'] : [])].join(' ');
  });

  // The caller's token is verified here as at the gateway: an invalid or expired one is a 401, as on every Atlassian API.
  const tokens = new TokenVerifier({
    issuer: server.url,
    jwks,
    isDenied: (jti) => deniedTokens.has(jti),
    clockToleranceSeconds: profile.gateway.clockToleranceSeconds,
  });
  const unauthorized = (reason: string) => new Refusal(401, reason, { code: 401, message: 'Unauthorized' });

  addInteractionRoutes(router, { provider, directory, app, grantSites });
  router
    .on('GET', '/callback', ({ response, url }) => sendHtml(response, 200, callbackPage(url.searchParams)))
    // Observed to return nothing useful for app REST API tokens (facts.md §4); the cloudId comes from /_edge/tenant_info.
    .on('GET', '/oauth/token/accessible-resources', async ({ request, response }) => {
      const bearer = bearerToken(request.headers.authorization);
      if (!bearer) throw unauthorized('no bearer token');
      try {
        await tokens.verify(bearer);
      } catch (error) {
        if (error instanceof InvalidToken) throw unauthorized(error.message);
        throw error;
      }
      sendJson(response, 200, []);
    })
    .control('GET', '/_internal/denied-tokens/:jti', ({ response, params }) => sendJson(response, 200, { denied: deniedTokens.has(params.jti!) }))
    // For the stack that started this server in another process or container: the app's OAuth client.
    .control('GET', '/_internal/oauth-client', ({ response }) => sendJson(response, 200, client));

  if (options.testControls) {
    router
      .control('POST', '/_test/tokens', async ({ request, response }) => {
        const body = await readJsonObject(request);
        const scopes = body.scopes;
        if (typeof body.accountId !== 'string' || typeof body.cloudId !== 'string') throw new Refusal(400, 'accountId and cloudId are required');
        if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === 'string')) throw new Refusal(400, 'scopes must be a list of scope names');
        sendJson(
          response,
          201,
          await mintToken(
            provider!,
            client.clientId,
            grantSites,
            {
              accountId: body.accountId,
              cloudId: body.cloudId,
              scopes,
              sns: body.sns === undefined ? scopeNamespace(app) : typeof body.sns === 'string' ? body.sns : undefined,
              offline: body.offline === true,
              expired: body.expired === true,
              ...(typeof body.ttlSeconds === 'number' && { ttlSeconds: body.ttlSeconds }),
              ...(typeof body.audience === 'string' && { audience: body.audience }),
            },
            profile.auth.accessTokenTtlSeconds,
          ),
        );
      })
      .control('POST', '/_test/grants/:grantId/revoke', async ({ response, params }) => {
        const grant = await provider!.Grant.find(params.grantId!);
        if (!grant) throw new Refusal(404, `no grant ${params.grantId}`);
        await grant.destroy();
        await (provider!.RefreshToken as unknown as { adapter: { revokeByGrantId(id: string): Promise<void> } }).adapter.revokeByGrantId(params.grantId!);
        deniedTokens.revokeGrant(params.grantId!);
        sendJson(response, 200, { revoked: params.grantId });
      })
      .control('POST', '/_test/denied-tokens', async ({ request, response }) => {
        const { jti } = await readJsonObject(request);
        if (typeof jti !== 'string' || !jti) throw new Refusal(400, 'jti is required');
        deniedTokens.deny(jti);
        sendJson(response, 200, { denied: jti });
      });
  }

  return { ...server, client, deniedTokens, jwks };
}
