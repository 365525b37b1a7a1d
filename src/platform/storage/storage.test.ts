/**
 * Forge storage through the platform, driven by the unchanged @forge/kvs in a handler: every
 * answer is what the package makes of the storage service's, and one installation never sees
 * another's keys.
 */
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { APPS_DIR, brokenApp, SAMPLE_UPSTREAMS } from '../../../fixtures/apps';
import { forgeConformanceAsync } from '../../../fixtures/cli-run';
import type { StorageEntry } from './storage-log';
import { callApp, expect, memberToken, test } from '../../../fixtures/harness';
import { randomUUID } from 'node:crypto';
import { rawRequest } from '../../../fixtures/raw-request';
import { PROXY_AUTHORIZATION, proxyAuthorization } from '../invocation/wire-names';
import { ProxyClient } from '../proxy/proxy-client';
import { harnessInvocation } from '../../stack/clients/harness-invocation';
import { controlKeyOf } from '../../stack/connect';
import { startEmbeddedStack } from '../../stack/embedded';

const PROBE_APP = join(APPS_DIR, 'kvs-probe');
const SCOPE = 'read:probe:custom';

test.use({ appUnderTest: PROBE_APP });

test('@forge/kvs as it speaks: get, set with key policies, queries with cursors, secrets apart, and every limit with its code', async ({
  stack,
  tenant,
  tokenFor,
}) => {
  const response = await callApp(stack, tenant, '/probe/tour', { token: await tokenFor([SCOPE]) });
  expect(response.status, response.text).toBe(200);
  expect(response.json()).toEqual({
    missing: { result: null },
    set: { result: null },
    setAgain: { result: null },
    failIfExists: { error: 'KEY_ALREADY_EXISTS' },
    previous: { result: { key: 'greeting:fr', value: { text: 'bonjour' } } },
    get: { result: { text: 'salut' } },
    // The secret is never listed; pages of one, in key order, each with a cursor while more follow.
    pages: [
      { keys: ['greeting:en'], more: true },
      { keys: ['greeting:fr'], more: false },
    ],
    secret: { result: 'not in queries' },
    keyTooLong: { error: 'KEY_TOO_LONG' },
    invalidKey: { error: 'INVALID_KEY' },
    tooDeep: { error: 'MAX_DEPTH' },
    tooBig: { error: 'MAX_SIZE' },
    queryLimit: { error: 'LIST_QUERY_LIMIT_EXCEEDED' },
    deleted: { result: null },
  });
});

test('the legacy storage API (@forge/storage) as it speaks GraphQL, on the same store as @forge/kvs', async ({ stack, tenant, tokenFor }) => {
  const response = await callApp(stack, tenant, '/probe/legacy', { token: await tokenFor([SCOPE]) });
  expect(response.status, response.text).toBe(200);
  expect(response.json()).toEqual({
    set: { result: null },
    get: { result: { n: 1 } },
    missing: { result: null },
    kvsReads: { result: { n: 1 } },
    legacyReads: { result: [3] },
    page: { keys: ['legacy:a', 'legacy:b'], cursor: 'string' },
    rest: ['legacy:c'],
    secret: { result: 's' },
    secretListed: 0,
    invalidKey: { error: 'The provided key does not match the regex: /^(?!\\s+$)[a-zA-Z0-9:._\\s-#]+$/' },
    deleted: { result: null },
  });
});

test('custom entities as @forge/kvs sends them: values checked against the manifest, indexes with partitions and ranges, filters, sort, pages, transactions with conditions', async ({
  stack,
  tenant,
  tokenFor,
}) => {
  const response = await callApp(stack, tenant, '/probe/entities', { token: await tokenFor([SCOPE]) });
  expect(response.status, response.text).toBe(200);
  const { undeclaredEntity, undeclaredIndex, conditionFailed } = stack.profile.storage;
  expect(response.json()).toEqual({
    get: { result: { employee: 'ann', week: 2, hours: 40, approved: false, note: { sick: 1 } } },
    wrongType: { error: 'INVALID_ENTITY_VALUE' },
    undeclaredAttribute: { error: 'INVALID_ENTITY_VALUE' },
    undeclaredEntity: { error: undeclaredEntity.code },
    between: ['ann-1', 'ann-2'],
    // Newest week first, two a page, a cursor while more follow.
    pages: [['ann-3', 'ann-2'], ['ann-1'], null],
    byWeek: ['ann-2', 'bob-2'],
    approved: ['ann-1', 'bob-2'],
    either: ['ann-2', 'ann-3'],
    undeclaredIndex: { error: undeclaredIndex.code },
    pageLimit: { error: 'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE' },
    committed: { result: null },
    refused: { error: conditionFailed.code },
    stillThere: true,
    batch: { ok: ['bob-2'], failed: ['none:KEY_NOT_FOUND'] },
    keySpace: { result: null },
  });
});

test('batches as @forge/kvs sends them: each item answered on its own, failures with the code a single call would get', async ({ stack, tenant, tokenFor }) => {
  const response = await callApp(stack, tenant, '/probe/batch', { token: await tokenFor([SCOPE]) });
  expect(response.status, response.text).toBe(200);
  expect(response.json()).toEqual({
    set: { ok: ['batch:1', 'batch:2'], failed: ['kkkkkkkk:KEY_TOO_LONG', `batch:e:${stack.profile.storage.undeclaredEntity.code}`] },
    get: { ok: [['batch:2', { two: 2 }]], failed: ['batch:no:KEY_NOT_FOUND'] },
    deleted: ['batch:1', 'batch:2'],
    after: { result: null },
  });
});

test('transactions as @forge/kvs sends them: all or nothing, at most 25 operations', async ({ stack, tenant, tokenFor }) => {
  const response = await callApp(stack, tenant, '/probe/transaction', { token: await tokenFor([SCOPE]) });
  expect(response.status, response.text).toBe(200);
  expect(response.json()).toEqual({
    applied: { result: null },
    after: [null, 1, { two: 2 }],
    refused: { error: 'INVALID_KEY' },
    notWritten: null,
    tooMany: { error: 'BAD_REQUEST' },
  });
});

test("each installation has its own store: what one site's installation writes, another's never reads", async ({ stack, tenant, tokenFor }) => {
  const other = await stack.admin.createTenant();
  const write = await callApp(stack, tenant, '/probe/write', { token: await tokenFor([SCOPE]) });
  expect(write.json()).toEqual({ result: null });
  expect((await callApp(stack, tenant, '/probe/read', { token: await tokenFor([SCOPE]) })).json()).toEqual({ result: { text: 'hello' } });
  expect((await callApp(stack, other, '/probe/read', { token: await tokenFor([SCOPE], other) })).json()).toEqual({ result: null });
});

test('an app whose manifest lacks storage:app is refused as the profile says, and @forge/kvs throws its code', async () => {
  await using stack = await startEmbeddedStack({ app: brokenApp('broken-no-storage-scope') });
  const tenant = await stack.admin.createTenant();
  const answer = await callApp(stack, tenant, '/probe/write', { token: await memberToken(stack, tenant, [SCOPE]) });
  expect(answer.json()).toEqual({ error: stack.profile.storage.scopeMissing.code });
});

test("a container's Forge KVS API reaches the same store; no storage call can walk to the service's control routes, nor to any path but an operation", async ({
  stack,
  tenant,
}) => {
  // A live invocation of the probe, registered with the proxy as the gateway registers one it runs.
  const proxy = new ProxyClient(stack.urls.proxy, controlKeyOf(stack));
  const invocationId = randomUUID();
  await proxy.startInvocation(harnessInvocation(stack, tenant, invocationId, { routeKey: 'storage-probe' }));
  const headers = { [PROXY_AUTHORIZATION]: proxyAuthorization(invocationId), 'content-type': 'application/json' };
  for (const path of [
    '/platform/kvs/../_observe/keys?installation=x',
    '/platform/kvs/%2e%2e/_observe/keys',
    '/platform/entities/../kvs/api/v1/get',
    '/platform/kvs/api/v1/get/../../../../_observe/keys',
    '/platform/kvs/other',
    '/forge/storage/kvs/v1/../../../_observe/keys',
    '/forge/storage/kvs/other',
  ]) {
    const response = await rawRequest(stack.urls.proxy, path, headers, 'POST');
    expect(response.status, path).toBe(400);
    expect(response.body, path).toContain('is no storage operation');
  }
  // A container service's Forge KVS API is the same store, under the documented path.
  const set = await rawRequest(stack.urls.proxy, '/forge/storage/kvs/v1/set', headers, 'POST', '{"key":"from-a-container","value":{"ok":true}}');
  expect(set.status).toBe(204);
  const read = await rawRequest(stack.urls.proxy, '/forge/storage/kvs/v1/get', headers, 'POST', '{"key":"from-a-container"}');
  expect(JSON.parse(read.body)).toMatchObject({ key: 'from-a-container', value: { ok: true } });
  // A transaction over 4 MB is the store's MAX_SIZE, not a transport refusal; a cursor no query made is refused by either API.
  const big = { set: Array.from({ length: 25 }, (_, i) => ({ key: `big:${i}`, value: 'x'.repeat(170 * 1024) })) };
  const tooBig = await rawRequest(stack.urls.proxy, '/forge/storage/kvs/v1/transaction', headers, 'POST', JSON.stringify(big));
  expect(JSON.parse(tooBig.body)).toMatchObject({ code: 'MAX_SIZE' });
  const badCursor = await rawRequest(stack.urls.proxy, '/forge/storage/kvs/v1/query', headers, 'POST', '{"after":"not a cursor!"}');
  expect(JSON.parse(badCursor.body)).toMatchObject({ code: 'BAD_REQUEST' });
  const legacyQuery = JSON.stringify({
    query: 'query ($cursor: String) { appStoredEntities(after: $cursor) { edges { cursor } } }',
    variables: { cursor: 'not a cursor!' },
  });
  const legacyBadCursor = await rawRequest(stack.urls.proxy, '/platform/entities/graphql', headers, 'POST', legacyQuery);
  expect(JSON.parse(legacyBadCursor.body)).toMatchObject({ errors: [{ extensions: { errorType: 'BAD_REQUEST' } }] });
  // The same invocation reaches a real operation.
  const get = await rawRequest(stack.urls.proxy, '/platform/kvs/api/v1/get', headers, 'POST', '{"key":"nothing"}');
  expect(get.status).toBe(404);
  expect(JSON.parse(get.body)).toMatchObject({ code: 'KEY_NOT_FOUND' });
  await proxy.finishInvocation(invocationId);
});

test('a run keeps every storage call as evidence, keys and sizes but never a value, and the certificate names the service', async () => {
  test.setTimeout(120_000);
  const run = await forgeConformanceAsync({}, 'run', PROBE_APP, '--upstreams', SAMPLE_UPSTREAMS, '--out', test.info().outputPath('reports'));
  expect(run.code, run.output.slice(-2000)).toBe(0);
  expect(run.summary!.verdict).toBe('conformant');
  const storage = JSON.parse(readFileSync(join(run.runDir!, 'storage.json'), 'utf8')) as StorageEntry[];
  const calls = JSON.parse(readFileSync(join(run.runDir!, 'calls.json'), 'utf8')) as { invocation?: { invocationId: string } }[];
  const invocations = new Set(calls.flatMap((c) => (c.invocation ? [c.invocation.invocationId] : [])));
  expect(storage.length).toBeGreaterThan(20);
  expect(
    storage.every((e) => e.invocationId !== undefined && invocations.has(e.invocationId)),
    'each call belongs to an invocation of the run',
  ).toBe(true);
  expect(storage).toContainEqual(expect.objectContaining({ api: 'kvs', operation: 'secret/set', key: 'greeting:secret', status: 204 }));
  expect(storage).toContainEqual(expect.objectContaining({ api: 'kvs', operation: 'set', code: 'KEY_TOO_LONG', status: 400 }));
  expect(storage).toContainEqual(expect.objectContaining({ api: 'legacy', operation: 'appStorage.setAppStoredEntity', key: 'legacy:a', status: 200 }));
  expect(run.summary!.platformServices).toEqual([{ service: 'storage', apis: ['kvs', 'legacy'], calls: storage.length, refused: expect.any(Number) }]);
  expect(readFileSync(join(run.runDir!, 'certificate.md'), 'utf8')).toMatch(
    /\| Platform services the handlers used \| storage \(kvs, legacy\): \d+ calls, \d+ refused \|/,
  );
  // The secret the probe stores is in no file of the run.
  for (const file of ['storage.json', 'summary.json', 'certificate.md', 'traffic.json', 'calls.json'])
    expect(readFileSync(join(run.runDir!, file), 'utf8'), file).not.toContain('not in queries');
});

test('custom entities through the legacy storage API (@forge/storage), on the same items as @forge/kvs: get, set, delete, index queries with partition, range, filter, sort and pages, and its refusals', async ({
  stack,
  tenant,
  tokenFor,
}) => {
  const response = await callApp(stack, tenant, '/probe/legacy-entities', { token: await tokenFor([SCOPE]) });
  expect(response.status, response.text).toBe(200);
  expect(response.json()).toEqual({
    get: { result: { employee: 'ann', week: 2, hours: 8, approved: false } },
    missing: { result: null },
    kvsReads: { result: { employee: 'ann', week: 3, hours: 8, approved: true } },
    first: { keys: ['ann-3'], cursor: 'string' },
    next: ['ann-2'],
    approved: ['ann-1', 'bob-1', 'ann-3'],
    // The package's own errors: a query's GraphQL error with its code, a mutation's message.
    undeclaredIndex: { error: 'INVALID_ENTITY_INDEX: The entity timesheet has no index by-hours in the manifest.' },
    undeclaredEntity: { error: "The entity expense is not declared in the manifest's app.storage.entities." },
    wrongType: { error: 'timesheet.week must be of type integer.' },
    deleted: { result: null },
  });
});
