import { MatchersV3 } from '@pact-foundation/pact';
import { expect, test } from '@playwright/test';
import { PLATFORM_STATES } from '../../src/pact/platform-state-names';
import { DEFAULT_PROFILE } from '../../src/platform/profile';
import { pactWrittenTo } from '../pact-writer';

// The platform's own contract with whoever calls an app's REST API: what the apiRoute gateway
// answers before any app code runs. It is written here, against a Pact mock, and verified in the
// test suite against the harness's own gateway (src/pact/platform-pacts.test.ts), so the
// published contract and the emulator cannot drift apart. The paths are the sample app's
// (fixtures/apps/employee-directory), app-relative like every pact of an app; the gateway's
// answers do not depend on the app. Values come from the profile: the emulator's decisions.
const { regex } = MatchersV3;
const bearer = { Authorization: regex(/^Bearer \S+$/, 'Bearer a-3lo-token') };
const json = { 'Content-Type': 'application/json' };
const { refusals, gateway } = DEFAULT_PROFILE;
const READ = 'read:employee:custom';
const WRITE = 'write:employee:custom';
const hire = { name: 'Hedy Lamarr', title: 'Inventor', department: 'Engineering' };

const pact = pactWrittenTo(import.meta.dirname, { consumer: 'apiroute-consumer', provider: 'forge-apiroute-gateway' });

/** The consumer side: a plain HTTP client, as any caller of an app's REST API is. */
async function call(url: string, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  const response = await fetch(`${url}${path}`, init);
  return { status: response.status, headers: response.headers, body: await response.text() };
}

test('no token: 401', async () => {
  await pact()
    .addInteraction()
    .given(PLATFORM_STATES.noToken)
    .uponReceiving('a request without a token')
    .withRequest('GET', '/employees/2')
    .willRespondWith(refusals.unauthorized.status, (response) => response.jsonBody(refusals.unauthorized.body))
    .executeTest(async (mock) => {
      expect((await call(mock.url, '/employees/2')).status).toBe(401);
    });
});

test('an expired token: 401', async () => {
  await pact()
    .addInteraction()
    .given(PLATFORM_STATES.expiredToken)
    .uponReceiving('a request with an expired token')
    .withRequest('GET', '/employees/2', (request) => request.headers(bearer))
    .willRespondWith(refusals.unauthorized.status, (response) => response.jsonBody(refusals.unauthorized.body))
    .executeTest(async (mock) => {
      expect((await call(mock.url, '/employees/2', { headers: { Authorization: 'Bearer expired' } })).status).toBe(401);
    });
});

test('a token for another site: 401', async () => {
  await pact()
    .addInteraction()
    .given(PLATFORM_STATES.otherSite)
    .uponReceiving('a request with a token for another site')
    .withRequest('GET', '/employees/2', (request) => request.headers(bearer))
    .willRespondWith(refusals.unauthorized.status, (response) => response.jsonBody(refusals.unauthorized.body))
    .executeTest(async (mock) => {
      expect((await call(mock.url, '/employees/2', { headers: { Authorization: 'Bearer another-site' } })).status).toBe(401);
    });
});

test("a token without the route's scope: 401 FAILURE_CLIENT_SCOPE_CHECK", async () => {
  await pact()
    .addInteraction()
    .given(PLATFORM_STATES.holdsScopes, { scopes: [READ] })
    .uponReceiving("a request whose token lacks the route's scope")
    .withRequest('POST', '/employees', (request) => request.headers({ ...bearer, ...json }).jsonBody(hire))
    .willRespondWith(refusals.scopeMismatch.status, (response) =>
      response.headers({ 'x-failure-category': refusals.scopeMismatch.failureCategory! }).jsonBody(refusals.scopeMismatch.body),
    )
    .executeTest(async (mock) => {
      const answer = await call(mock.url, '/employees', { method: 'POST', headers: { Authorization: 'Bearer t', ...json }, body: JSON.stringify(hire) });
      expect(answer.headers.get('x-failure-category')).toBe('FAILURE_CLIENT_SCOPE_CHECK');
    });
});

test('a token without the product scope: 401 FAILURE_CLIENT_SCOPE_CHECK', async () => {
  await pact()
    .addInteraction()
    .given(PLATFORM_STATES.holdsScopes, { scopes: [READ], withoutProductScope: true })
    .uponReceiving('a request whose token lacks the product scope')
    .withRequest('GET', '/employees/2', (request) => request.headers(bearer))
    .willRespondWith(refusals.scopeMismatch.status, (response) =>
      response.headers({ 'x-failure-category': refusals.scopeMismatch.failureCategory! }).jsonBody(refusals.scopeMismatch.body),
    )
    .executeTest(async (mock) => {
      expect((await call(mock.url, '/employees/2', { headers: { Authorization: 'Bearer t' } })).status).toBe(401);
    });
});

test('REST APIs off for the site: 403 FAILURE_APP_REST_API_DISABLED', async () => {
  await pact()
    .addInteraction()
    .given(PLATFORM_STATES.holdsScopes, { scopes: [READ] })
    .given(PLATFORM_STATES.restApisDisabled)
    .uponReceiving('a request on a site with REST APIs off')
    .withRequest('GET', '/employees/2', (request) => request.headers(bearer))
    .willRespondWith(refusals.siteDisabled.status, (response) =>
      response.headers({ 'x-failure-category': refusals.siteDisabled.failureCategory! }).jsonBody(refusals.siteDisabled.body),
    )
    .executeTest(async (mock) => {
      expect((await call(mock.url, '/employees/2', { headers: { Authorization: 'Bearer t' } })).status).toBe(403);
    });
});

test('an operation the path does not declare: 405 with Allow', async () => {
  await pact()
    .addInteraction()
    .given(PLATFORM_STATES.holdsScopes, { scopes: [READ, WRITE] })
    .uponReceiving('a PUT on a path that declares GET and POST')
    .withRequest('PUT', '/employees', (request) => request.headers({ ...bearer, ...json }).jsonBody(hire))
    .willRespondWith(refusals.methodNotAllowed.status, (response) => response.headers({ Allow: 'GET, POST' }).jsonBody(refusals.methodNotAllowed.body))
    .executeTest(async (mock) => {
      const answer = await call(mock.url, '/employees', { method: 'PUT', headers: { Authorization: 'Bearer t', ...json }, body: JSON.stringify(hire) });
      expect(answer.headers.get('allow')).toBe('GET, POST');
    });
});

test('a body of a type the route does not accept: 415', async () => {
  await pact()
    .addInteraction()
    .given(PLATFORM_STATES.holdsScopes, { scopes: [WRITE] })
    .uponReceiving('a body that is not JSON')
    .withRequest('POST', '/employees', (request) => request.headers(bearer).body('text/plain', Buffer.from('name=Hedy Lamarr')))
    .willRespondWith(refusals.unsupportedMediaType.status, (response) => response.jsonBody(refusals.unsupportedMediaType.body))
    .executeTest(async (mock) => {
      const answer = await call(mock.url, '/employees', {
        method: 'POST',
        headers: { Authorization: 'Bearer t', 'Content-Type': 'text/plain' },
        body: 'name=Hedy Lamarr',
      });
      expect(answer.status).toBe(415);
    });
});

test(`a body over ${gateway.maxRequestBytes} bytes: 413`, async () => {
  // One byte over the limit, and JSON, so that only its size is wrong.
  const notes = 'x'.repeat(gateway.maxRequestBytes);
  const oversized = JSON.stringify({ ...hire, notes });
  await pact()
    .addInteraction()
    .given(PLATFORM_STATES.holdsScopes, { scopes: [WRITE] })
    .uponReceiving('a body over the size limit')
    .withRequest('POST', '/employees', (request) => request.headers({ ...bearer, ...json }).jsonBody({ ...hire, notes }))
    .willRespondWith(refusals.payloadTooLarge.status, (response) => response.jsonBody(refusals.payloadTooLarge.body))
    .executeTest(async (mock) => {
      const answer = await call(mock.url, '/employees', { method: 'POST', headers: { Authorization: 'Bearer t', ...json }, body: oversized });
      expect(answer.status).toBe(413);
    });
});
