/** An invocation the harness itself registers with the egress proxy, as the gateway would register one it runs. */
import type { LiveInvocation } from '../../platform/invocation/registry';
import type { Stack } from '../stack';
import type { Tenant } from './admin-client';

/**
 * A live invocation of the stack's app on the tenant's site, for a test or a verification that
 * acts as the app's code egressing (the proxy's hostile campaign, the proxy's contract). It runs
 * for no user unless `accountId` is given, and nothing of a caller's token is known.
 */
export const harnessInvocation = (
  stack: Pick<Stack, 'app'>,
  tenant: Tenant,
  invocationId: string,
  { routeKey, accountId }: { routeKey: string; accountId?: string },
): LiveInvocation => ({
  invocationId,
  appId: stack.app.id,
  envId: stack.app.envId,
  installationId: tenant.installation.id,
  cloudId: tenant.site.cloudId,
  product: tenant.installation.product,
  accountId,
  routeKey,
  callerTokenSha256: undefined,
});
