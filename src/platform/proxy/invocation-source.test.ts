import { callApp, expect, test } from '../../../fixtures/harness';
import { CONTROL_KEY_HEADER } from '../http/control-key';
import { PROXY_AUTHORIZATION } from '../invocation/wire-names';
import { controlKeyOf } from '../../stack/connect';

// The proxy learns of the gateway's invocations by asking the gateway (invocation-source.ts):
// the gateway tells no one while a call runs, and the proxy still refuses what it must.
const READ = 'read:employee:custom';
const SYNC = '/proxy/api.payroll.example.com/v1/sync';

test('an invocation that has returned cannot be acted for: the proxy asks the gateway, which says it finished', async ({ stack, tenant, tokenFor }) => {
  const call = await callApp(stack, tenant, '/employees/1', { token: await tokenFor([READ]) });
  expect(call.status).toBe(200);
  const { invocationId } = (await call.observation()).invocation!;
  const late = await fetch(`${stack.urls.proxy}${SYNC}`, { headers: { [PROXY_AUTHORIZATION]: `Forge as=app,id=${invocationId}` } });
  expect(late.status).toBe(403);
  expect(late.headers.get('forge-proxy-error')).toBe('INVALID_INVOCATION');
  expect(await late.text()).toContain(`invocation ${invocationId} has finished`);
  const unknown = await fetch(`${stack.urls.proxy}${SYNC}`, { headers: { [PROXY_AUTHORIZATION]: 'Forge as=app,id=no-such-invocation' } });
  expect(await unknown.text()).toContain('no invocation no-such-invocation');
});

test('an invocation that egressed, which the proxy then keeps, is finished at the proxy before its call is answered', async ({ stack, tenant, tokenFor }) => {
  const call = await callApp(stack, tenant, '/payroll/employees/2/payslips?period=2026-10', { token: await tokenFor(['read:payroll:custom', READ]) });
  expect(call.status).toBe(200);
  const { invocationId } = (await call.observation()).invocation!;
  expect(await stack.observations.traffic(invocationId), 'the handler egressed through the proxy during its invocation').not.toEqual([]);
  const late = await fetch(`${stack.urls.proxy}${SYNC}`, { headers: { [PROXY_AUTHORIZATION]: `Forge as=app,id=${invocationId}` } });
  expect(late.headers.get('forge-proxy-error')).toBe('INVALID_INVOCATION');
  expect(await late.text()).toContain(`invocation ${invocationId} has finished`);
});

test("the gateway's invocations answer only to the stack's control key", async ({ stack }) => {
  for (const path of ['/_internal/invocations/x', '/_internal/invocations?installationId=x']) {
    expect((await fetch(`${stack.urls.gateway}${path}`)).status, path).toBe(403);
    expect((await fetch(`${stack.urls.gateway}${path}`, { headers: { [CONTROL_KEY_HEADER]: 'a-guess' } })).status, path).toBe(403);
    expect((await fetch(`${stack.urls.gateway}${path}`, { headers: { [CONTROL_KEY_HEADER]: controlKeyOf(stack) } })).status, path).toBe(404);
  }
});
