import { expect, test } from '@playwright/test';
import { DatabaseSync } from 'node:sqlite';
import { serve } from '../http/listen';
import { DEFAULT_PROFILE } from '../profile';
import { EventsService } from './events-service';
import { EVENT_LIMITS } from './push-request';

const PUSH_PATH = '/webhook/queue/publish/ctx/env/app/1';
const caller = (invocationId: string) =>
  ({
    invocationId,
    installationId: 'inst-1',
    cloudId: 'cloud-1',
    product: 'jira',
    appId: 'a',
    envId: 'e',
    accountId: undefined,
    routeKey: 'r',
    callerTokenSha256: undefined,
  }) as const;

/**
 * Forge's cyclic invocation limit: one chain of invocations (a handler and the consumers its
 * events run, and theirs) pushes at most 1,000 times. At 500 events a minute it takes over two
 * minutes to reach, so the service's clock moves a minute between pushes here.
 */
test("a chain of invocations pushes at most 1,000 times: the next is 405 INVOCATION_LIMIT_REACHED, @forge/events's InvocationLimitReachedError", async () => {
  let clock = 0;
  const events = new EventsService(DEFAULT_PROFILE, new DatabaseSync(':memory:'), { appUuid: 'u', declared: [], triggers: [] }, () => clock);
  // The proxy's way: a refusal the service throws is the answer (listen.ts).
  const server = await serve('queue', async (request, response) => {
    await events.serve(PUSH_PATH, request, response, caller(request.headers['x-invocation'] as string));
  });
  const push = async (invocationId: string) => {
    clock += 61_000;
    const body = {
      queueName: 'work',
      jobId: 'j',
      type: 'avi:forge:app:event',
      schema: 'ari:cloud:ecosystem::forge/app-event-2',
      payload: [{ body: {}, delayInSeconds: 900 }],
      time: '',
    };
    const response = await fetch(`${server.url}${PUSH_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-invocation': invocationId },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as { code?: string } };
  };
  try {
    for (let i = 0; i < EVENT_LIMITS.cyclicPushLimit; i++) expect((await push('handler')).status).toBe(201);
    expect(await push('handler')).toEqual({ status: 405, body: expect.objectContaining({ code: 'INVOCATION_LIMIT_REACHED' }) });
    // A consumer the chain's events run belongs to the chain; another chain still pushes.
    events.chainOf.set('consumer-of-handler', 'handler');
    expect((await push('consumer-of-handler')).status).toBe(405);
    expect((await push('another-handler')).status).toBe(201);
  } finally {
    await server.stop();
  }
});
