import { expect, test } from '@playwright/test';
import { SAMPLE_APP } from '../../fixtures/apps';
import { callApp } from '../../fixtures/harness';
import { startEcho, type Echo } from '../platform/proxy/echo-upstream';
import { startEmbeddedStack } from '../stack/embedded';
import type { Stack } from '../stack/stack';
import { CATEGORIES, MINIMUM_CORPUS } from './corpus';
import type { HostileContext } from './hostile-case';
import { hostileContext } from './hostile-context';
import { mismatch, sendCorpus } from './send-corpus';

// The platform's own hostile-input campaign (issue 11): every category of the corpus against the
// sample app on the embedded target, loopback only, with a canary server that nothing may reach.
// Each input must get the refusal its case states, none a 5xx of the platform's own; after each
// category a legitimate call must still be served.
let stack: Stack;
let canary: Echo;
let ctx: HostileContext;

test.beforeAll(async () => {
  canary = await startEcho();
  stack = await startEmbeddedStack({ app: SAMPLE_APP });
  ctx = await hostileContext(stack, canary.host);
});

test.afterAll(async () => {
  await stack?.stop();
  await canary?.close();
});

for (const { name, generate } of CATEGORIES) {
  test(`${name}: every input refused as its case states, no 5xx of the platform's own, nothing reaches the canary, a legitimate call still served`, async () => {
    const cases = generate(ctx);
    const answers = await sendCorpus(cases, { ...stack.urls });
    const statuses: Record<number, number> = {};
    for (const answer of answers) if (answer.kind === 'answered') statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
    const histogram = Object.entries(statuses)
      .map(([status, n]) => `${status}×${n}`)
      .join(' ');
    const slowest = Math.max(...answers.map((a) => a.ms));
    console.log(`hostile inputs: ${name.padEnd(20)} ${String(cases.length).padStart(5)}   slowest ${slowest.toFixed(0).padStart(4)} ms   ${histogram}`);
    test.info().annotations.push({ type: 'hostile inputs', description: `${cases.length} (${histogram})` });

    const gotThrough = cases.flatMap((hostileCase, i) => {
      const why = mismatch(hostileCase, answers[i]!, ctx.secrets);
      return why ? [`${hostileCase.name}: ${why}`] : [];
    });
    expect(gotThrough.slice(0, 25), `${gotThrough.length} of ${cases.length} inputs got another answer than their case states`).toEqual([]);
    expect(statuses[500] ?? 0, 'the platform answered with its own 500').toBe(0);
    expect(
      canary.received.map((r) => `${r.method} ${r.url}`),
      'requests that reached the canary',
    ).toEqual([]);

    const legitimate = await callApp(stack, ctx.tenant, '/employees/1', { token: ctx.token });
    expect(legitimate.status, legitimate.text).toBe(200);
    // However the admin plane was asked, the site whose admin left REST APIs off still has them off.
    const disabled = await callApp(stack, ctx.disabledTenant, '/employees/1', { token: ctx.disabledTenantToken });
    expect(disabled.headers.get('x-failure-category')).toBe('FAILURE_APP_REST_API_DISABLED');
  });
}

test(`the corpus holds at least ${MINIMUM_CORPUS} inputs`, () => {
  const total = CATEGORIES.reduce((sum, { generate }) => sum + generate(ctx).length, 0);
  console.log(`hostile inputs: ${'in all'.padEnd(20)} ${String(total).padStart(5)}`);
  expect(total).toBeGreaterThanOrEqual(MINIMUM_CORPUS);
});
