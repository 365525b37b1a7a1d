import { MatchersV3 } from '@pact-foundation/pact';
import { expect, test } from '@playwright/test';
import { PROXY_STATES } from '../../src/pact/platform-state-names';
import { PROXY_METHODS } from '../../src/platform/proxy/traffic-log';
import { DEFAULT_PROFILE } from '../../src/platform/profile';
import { pactWrittenTo } from '../pact-writer';

// The platform's own contract with an app's Forge Containers services: what the Outbound Proxy
// does with their requests. Written here against a Pact mock, verified in the test suite against
// the harness's own proxy (src/pact/platform-pacts.test.ts). The target is the sample app's
// payroll provider (api.payroll.example.com, on its egress allow-list), whose stubbed answers
// (fixtures/apps/employee-directory/upstreams/payroll.json) the proxy passes through.
const { regex, like } = MatchersV3;
const SYNC = '/proxy/api.payroll.example.com/v1/sync';
const authorized = { 'forge-proxy-authorization': regex(/^Forge as=app,id=\S+$/, 'Forge as=app,id=6f1c2f4e-7d5a-4f0e-9a63-2b8f0c1d3e4a') };
const refusals = DEFAULT_PROFILE.proxy.refusals;
/** What the payroll provider answers each method with, through the proxy. */
const ANSWERS: Record<string, { status: number; synced?: boolean }> = {
  OPTIONS: { status: 204 },
  HEAD: { status: 200 },
  GET: { status: 200, synced: true },
  POST: { status: 201, synced: true },
  PUT: { status: 200, synced: true },
  PATCH: { status: 200, synced: true },
  DELETE: { status: 204 },
};
const WITH_BODY = ['POST', 'PUT', 'PATCH'];

const pact = pactWrittenTo(import.meta.dirname, { consumer: 'forge-containers-service', provider: 'forge-outbound-proxy' });

/** The consumer side: a container service's plain HTTP client. */
const send = (url: string, path: string, init: RequestInit = {}) => fetch(`${url}${path}`, init);

for (const method of PROXY_METHODS) {
  const answer = ANSWERS[method]!;
  test(`${method} through the proxy reaches the allowed host and passes its answer back`, async () => {
    await pact()
      .addInteraction()
      .given(PROXY_STATES.inFlight)
      .uponReceiving(`a ${method} to an allowed host`)
      .withRequest(method, SYNC, (request) => {
        request.headers(authorized);
        if (WITH_BODY.includes(method)) request.jsonBody({ employees: 3 });
      })
      .willRespondWith(answer.status, (response) => {
        if (answer.synced) response.jsonBody({ synced: like(method) });
      })
      .executeTest(async (mock) => {
        const response = await send(mock.url, SYNC, {
          method,
          headers: {
            'forge-proxy-authorization': 'Forge as=app,id=6f1c2f4e-7d5a-4f0e-9a63-2b8f0c1d3e4a',
            ...(WITH_BODY.includes(method) && { 'content-type': 'application/json' }),
          },
          ...(WITH_BODY.includes(method) && { body: JSON.stringify({ employees: 3 }) }),
        });
        expect(response.status).toBe(answer.status);
      });
  });
}

test('no forge-proxy-authorization: 401 MISSING_AUTHORIZATION', async () => {
  await pact()
    .addInteraction()
    .uponReceiving('a request without forge-proxy-authorization')
    .withRequest('GET', SYNC)
    .willRespondWith(refusals.missingAuthorization.status, (response) => response.headers({ 'forge-proxy-error': refusals.missingAuthorization.error }))
    .executeTest(async (mock) => {
      expect((await send(mock.url, SYNC)).headers.get('forge-proxy-error')).toBe('MISSING_AUTHORIZATION');
    });
});

test('a malformed forge-proxy-authorization: 400 INVALID_AUTHORIZATION', async () => {
  await pact()
    .addInteraction()
    .uponReceiving('a request with a forge-proxy-authorization that is not the Forge scheme')
    .withRequest('GET', SYNC, (request) => request.headers({ 'forge-proxy-authorization': 'Bearer not-forge' }))
    .willRespondWith(refusals.invalidAuthorization.status, (response) => response.headers({ 'forge-proxy-error': refusals.invalidAuthorization.error }))
    .executeTest(async (mock) => {
      const response = await send(mock.url, SYNC, { headers: { 'forge-proxy-authorization': 'Bearer not-forge' } });
      expect(response.headers.get('forge-proxy-error')).toBe('INVALID_AUTHORIZATION');
    });
});

test('an invocation that has finished: 403 INVALID_INVOCATION', async () => {
  await pact()
    .addInteraction()
    .given(PROXY_STATES.finished)
    .uponReceiving('a request for an invocation that has finished')
    .withRequest('GET', SYNC, (request) => request.headers(authorized))
    .willRespondWith(refusals.invalidInvocation.status, (response) => response.headers({ 'forge-proxy-error': refusals.invalidInvocation.error }))
    .executeTest(async (mock) => {
      const response = await send(mock.url, SYNC, { headers: { 'forge-proxy-authorization': 'Forge as=app,id=finished' } });
      expect(response.headers.get('forge-proxy-error')).toBe('INVALID_INVOCATION');
    });
});

test('a host not on the egress allow-list: 403 REQUEST_EGRESS_ALLOWLIST_ERR', async () => {
  await pact()
    .addInteraction()
    .given(PROXY_STATES.inFlight)
    .uponReceiving('a request to a host the manifest does not allow')
    .withRequest('GET', '/proxy/collector.example.net/upload', (request) => request.headers(authorized))
    .willRespondWith(refusals.egressNotAllowed.status, (response) => response.headers({ 'forge-proxy-error': refusals.egressNotAllowed.error }))
    .executeTest(async (mock) => {
      const response = await send(mock.url, '/proxy/collector.example.net/upload', { headers: { 'forge-proxy-authorization': 'Forge as=app,id=x' } });
      expect(response.headers.get('forge-proxy-error')).toBe('REQUEST_EGRESS_ALLOWLIST_ERR');
    });
});

test(`the request after ${DEFAULT_PROFILE.proxy.requestsPerInvocationMinute} in a minute: 429 FETCH_LIMIT_EXCEEDED`, async () => {
  await pact()
    .addInteraction()
    .given(PROXY_STATES.budgetSpent)
    .uponReceiving('a request over the invocation’s limit for the minute')
    .withRequest('GET', SYNC, (request) => request.headers(authorized))
    .willRespondWith(refusals.fetchLimitExceeded.status, (response) => response.headers({ 'forge-proxy-error': refusals.fetchLimitExceeded.error }))
    .executeTest(async (mock) => {
      const response = await send(mock.url, SYNC, { headers: { 'forge-proxy-authorization': 'Forge as=app,id=x' } });
      expect(response.headers.get('forge-proxy-error')).toBe('FETCH_LIMIT_EXCEEDED');
    });
});
