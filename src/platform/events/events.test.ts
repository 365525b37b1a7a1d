/**
 * Async events through the platform, driven by the unchanged @forge/events in a handler and
 * consumed by the app's own consumers: what each consumer is given, retries, limits, stats and
 * cancel, and one installation's events never run for another.
 */
import { join } from 'node:path';
import { APPS_DIR } from '../../../fixtures/apps';
import { callApp, expect, test } from '../../../fixtures/harness';
import type { Stack } from '../../stack/stack';
import type { Tenant } from '../../stack/clients/admin-client';
import { eventOutcomes } from '../../report/event-outcomes';
import { loadApp } from '../../app/load-app';
import type { EventEntry } from './event-log';

const PROBE_APP = join(APPS_DIR, 'queue-probe');
const SCOPE = 'read:probe:custom';

test.use({ appUnderTest: PROBE_APP });

/** Calls a probe and reads its JSON answer. */
async function probe(stack: Stack, tenant: Tenant, token: string, action: string, tag = 'x') {
  const response = await callApp(stack, tenant, `/probe/${action}?tag=${encodeURIComponent(tag)}`, { token });
  expect(response.status, response.text).toBe(200);
  return response.json() as Record<string, unknown>;
}

test('a pushed event reaches its function consumer as an AsyncEvent, in the background, for the installation that pushed it', async ({
  stack,
  tenant,
  tokenFor,
}) => {
  const token = await tokenFor([SCOPE]);
  const { jobId } = (await probe(stack, tenant, token, 'push', 'job')) as { jobId: string };
  expect(await stack.observations.settleEvents(10_000)).toBe(0);
  for (const n of [1, 2]) {
    expect(await probe(stack, tenant, token, 'read', `job:${n}`)).toEqual({
      result: {
        body: { record: `job:${n}`, n },
        queueName: 'work',
        jobId,
        eventId: 'string',
        retryContext: null,
        moduleKey: 'work-consumer',
        installContext: 'string',
        // A consumer runs for no user.
        principal: null,
      },
    });
  }
  // Another site's installation never saw the events, nor what their consumer stored.
  const other = await stack.admin.createTenant();
  expect(await probe(stack, other, await tokenFor([SCOPE], other), 'read', 'job:1')).toEqual({ result: null });
  // Each delivery is an invocation of its own, logged with the push that made it.
  const log = (await stack.observations.events()).filter((e) => e.jobId === jobId);
  expect(log.filter((e) => e.operation === 'push')).toEqual([
    expect.objectContaining({ queue: 'work', events: 2, status: 201, installationId: tenant.installation.id }),
  ]);
  const deliveries = log.filter((e) => e.operation === 'deliver');
  expect(deliveries).toHaveLength(2);
  expect(deliveries.every((d) => d.outcome === 'succeeded' && d.attempt === 1 && d.consumer === 'work-consumer')).toBe(true);
  expect(new Set(deliveries.map((d) => d.invocationId)).size).toBe(2);
});

test("a resolver consumer is called through @forge/resolver's definitions: the method named in the manifest, the event body as its payload", async ({
  stack,
  tenant,
  tokenFor,
}) => {
  const token = await tokenFor([SCOPE]);
  const { jobId } = (await probe(stack, tenant, token, 'resolver', 'res')) as { jobId: string };
  expect(await stack.observations.settleEvents(10_000)).toBe(0);
  expect(await probe(stack, tenant, token, 'read', 'res:r')).toEqual({ result: { payload: { record: 'res:r' }, jobId } });
});

test('an InvocationError is retried after its retryAfter, with its retryContext; a consumer that always throws is given up on after the retries', async ({
  stack,
  tenant,
  tokenFor,
}) => {
  const token = await tokenFor([SCOPE]);
  const flaky = (await probe(stack, tenant, token, 'flaky', 'fl')) as { jobId: string };
  const doomed = (await probe(stack, tenant, token, 'doomed', 'dm')) as { jobId: string };
  expect(await stack.observations.settleEvents(20_000)).toBe(0);
  expect(await probe(stack, tenant, token, 'read', 'fl:f')).toEqual({
    result: { retryContext: { retryCount: 1, retryReason: 'FUNCTION_RETRY_REQUEST', retryData: { seen: 1 } } },
  });
  const log = await stack.observations.events();
  const outcomes = (jobId: string) => log.filter((e) => e.jobId === jobId && e.operation === 'deliver').map((e) => `${e.attempt}:${e.outcome}`);
  expect(outcomes(flaky.jobId)).toEqual(['1:retry', '2:succeeded']);
  const { maxRetries } = stack.profile.events;
  expect(outcomes(doomed.jobId)).toEqual([...Array.from({ length: maxRetries }, (_, i) => `${i + 1}:retry`), `${maxRetries + 1}:failed`]);
  const last = log.filter((e) => e.jobId === doomed.jobId).at(-1)!;
  expect(last.error).toContain('the doomed consumer always throws');
});

test('an InvocationError whose retryData is over 4 KB is not retried: the event fails with the reason', async ({ stack, tenant, tokenFor }) => {
  const { jobId } = (await probe(stack, tenant, await tokenFor([SCOPE]), 'big-retry', 'br')) as { jobId: string };
  expect(await stack.observations.settleEvents(10_000)).toBe(0);
  const deliveries = (await stack.observations.events()).filter((e) => e.jobId === jobId && e.operation === 'deliver');
  expect(deliveries.map((e) => `${e.attempt}:${e.outcome}`)).toEqual(['1:failed']);
  expect(deliveries[0]!.error).toContain('retryData is over 4 KB');
});

test("a job's stats count its events; cancel stops those not yet delivered; an unknown job is the package's JobDoesNotExistError", async ({
  stack,
  tenant,
  tokenFor,
}) => {
  const answer = await probe(stack, tenant, await tokenFor([SCOPE]), 'jobs', 'late');
  expect(answer).toEqual({
    before: { success: 0, inProgress: 1, failed: 0 },
    after: { success: 0, inProgress: 0, failed: 0 },
    unknown: { error: 'JobDoesNotExistError: The job no-such-job was not found for the queue work.' },
    cancelUnknown: { error: 'JobDoesNotExistError: The job no-such-job was not found for the queue work.' },
  });
});

test("an installation pushes at most 500 events a minute: the next push is the package's RateLimitError, and another installation's pushes still go", async ({
  stack,
  tenant,
  tokenFor,
}) => {
  const answer = (await probe(stack, tenant, await tokenFor([SCOPE]), 'rate')) as { over: { error?: string } };
  expect(answer.over.error).toMatch(/^RateLimitError: /);
  const other = await stack.admin.createTenant();
  expect(await probe(stack, other, await tokenFor([SCOPE], other), 'jobs')).toMatchObject({ before: { inProgress: 1 } });
});

test('the queue checks every push again, whatever sent it: the documented limits, each refused as @forge/events reads it', async ({
  stack,
  tenant,
  tokenFor,
}) => {
  const answer = await probe(stack, tenant, await tokenFor([SCOPE]), 'limits');
  expect(answer).toMatchObject({
    tooMany: { status: 400, body: { code: 'TOO_MANY_EVENTS' } },
    none: { status: 400, body: { code: 'NO_EVENTS' } },
    bodyNotObject: { status: 400, body: { code: 'INVALID_EVENT' } },
    delay: { status: 400, body: { code: 'INVALID_PUSH_SETTINGS' } },
    tooBig: { status: 413, body: { errorMessage: 'The maximum payload size is 200KB.' } },
    badName: { status: 400, body: { code: 'INVALID_QUEUE_NAME' } },
    concurrency: { status: 400, body: { code: 'INVALID_PUSH_SETTINGS' } },
    packageTooMany: { error: 'TooManyEventsError: This push contains more than the 50 events allowed.' },
  });
});

test('an event on a queue no consumer listens on fails with that reason, and the run judges each queue from the log', async ({ stack, tenant, tokenFor }) => {
  const token = await tokenFor([SCOPE]);
  const { jobId } = (await probe(stack, tenant, token, 'nobody', 'nb')) as { jobId: string };
  expect(await stack.observations.settleEvents(10_000)).toBe(0);
  const log = (await stack.observations.events()).filter((e) => e.jobId === jobId);
  expect(log.at(-1)).toMatchObject({ operation: 'deliver', outcome: 'failed', error: 'no consumer module listens on queue nobody-listens' });

  const entry = (fields: Partial<EventEntry>): EventEntry => ({
    at: '',
    installationId: 'i',
    invocationId: undefined,
    operation: 'push',
    queue: 'q',
    jobId: 'j',
    requestBytes: 0,
    ...fields,
  });
  const consumers = [{ key: 'q-consumer', queue: 'q', target: { kind: 'function' as const, functionKey: 'f' } }];
  const judged = (log: EventEntry[]) => eventOutcomes(consumers, log).map((o) => `${o.outcome}: ${o.message}`);
  expect(judged([])).toEqual([expect.stringMatching(/^no-evidence: no call of the run pushed an event to queue q/)]);
  expect(judged([entry({ events: 1, status: 201 }), entry({ operation: 'deliver', outcome: 'succeeded', attempt: 1 })])).toEqual([
    'pass: 1 events delivered and handled',
  ]);
  expect(judged([entry({ events: 1, status: 201 })]), 'pushed, then cancelled: no consumer was seen to run').toEqual([
    expect.stringMatching(/^no-evidence: the 1 events pushed to queue q were cancelled/),
  ]);
  expect(
    judged([
      entry({ events: 2, status: 201 }),
      entry({ operation: 'deliver', outcome: 'failed', attempt: 5, eventId: 'e', error: 'boom' }),
      entry({ operation: 'unsettled', events: 1 }),
    ]),
  ).toEqual([
    'fail: 1 of 2 events failed every delivery (event e, delivery 5: boom); 1 events were still undelivered when the run stopped waiting for the queue',
  ]);
});

test("appEvents.publish reaches the app's own trigger of the event, in the background, for the publishing installation; an undeclared key is a failed event", async ({
  stack,
  tenant,
  tokenFor,
}) => {
  const token = await tokenFor([SCOPE]);
  const eventType = 'avi:cloud:ecosystem::event/00000000-0000-4000-8000-0000000000a2/report-ready';
  // The package's own result: the declared event published, the other one failed.
  expect(await probe(stack, tenant, token, 'app-event')).toEqual({
    type: 'success',
    failedEvents: [{ event: { key: 'never-declared' }, errorMessage: 'the app declares no event module never-declared' }],
  });
  expect(await stack.observations.settleEvents(10_000)).toBe(0);
  expect(await probe(stack, tenant, token, 'read', 'app-event')).toEqual({
    result: { event: { eventType }, moduleKey: 'report-trigger', principal: null, deliveries: 1 },
  });
  // Another installation published nothing and its trigger never ran.
  const other = await stack.admin.createTenant();
  expect(await probe(stack, other, await tokenFor([SCOPE], other), 'read', 'app-event')).toEqual({ result: null });

  const log = (await stack.observations.events()).filter((e) => e.installationId === tenant.installation.id && e.queue === 'app-event:report-trigger');
  expect(log.map((e) => [e.operation, e.outcome ?? e.status])).toEqual([
    ['push', 201],
    ['deliver', 'succeeded'],
  ]);
  const outcome = eventOutcomes(loadApp(PROBE_APP).appEventTriggers, log);
  expect(outcome.map((o) => [o.case, o.outcome, o.message])).toEqual([
    ['EVENTS-CONSUMER-01 trigger report-trigger (app events report-ready)', 'pass', '1 events delivered and handled'],
  ]);

  // The package checks nothing before it sends: the platform refuses a call over 10 events or with a key no module can have.
  expect(await probe(stack, tenant, token, 'app-event-limits')).toEqual({
    tooMany: { type: 'error', errorType: 'VALIDATION_ERROR', errorMessage: 'at most 10 events can be published at once, not 11' },
    badKey: { type: 'error', errorType: 'VALIDATION_ERROR', errorMessage: "events[0].key must be an event module's key (letters, digits, _ and -)" },
  });
});

test("an endpoint consumer's events go to its container service's route, which acts for the delivery's invocation; a refusal is retried, then given up on", async ({
  stack,
  tenant,
  tokenFor,
}) => {
  const token = await tokenFor([SCOPE]);
  const { jobId } = (await probe(stack, tenant, token, 'sink', 'sk')) as { jobId: string };
  expect(await stack.observations.settleEvents(20_000)).toBe(0);
  // The service got the event as a function consumer would, and its own calls (context, storage) were the delivery's.
  expect(await probe(stack, tenant, token, 'read', 'sk:s')).toEqual({
    result: {
      event: { body: { record: 'sk:s' }, queueName: 'sink', jobId, eventId: expect.any(String) },
      module: { key: 'sink-consumer', type: 'core:consumer' },
      invocationHeader: 'string',
    },
  });
  const deliveries = (await stack.observations.events()).filter((e) => e.jobId === jobId && e.operation === 'deliver');
  const { maxRetries } = stack.profile.events;
  const failing = deliveries.filter((d) => d.outcome !== 'succeeded');
  expect(failing.map((d) => d.outcome)).toEqual([...Array.from({ length: maxRetries }, () => 'retry'), 'failed']);
  expect(failing.at(-1)!.error).toContain('endpoint sink-endpoint answered 500');
  // The stored one, and the one answered with a megabyte shaped as an InvocationError: its answer is read no further
  // than 64 KB, so it is handled (read whole, it would be retried until given up on).
  expect(deliveries.filter((d) => d.outcome === 'succeeded')).toHaveLength(2);
});
