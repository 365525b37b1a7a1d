import { SAMPLE_APP } from '../fixtures/apps';
import { callApp, expect, memberToken, test, type CallResult } from '../fixtures/harness';
import { waiverFor } from '../src/app/conformance-file';
import { RouteTable } from '../src/app/route-table';
import { pathWithCaptured, withCaptured } from '../src/app/step-captures';
import { runSteps } from '../src/conformance/scenario-steps';
import { loadApp } from '../src/app/load-app';
import { CHECKS, NO_EVIDENCE, type SuiteName } from '../src/conformance/catalogue';
import type { CheckCase } from '../src/conformance/matrix';
import { PLAN_FILE_ENV, planRun, readPlan } from '../src/conformance/run-plan';
import type { CallObservation } from '../src/platform/gateway/observation-log';
import type { RefusalAnswer } from '../src/platform/profile';
import type { Tenant } from '../src/stack/clients/admin-client';
import { NotOnRemote } from '../src/stack/remote/remote-stack';
import type { Stack } from '../src/stack/stack';
import { HARNESS_NAMES } from '../src/pact/harness-names';

/**
 * What every suite shares: the run's plan (its cases, the consumer pacts' interactions among
 * them, and its waivers), which a run hands over in a file; on their own, the suites plan the app
 * under test themselves (FORGE_CONFORMANCE_APP, the sample otherwise). And `testCase()`, which
 * turns a check case into a Playwright test carrying its check id, clause, severity and waiver.
 */
const planFile = process.env[PLAN_FILE_ENV];
export const plan = planFile ? readPlan(planFile) : planRun(loadApp(process.env.FORGE_CONFORMANCE_APP ?? SAMPLE_APP), HARNESS_NAMES);
const { cases, waivers } = plan;

export const casesOf = (suite: SuiteName) => cases.filter((c) => c.suite === suite);

/** The fixtures a check body uses (Playwright needs them named where the test is declared). */
interface Fixtures {
  stack: Stack;
  tenant: Tenant;
  tokenFor: (scopes: readonly string[], tenant?: Tenant) => Promise<string>;
}

/**
 * Skips the running check, with the reason, when its evidence is missing: a check that observed
 * nothing must never pass. The report counts these apart from other skips.
 */
export function requireEvidence(present: boolean, reason: string): void {
  if (present) return;
  test.info().annotations.push({ type: NO_EVIDENCE, description: reason });
  test.skip(true, reason);
}

/** Why the call is no evidence that the route's handler ran to a result, or undefined. */
export function handlerResultMissing(observed: CallObservation): string | undefined {
  if (observed.invocation?.outcome === 'returned') return undefined;
  const what = observed.invocation ? observed.reason : `the platform refused the call (${observed.step}: ${observed.reason})`;
  return `${what}: the route's handler never returned a result, see APIROUTE-CONSENT-01`;
}

/** Why the call is no evidence of the route's success path (a 2xx from its handler), or undefined. */
export function successPathMissing(observed: CallObservation, c: CheckCase): string | undefined {
  const noResult = handlerResultMissing(observed);
  if (noResult) return noResult;
  if (observed.status >= 200 && observed.status < 300) return undefined;
  return `the handler answered ${observed.status} to ${c.route!.operation} ${c.path}, so the route's success path (and any egress on it) was never exercised: give ${c.route!.key} an example request in conformance.yaml that it answers with a 2xx`;
}

/** The same as Allure labels (allure-playwright reads `allure.label.*` annotations), for a nightly's Allure Report. */
function allureLabels(c: CheckCase) {
  const { clause, severity } = CHECKS[c.checkId];
  return [
    { type: 'allure.label.check', description: c.checkId },
    { type: 'allure.label.clause', description: clause },
    ...(c.route ? [{ type: 'allure.label.route', description: c.route.key }] : []),
    { type: 'allure.label.feature', description: c.checkId },
    { type: 'allure.label.story', description: c.route?.key ?? 'the app' },
    { type: 'allure.label.tag', description: clause },
    { type: 'allure.label.severity', description: severity === 'failure' ? 'critical' : 'minor' },
  ];
}

/**
 * A check case as a test. A waived check is expected to fail: when it passes, the run fails,
 * so waivers never go stale. A warning-severity check that fails is reported, not failed. A
 * case whose route example names a user runs as that user, on a site of its own.
 */
export function testCase(c: CheckCase, body: (fixtures: Fixtures) => Promise<void>): void {
  const definition = CHECKS[c.checkId];
  const waiver = waiverFor(waivers, c.checkId, c.route?.key);
  test(
    c.title,
    {
      annotation: [
        { type: 'check', description: c.checkId },
        { type: 'clause', description: definition.clause },
        { type: 'severity', description: definition.severity },
        ...(c.route ? [{ type: 'route', description: c.route.key }] : []),
        ...(waiver ? [{ type: 'waiver', description: waiver.reason }] : []),
        ...(process.env.FORGE_CONFORMANCE_ALLURE_RESULTS ? allureLabels(c) : []),
      ],
    },
    async ({ stack }, testInfo) => {
      test.skip(c.skip !== undefined, c.skip);
      if (waiver) test.fail(true, `waived: ${waiver.reason}`);
      try {
        // One site per check, made here rather than by a fixture: a skipped check makes none, and a user's case makes only its own.
        const tenant = await stack.admin.createTenant(c.user ? { accountId: c.user } : {});
        const fixtures = { stack, tenant, tokenFor: (scopes: readonly string[], forTenant = tenant) => memberToken(stack, forTenant, scopes) };
        if (c.given) await setUpGiven(c, fixtures);
        if (definition.severity === 'failure') return await body(fixtures);
        try {
          await body(fixtures);
        } catch (error) {
          // Skipped for evidence, or off the emulator, is not a warning.
          if (error instanceof NotOnRemote || testInfo.annotations.some((a) => a.type === NO_EVIDENCE)) throw error;
          // The whole assertion, on one line: what was expected and what the app did.
          const message = (error as Error).message
            .replace(/\u001b\[[0-9;]*m/g, '')
            .replace(/\s+/g, ' ')
            .trim();
          testInfo.annotations.push({ type: 'warning', description: message.slice(0, 500) });
        }
      } catch (error) {
        // What a real deployment does not offer (the admin plane, minting, the observation log) skips the check: never a pass.
        if (error instanceof NotOnRemote) test.skip(true, `not on a real deployment: ${error.message}`);
        throw error;
      }
    },
  );
}

/** What the states of a case's example captured, on the case's site: its calls use them as `{{name}}`. */
const capturedOn = new WeakMap<Tenant, Record<string, unknown>>();

/** Sets up the states the route's example is `given`, in order, on the case's site; one that cannot be set up leaves the case without evidence. */
async function setUpGiven(c: CheckCase, { stack, tenant, tokenFor }: Fixtures): Promise<void> {
  let captured: Record<string, unknown> = {};
  for (const { state, steps } of c.given ?? []) {
    const run = await runSteps(stack, tenant, steps, { routes: stateRoutes, tokenFor, captured });
    // Without its record the check cannot observe what it is about: no evidence (the route that failed to make it fails its own checks).
    requireEvidence(
      !run.failure,
      `state "${state}" (given by the example of ${c.route!.key}) could not be set up: ${run.failure?.step}: ${run.failure?.unmet.join('; ')}`,
    );
    captured = run.captured;
  }
  capturedOn.set(tenant, captured);
}
const stateRoutes = new RouteTable(plan.routes);

/** Calls the case's route (its method, concrete path, body and example headers, with what its states captured) as an outside client. */
export function callRoute(
  stack: Stack,
  tenant: Tenant,
  c: CheckCase,
  options: { token?: string; headers?: Record<string, string>; body?: string | Buffer; method?: string } = {},
): Promise<CallResult> {
  const captured = capturedOn.get(tenant) ?? {};
  // The example's body is JSON text: a captured string goes in escaped, as it would sit inside quotes.
  const inText = Object.fromEntries(
    Object.entries(captured).map(([name, value]) => [name, typeof value === 'string' ? JSON.stringify(value).slice(1, -1) : JSON.stringify(value)]),
  );
  const body = options.body ?? (c.body === undefined ? undefined : withCaptured(c.body, inText));
  return callApp(stack, tenant, pathWithCaptured(c.path!, captured), {
    method: options.method ?? c.route!.operation,
    ...(options.token !== undefined && { token: options.token }),
    headers: {
      ...(body !== undefined && options.body === undefined && { 'content-type': 'application/json' }),
      ...withCaptured(c.headers ?? {}, Object.fromEntries(Object.entries(captured).map(([name, value]) => [name, String(value)]))),
      ...options.headers,
    },
    ...(body !== undefined && { body }),
  });
}

/**
 * The platform refused the call the way the profile says (on a real deployment, only that it
 * was a 4xx), and the handler never ran.
 */
export async function expectRefused(stack: Stack, call: CallResult, refusal: RefusalAnswer, headers: Record<string, string> = {}): Promise<void> {
  if (stack.target === 'remote') {
    expect(call.status, 'a 4xx refusal').toBeGreaterThanOrEqual(400);
    expect(call.status).toBeLessThan(500);
    return;
  }
  expect(call.status, `status (${call.text.slice(0, 200)})`).toBe(refusal.status);
  if (refusal.failureCategory) expect(call.headers.get('x-failure-category')).toBe(refusal.failureCategory);
  for (const [name, value] of Object.entries(headers)) expect(call.headers.get(name), name).toBe(value);
  const observed = await call.observation();
  expect(observed.invocation, 'the handler must not be invoked').toBeUndefined();
}

/** The custom scopes a token needs for a case: the route's. */
export const routeScopes = (c: CheckCase) => [...c.route!.scopes];

export { callApp, expect, test };
