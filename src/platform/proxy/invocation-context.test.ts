/** `GET /invocation/context`: a container service asks the proxy what invocation it acts for (facts.md §6). */
import { randomUUID } from 'node:crypto';
import { rawRequest } from '../../../fixtures/raw-request';
import { expect, test } from '../../../fixtures/harness';
import { harnessInvocation } from '../../stack/clients/harness-invocation';
import { controlKeyOf } from '../../stack/connect';
import { PROXY_AUTHORIZATION, proxyAuthorization } from '../invocation/wire-names';
import { ProxyClient } from './proxy-client';

test("the proxy answers a live invocation's context in the documented shape, for that invocation only, to GET alone", async ({ stack, tenant }) => {
  const invocationId = randomUUID();
  await new ProxyClient(stack.urls.proxy, controlKeyOf(stack)).startInvocation(harnessInvocation(stack, tenant, invocationId, { routeKey: 'get-employee' }));
  const headers = { [PROXY_AUTHORIZATION]: proxyAuthorization(invocationId), accept: 'application/json' };

  const answer = await rawRequest(stack.urls.proxy, '/invocation/context', headers, 'GET');
  expect(answer.status).toBe(200);
  expect(JSON.parse(answer.body)).toEqual({
    app: {
      id: `ari:cloud:ecosystem::app/${stack.app.id}`,
      installationId: `ari:cloud:ecosystem::installation/${tenant.installation.id}`,
      environment: { type: 'DEVELOPMENT', id: `ari:cloud:ecosystem::environment/${stack.app.id}/${stack.app.envId}` },
      module: { key: 'get-employee', type: 'core:apiRoute' },
    },
    context: { cloudId: tenant.site.cloudId, moduleKey: 'get-employee', userAccess: { enabled: false } },
  });

  // Without an invocation, with one that never was, with another method or more after the path: refused, never another's context.
  expect((await rawRequest(stack.urls.proxy, '/invocation/context', { accept: 'application/json' }, 'GET')).status).toBe(401);
  const unknown = await rawRequest(stack.urls.proxy, '/invocation/context', { [PROXY_AUTHORIZATION]: proxyAuthorization(randomUUID()) }, 'GET');
  expect(unknown.status).toBeGreaterThanOrEqual(400);
  expect(unknown.status).toBeLessThan(500);
  const post = await fetch(`${stack.urls.proxy}/invocation/context`, { method: 'POST', headers, body: '{}' });
  expect([post.status, post.headers.get('allow')]).toEqual([405, 'GET']);
  for (const path of ['/invocation/context?installation=other', '/invocation/context/../../_observe/traffic']) {
    const response = await rawRequest(stack.urls.proxy, path, headers, 'GET');
    expect(response.status, path).toBeGreaterThanOrEqual(400);
    expect(response.status, path).toBeLessThan(500);
    expect(response.body, path).not.toContain(tenant.installation.id);
  }
});
