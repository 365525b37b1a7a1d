/**
 * A Stack on a real deployment: only what a real platform offers. Calls go to its gateway with the
 * profile's tokens; the admin plane, minting and the observation log do not exist there, and a
 * check that needs them is skipped with that reason (NotOnRemote), never passed.
 */
import type { PlatformApp } from '../../platform/model';
import { DEFAULT_PROFILE } from '../../platform/profile';
import type { AdminClient, Tenant } from '../clients/admin-client';
import type { AuthClient } from '../clients/auth-client';
import type { ObservationClient } from '../clients/observation-client';
import type { RemoteDeployment, RemoteSites, Stack } from '../stack';

export type { RemoteDeployment, RemoteSites } from '../stack';
import { accessToken, tokenFrom, tokenName, type DeploymentFile } from './deployment-file';

/** What a check asked for does not exist on a real deployment; the check is skipped with this reason. */
export class NotOnRemote extends Error {
  override name = 'NotOnRemote';
}

export async function resolveDeployment(
  profile: DeploymentFile,
  app: PlatformApp & { dir: string },
  environment: NodeJS.ProcessEnv = process.env,
): Promise<RemoteDeployment> {
  const tokens = await Promise.all(profile.tokens.map(async (t) => [tokenName(t), await accessToken(t, environment)] as const));
  const sites = [profile.anotherSite?.env, profile.disabledSite?.env]
    .filter((n): n is string => !!n)
    .map((name) => [name, tokenFrom(name, environment)] as const);
  // The deployment's own identity, not the manifest's: a team may test a deployment of another registration.
  return {
    ...profile,
    tokenValues: Object.fromEntries([...tokens, ...sites]),
    app: { ...app, id: profile.appId, envId: profile.envId, product: profile.product },
  };
}

/** Scopes as a set to compare: a token's grant, ignoring `offline_access` (it only allows refreshing). */
const scopeKey = (scopes: readonly string[]) => [...new Set(scopes.filter((s) => s !== 'offline_access'))].sort().join(' ');

/** Everything of a client that is not on a real deployment throws NotOnRemote, saying why. */
function unavailable<T extends object>(what: string, present: Partial<T> = {}): T {
  return new Proxy(present, {
    get: (target, name) =>
      name in target
        ? target[name as keyof typeof target]
        : () => {
            throw new NotOnRemote(`${what} (${String(name)}) exists only on the emulated platform`);
          },
  }) as T;
}

export function remoteStack(deployment: RemoteDeployment): Stack & { remote: RemoteSites } {
  const site = (cloudId: string): Tenant => ({
    site: { cloudId, name: cloudId, url: deployment.gateway },
    // The token's holder: not known to the harness on a real deployment.
    user: { accountId: 'remote-token-holder', name: 'the token holder', email: '' },
    installation: {
      id: `${deployment.appId}/${cloudId}`,
      cloudId,
      appId: deployment.appId,
      envId: deployment.envId,
      product: deployment.product,
      restApiEnabled: true,
    },
  });
  const main = site(deployment.cloudId);
  const admin = unavailable<AdminClient>('the admin plane', {
    // The tenant of a check is the profile's site; REST APIs off means the team's disabled site, when it has one.
    createTenant: async (options: Parameters<AdminClient['createTenant']>[0] = {}) => {
      if (options.accountId || options.userName || options.siteName || (options.product && options.product !== deployment.product))
        throw new NotOnRemote('a site or user of its own is made only on the emulated platform');
      if (options.enabled !== false) return main;
      if (!deployment.disabledSite) throw new NotOnRemote('a site with REST APIs off needs disabledSite in the deployment file');
      return { ...site(deployment.disabledSite.cloudId), installation: { ...site(deployment.disabledSite.cloudId).installation, restApiEnabled: false } };
    },
  });
  const auth = unavailable<AuthClient>('minting tokens', {
    mintToken: async (options: Parameters<AuthClient['mintToken']>[0]) => {
      if (options.expired || options.ttlSeconds || options.sns !== undefined || options.audience)
        throw new NotOnRemote('a token with a made-up expiry, app or audience is minted only on the emulated platform');
      const env =
        options.cloudId === deployment.disabledSite?.cloudId
          ? deployment.disabledSite.env
          : deployment.tokens.filter((t) => scopeKey(t.scopes) === scopeKey(options.scopes)).map(tokenName)[0];
      if (!env)
        throw new NotOnRemote(
          `no token in the deployment file holds exactly ${scopeKey(options.scopes) || 'no scopes'}: add one under tokens to run this check`,
        );
      return { access_token: deployment.tokenValues[env]!, token_type: 'Bearer', expires_in: 0, scope: options.scopes.join(' '), jti: '', grant_id: '' };
    },
  });
  const observations = unavailable<ObservationClient>('the observation log');
  const siteGateway = /\/gateway\/api$/.test(new URL(deployment.gateway).pathname);
  const stop = async () => {};
  return {
    target: 'remote',
    app: deployment.app,
    profile: DEFAULT_PROFILE,
    urls: { gateway: deployment.gateway, auth: '', admin: '', proxy: '' },
    description: { target: 'remote', remote: deployment },
    admin,
    auth,
    observations,
    apiUrl: ({ site: s, installation }, path) =>
      siteGateway
        ? `${deployment.gateway}/svc/${installation.product}/apps/${deployment.appId}_${deployment.envId}${path}`
        : `${deployment.gateway}/svc/${installation.product}/${s.cloudId}/apps/${deployment.appId}_${deployment.envId}${path}`,
    remote: {
      anotherSiteToken: () => {
        if (!deployment.anotherSite) throw new NotOnRemote('the other-site refusal needs anotherSite (a token for another site) in the deployment file');
        return deployment.tokenValues[deployment.anotherSite.env]!;
      },
    },
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
