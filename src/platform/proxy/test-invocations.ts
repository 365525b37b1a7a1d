/** What the proxy's own tests run it for: an app, and invocations of it registered directly. */
import type { LiveInvocation } from '../invocation/registry';

export const TEST_APP = { id: 'app-uuid', envId: 'env-uuid' };

/** A live invocation of TEST_APP, for user-1 on route-1, with `extra` changed. */
export const testInvocation = (id: string, extra: Partial<LiveInvocation> = {}): LiveInvocation => ({
  invocationId: id,
  appId: TEST_APP.id,
  envId: TEST_APP.envId,
  installationId: 'inst-1',
  cloudId: 'cloud-1',
  product: 'jira',
  routeKey: 'route-1',
  accountId: 'user-1',
  callerTokenSha256: undefined,
  ...extra,
});
