import { join } from 'node:path';
import { APPS_DIR } from '../../../fixtures/apps';
import { callApp, expect, test } from '../../../fixtures/harness';

test.use({ appUnderTest: join(APPS_DIR, 'faulty-handlers'), profileOverrides: { gateway: { invocationTimeoutMs: 1500 } } });
// One stack for the file: a fault in one call must not leak into the next.
test.describe.configure({ mode: 'serial' });

const SCOPE = ['read:fault:custom'];

for (const [fault, path, status, outcome, reason] of [
  ['throws', '/throws', 500, 'threw', /the handler threw: the handler failed on purpose/],
  ['returns no statusCode', '/nostatus', 500, 'bad-result', /statusCode is missing/],
  ['returns a body that is not a string', '/bodyobject', 500, 'bad-result', /body is a object, not a string/],
  ['never settles', '/hangs', 504, 'timed-out', /ran past 1500 ms/],
  ['blocks its process', '/spins', 504, 'timed-out', /ran past 1500 ms/],
  ['calls process.exit', '/exits', 500, 'crashed', /exited \(code 3\)/],
] as const) {
  test(`a handler that ${fault} costs that call a ${status}, and the next call succeeds`, async ({ stack, tenant, tokenFor }) => {
    const token = await tokenFor(SCOPE);
    const failed = await callApp(stack, tenant, path, { token });
    expect(failed.status).toBe(status);
    const body = failed.json() as { code: number; message: string; traceId: string };
    expect(body).toEqual({
      ...stack.profile.refusals[status === 504 ? 'invocationTimedOut' : 'invocationFailed'].body,
      traceId: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(failed.headers.get('atl-traceid')).toBe(body.traceId);
    const observed = await failed.observation();
    expect(observed.invocation?.outcome).toBe(outcome);
    expect(observed.reason).toMatch(reason);

    const next = await callApp(stack, tenant, '/ok', { token });
    expect(next.status).toBe(200);
    expect(next.json()).toEqual({ ok: true });
  });
}
