/** The apiRoute gateway as a service of its own, reaching the other components over HTTP. */
import { loadApp } from '../../app/load-app';
import { RouteTable } from '../../app/route-table';
import { lookupOverHttp } from '../admin/directory-lookup';
import { platformAppOf } from '../auth/app-identity';
import { startGateway } from '../gateway/server';
import { TokenVerifier } from '../gateway/token-verifier';
import type { PlatformProfile } from '../profile';
import { ProxyClient } from '../proxy/proxy-process';
import { remoteRuntime } from '../runtime/runtime-server';
import { roleMain } from './role';

export interface GatewayConfig {
  appDir: string;
  profile: PlatformProfile;
  port: number;
  adminUrl: string;
  authUrl: string;
  runtimeUrl: string;
  proxyUrl: string;
}

await roleMain<GatewayConfig>('gateway', async (config) => {
  const forgeApp = loadApp(config.appDir);
  const tokens = new TokenVerifier({
    issuer: config.authUrl,
    jwks: new URL('/.well-known/jwks.json', config.authUrl),
    isDenied: async (jti) => ((await (await fetch(`${config.authUrl}/_internal/denied-tokens/${encodeURIComponent(jti)}`)).json()) as { denied: boolean }).denied,
  });
  return startGateway({
    profile: config.profile,
    app: platformAppOf(forgeApp)!,
    forgeApp,
    routes: new RouteTable(forgeApp.apiRoutes),
    directory: lookupOverHttp(config.adminUrl),
    tokens,
    runtime: remoteRuntime(config.runtimeUrl),
    egress: new ProxyClient(config.proxyUrl),
    port: config.port,
  });
});
