import { join } from 'node:path';
import { MatchersV3 } from '@pact-foundation/pact';
import { expect, test } from '@playwright/test';
import { HrPortalClient, HrPortalError } from '../../fixtures/consumers/hr-portal/client';
import { pactWrittenTo } from '../pact-writer';

// The HR portal's contract with the employee-directory app. Paths are app-relative (what follows
// /apps/<appId>_<envId>): the verifier puts the gateway prefix of each interaction's own site in
// front. The provider states are the platform's vocabulary (docs/consumers.md).
const { eachLike, like, regex, string } = MatchersV3;
const bearer = { Authorization: regex(/^Bearer \S+$/, 'Bearer a-3lo-token') };
const READ = 'read:employee:custom';
const WRITE = 'write:employee:custom';

const pact = pactWrittenTo(join(import.meta.dirname, '../pacts'), { consumer: 'hr-portal', provider: 'employee-directory' });

// What the portal relies on in every record (managerId may be null, so it is not promised in lists).
const record = { id: string('2'), name: string('Grace Hopper'), title: string('Staff Engineer'), department: string('Engineering') };
const employee = { ...record, managerId: like('1') };

test('lists the employees of a department', async () => {
  await pact()
    .addInteraction()
    .given('the caller holds scopes', { scopes: [READ] })
    .uponReceiving('a request for the engineering department')
    .withRequest('GET', '/employees', (request) => request.query({ department: 'Engineering' }).headers(bearer))
    .willRespondWith(200, (response) => response.jsonBody({ employees: eachLike(record) }))
    .executeTest(async (server) => {
      const employees = await new HrPortalClient(server.url, 'a-3lo-token').list('Engineering');
      expect(employees[0]).toMatchObject({ name: 'Grace Hopper', department: 'Engineering' });
    });
});

test('reads one employee', async () => {
  await pact()
    .addInteraction()
    .given('the caller holds scopes', { scopes: [READ] })
    .uponReceiving('a request for employee 2')
    .withRequest('GET', '/employees/2', (request) => request.headers(bearer))
    .willRespondWith(200, (response) => response.jsonBody(employee))
    .executeTest(async (server) => {
      expect((await new HrPortalClient(server.url, 'a-3lo-token').get('2')).name).toBe('Grace Hopper');
    });
});

// "employee 4 is a new hire" is the app's own state (its conformance.yaml `states:`), set up on the interaction's site before it.
test('reads a new hire', async () => {
  await pact()
    .addInteraction()
    .given('the caller holds scopes', { scopes: [READ] })
    .given('employee 4 is a new hire')
    .uponReceiving('a request for a new hire')
    .withRequest('GET', '/employees/4', (request) => request.headers(bearer))
    .willRespondWith(200, (response) =>
      response.jsonBody({ ...employee, id: string('4'), name: string('Hedy Lamarr'), title: string('Inventor'), managerId: null }),
    )
    .executeTest(async (server) => {
      expect(await new HrPortalClient(server.url, 'a-3lo-token').get('4')).toMatchObject({ name: 'Hedy Lamarr', managerId: null });
    });
});

test('hires an employee', async () => {
  await pact()
    .addInteraction()
    .given('the caller holds scopes', { scopes: [WRITE] })
    .uponReceiving('a request to hire Hedy Lamarr')
    .withRequest('POST', '/employees', (request) =>
      request.headers({ ...bearer, 'Content-Type': 'application/json' }).jsonBody({ name: 'Hedy Lamarr', title: 'Inventor', department: 'Engineering' }),
    )
    .willRespondWith(201, (response) =>
      response.jsonBody({ ...employee, id: string('4'), name: string('Hedy Lamarr'), title: string('Inventor'), managerId: null }),
    )
    .executeTest(async (server) => {
      const hired = await new HrPortalClient(server.url, 'a-3lo-token').hire({ name: 'Hedy Lamarr', title: 'Inventor', department: 'Engineering' });
      expect(hired.name).toBe('Hedy Lamarr');
    });
});

test('lets an employee go', async () => {
  await pact()
    .addInteraction()
    .given('the caller holds scopes', { scopes: ['delete:employee:custom'] })
    .uponReceiving('a request to let employee 3 go')
    .withRequest('DELETE', '/employees/3', (request) => request.headers(bearer))
    .willRespondWith(204)
    .executeTest(async (server) => {
      await new HrPortalClient(server.url, 'a-3lo-token').letGo('3');
    });
});

test('an unknown employee is not found', async () => {
  await pact()
    .addInteraction()
    .given('the caller holds scopes', { scopes: [READ] })
    .uponReceiving('a request for an employee who does not exist')
    .withRequest('GET', '/employees/999', (request) => request.headers(bearer))
    .willRespondWith(404)
    .executeTest(async (server) => {
      await expect(new HrPortalClient(server.url, 'a-3lo-token').get('999')).rejects.toMatchObject({ failure: 'not-found' });
    });
});

test('a token without the write scope cannot hire', async () => {
  await pact()
    .addInteraction()
    .given('the caller holds scopes', { scopes: [READ] })
    .uponReceiving('a request to hire with a read-only token')
    .withRequest('POST', '/employees', (request) =>
      request.headers({ ...bearer, 'Content-Type': 'application/json' }).jsonBody({ name: 'Hedy Lamarr', title: 'Inventor', department: 'Engineering' }),
    )
    .willRespondWith(401, (response) => response.headers({ 'x-failure-category': 'FAILURE_CLIENT_SCOPE_CHECK' }))
    .executeTest(async (server) => {
      const hiring = new HrPortalClient(server.url, 'a-3lo-token').hire({ name: 'Hedy Lamarr', title: 'Inventor', department: 'Engineering' });
      await expect(hiring).rejects.toMatchObject({ failure: 'not-allowed' });
    });
});

test("a site whose admin switched the app's REST APIs off refuses every call", async () => {
  await pact()
    .addInteraction()
    .given('the caller holds scopes', { scopes: [READ] })
    .given('REST APIs are disabled for the site')
    .uponReceiving('a request on a site with REST APIs off')
    .withRequest('GET', '/employees/2', (request) => request.headers(bearer))
    .willRespondWith(403, (response) => response.headers({ 'x-failure-category': 'FAILURE_APP_REST_API_DISABLED' }))
    .executeTest(async (server) => {
      await expect(new HrPortalClient(server.url, 'a-3lo-token').get('2')).rejects.toMatchObject({ failure: 'apis-switched-off' });
    });
});

test('without a token the caller must sign in', async () => {
  await pact()
    .addInteraction()
    .given('the caller sends no token')
    .uponReceiving('a request without a token')
    .withRequest('GET', '/employees')
    .willRespondWith(401)
    .executeTest(async (server) => {
      const error = await new HrPortalClient(server.url, undefined).list().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HrPortalError);
      expect(error).toMatchObject({ failure: 'sign-in-again' });
    });
});
