import type { OAuthClient } from '../platform/auth/provider';
import { AdminClient } from './clients/admin-client';
import { AuthClient } from './clients/auth-client';
import { ObservationClient } from './clients/observation-client';
import type { Stack } from './stack';

/**
 * Everything a process needs to talk to a running stack: plain JSON, passed between the harness's
 * own processes (never to the app's). `controlKey` opens the control endpoints.
 */
export type StackDescription = Pick<Stack, 'target' | 'app' | 'profile' | 'urls'> & { oauthClient: OAuthClient; sns: string; controlKey: string };

/** A Stack over HTTP from its description; `stop` is the owner's (a no-op for a borrowed stack). */
export function stackFrom(description: StackDescription, stop: () => Promise<void> = async () => {}): Stack {
  const { urls, app } = description;
  return {
    target: description.target,
    app,
    profile: description.profile,
    urls,
    description,
    admin: new AdminClient(urls.admin, description.controlKey),
    auth: new AuthClient(urls.auth, description.oauthClient, description.sns, description.controlKey),
    observations: new ObservationClient(urls.gateway, urls.proxy, description.controlKey),
    apiUrl: ({ site, installation }, path) => `${urls.gateway}/svc/${installation.product}/${site.cloudId}/apps/${app.id}_${app.envId}${path}`,
    stop,
    [Symbol.asyncDispose]: stop,
  };
}

/** The environment variable through which a `run` hands its stack to the Playwright workers. */
export const STACK_ENV = 'FORGE_CONFORMANCE_STACK';

export function stackFromEnvironment(): Stack | undefined {
  const json = process.env[STACK_ENV];
  return json ? stackFrom(JSON.parse(json) as StackDescription) : undefined;
}
