import { randomUUID } from 'node:crypto';
import { PRODUCT_SCOPE } from '../platform/model';
import { ProxyClient } from '../platform/proxy/proxy-client';
import { harnessInvocation } from '../stack/clients/harness-invocation';
import type { Stack } from '../stack/stack';
import type { HostileContext } from './hostile-case';
import { controlKeyOf } from '../stack/connect';

/**
 * What the corpus is aimed at on a running stack: two sites (REST APIs on and off), tokens
 * holding every scope, a live and a finished invocation of the app registered with the proxy (by
 * the harness, which holds the control key), and the secrets no answer may contain.
 */
export async function hostileContext(stack: Stack, canary: string): Promise<HostileContext> {
  const [tenant, disabledTenant] = await Promise.all([stack.admin.createTenant(), stack.admin.createTenant({ enabled: false })]);
  const scopes = [PRODUCT_SCOPE[stack.app.product], ...stack.app.customScopes.map((s) => s.name)];
  const [token, disabledTenantToken] = await Promise.all(
    [tenant, disabledTenant].map(async (t) => (await stack.auth.mintToken({ accountId: t.user.accountId, cloudId: t.site.cloudId, scopes })).access_token),
  );
  const proxy = new ProxyClient(stack.urls.proxy, controlKeyOf(stack));
  const invocation = (invocationId: string) => harnessInvocation(stack, tenant, invocationId, { routeKey: 'hostile', accountId: tenant.user.accountId });
  const [invocationId, finishedInvocationId] = [randomUUID(), randomUUID()];
  await proxy.startInvocation(invocation(invocationId));
  await proxy.startInvocation(invocation(finishedInvocationId));
  await proxy.finishInvocation(finishedInvocationId);
  const { client } = stack.auth;
  return {
    app: { id: stack.app.id, envId: stack.app.envId },
    tenant,
    disabledTenant,
    token: token!,
    disabledTenantToken: disabledTenantToken!,
    invocationId,
    finishedInvocationId,
    oauth: { clientId: client.clientId, clientSecret: client.clientSecret, redirectUri: client.redirectUris[0]! },
    canary,
    secrets: [controlKeyOf(stack), client.clientSecret],
  };
}
