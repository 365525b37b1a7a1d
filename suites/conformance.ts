import { SAMPLE_APP } from '../fixtures/apps';
import { callApp, expect, test, type CallResult } from '../fixtures/harness';
import { loadConformanceFile, loadWaivers, type Waiver } from '../src/app/conformance-file';
import { loadApp } from '../src/app/load-app';
import { CHECK_IDS, CHECKS, type SuiteName } from '../src/checks/catalogue';
import { generateCases, type CheckCase } from '../src/checks/matrix';
import type { Rejection } from '../src/platform/profile';
import type { Tenant } from '../src/stack/clients/admin-client';
import type { Stack } from '../src/stack/stack';

/**
 * What every suite shares: the app under test (FORGE_CONFORMANCE_APP, the sample otherwise),
 * its generated cases, its waivers, and `check()`, which turns a case into a Playwright test
 * carrying its check id, clause, severity and waiver.
 */
export const appDir = process.env.FORGE_CONFORMANCE_APP ?? SAMPLE_APP;
export const app = loadApp(appDir);
export const conformance = loadConformanceFile(appDir);
const waivers = loadWaivers(appDir, CHECK_IDS);
const cases = generateCases(app, conformance);

export const casesOf = (suite: SuiteName) => cases.filter((c) => c.suite === suite);

const waiverFor = (c: CheckCase): Waiver | undefined =>
  waivers.find((w) => w.check === c.checkId && (w.route === undefined || w.route === c.route?.key));

/** The fixtures a check body uses (Playwright needs them named where the test is declared). */
interface Fixtures {
  stack: Stack;
  tenant: Tenant;
  tokenFor: (scopes: readonly string[], tenant?: Tenant) => Promise<string>;
}

/**
 * A check case as a test. A waived check is expected to fail: when it passes, the run fails,
 * so waivers never go stale. A warning-severity check that fails is reported, not failed.
 */
export function check(c: CheckCase, body: (fixtures: Fixtures) => Promise<void>): void {
  const definition = CHECKS[c.checkId];
  const waiver = waiverFor(c);
  test(c.title, {
    annotation: [
      { type: 'check', description: c.checkId },
      { type: 'clause', description: definition.clause },
      { type: 'severity', description: definition.severity },
      ...(c.route ? [{ type: 'route', description: c.route.key }] : []),
      ...(waiver ? [{ type: 'waiver', description: waiver.reason }] : []),
    ],
  }, async ({ stack, tenant, tokenFor }, testInfo) => {
    test.skip(c.skip !== undefined, c.skip);
    if (waiver) test.fail(true, `waived: ${waiver.reason}`);
    const fixtures = { stack, tenant, tokenFor };
    if (definition.severity === 'failure') return body(fixtures);
    try {
      await body(fixtures);
    } catch (error) {
      // The whole assertion, on one line: what was expected and what the app did.
      const message = (error as Error).message.replace(/\u001b\[[0-9;]*m/g, '').replace(/\s+/g, ' ').trim();
      testInfo.annotations.push({ type: 'warning', description: message.slice(0, 500) });
    }
  });
}

/** Calls the case's route (its method, concrete path and body) as an outside client. */
export function callRoute(stack: Stack, tenant: Tenant, c: CheckCase, options: { token?: string; headers?: Record<string, string>; body?: string | Buffer; method?: string } = {}): Promise<CallResult> {
  const body = options.body ?? c.body;
  return callApp(stack, tenant, c.path!, {
    method: options.method ?? c.route!.operation,
    ...(options.token !== undefined && { token: options.token }),
    headers: { ...(body !== undefined && options.body === undefined && { 'content-type': 'application/json' }), ...options.headers },
    ...(body !== undefined && { body }),
  });
}

/**
 * The platform refused the call the way the profile says (on a real deployment, only that it
 * was a 4xx), and the handler never ran.
 */
export async function expectRefused(stack: Stack, call: CallResult, rejection: Rejection, headers: Record<string, string> = {}): Promise<void> {
  if (stack.target === 'remote') {
    expect(call.status, 'a 4xx refusal').toBeGreaterThanOrEqual(400);
    expect(call.status).toBeLessThan(500);
    return;
  }
  expect(call.status, `status (${call.text.slice(0, 200)})`).toBe(rejection.status);
  if (rejection.failureCategory) expect(call.headers.get('x-failure-category')).toBe(rejection.failureCategory);
  for (const [name, value] of Object.entries(headers)) expect(call.headers.get(name), name).toBe(value);
  const observed = await call.observation();
  expect(observed.invocation, 'the handler must not be invoked').toBeUndefined();
}

/** The custom scopes a token needs for a case: the route's. */
export const routeScopes = (c: CheckCase) => [...c.route!.scopes];

export { callApp, expect, test };
