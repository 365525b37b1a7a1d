/** The apiRoute gateway as a service of its own, reaching the other components over HTTP. */
import { loadApp } from '../../app/load-app';
import { RouteTable } from '../../app/route-table';
import { lookupOverHttp } from '../admin/directory-lookup';
import { platformAppOf } from '../auth/app-identity';
import { startGateway } from '../gateway/server';
import { TokenVerifier } from '../invocation/token-verifier';
import type { PlatformProfile } from '../profile';
import { CONTROL_KEY_HEADER } from '../http/control-key';
import { ProxyClient } from '../proxy/proxy-client';
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
  controlKey: string;
  /** The app's encrypted variables, which no response may carry. */
  secrets?: { name: string; value: string }[];
}

await roleMain<GatewayConfig>('gateway', async (config) => {
  const forgeApp = loadApp(config.appDir);
  const tokens = new TokenVerifier({
    issuer: config.authUrl,
    jwks: new URL('/.well-known/jwks.json', config.authUrl),
    isDenied: async (jti) => {
      const response = await fetch(`${config.authUrl}/_internal/denied-tokens/${encodeURIComponent(jti)}`, {
        headers: { [CONTROL_KEY_HEADER]: config.controlKey },
      });
      if (!response.ok) throw new Error(`the 3LO server answered ${response.status} about token ${jti}`);
      return ((await response.json()) as { denied: boolean }).denied;
    },
    clockToleranceSeconds: config.profile.gateway.clockToleranceSeconds,
  });
  return startGateway({
    profile: config.profile,
    app: platformAppOf(forgeApp)!,
    forgeApp,
    routes: new RouteTable(forgeApp.apiRoutes),
    directory: lookupOverHttp(config.adminUrl, config.controlKey),
    tokens,
    runtime: remoteRuntime(config.runtimeUrl, config.controlKey),
    egress: new ProxyClient(config.proxyUrl, config.controlKey),
    controlKey: config.controlKey,
    secrets: config.secrets,
    port: config.port,
  });
});
