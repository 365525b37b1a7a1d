import { RouteTable } from '../src/app/route-table';
import { app, callApp, casesOf, check, expect } from './conformance';

const routes = new RouteTable(app.apiRoutes);

/** `expected` is a partial view of `actual`: fields given must match; list items must each be found. */
function expectPartial(actual: unknown, expected: unknown, where: string): void {
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), `${where} is a list`).toBe(true);
    for (const [i, item] of expected.entries()) {
      const found = (actual as unknown[]).some((candidate) => { try { expectPartial(candidate, item, ''); return true; } catch { return false; } });
      expect(found, `${where}[${i}] ${JSON.stringify(item)} is in ${JSON.stringify(actual).slice(0, 300)}`).toBe(true);
    }
  } else if (typeof expected === 'object' && expected !== null) {
    expect(typeof actual === 'object' && actual !== null && !Array.isArray(actual), `${where} is an object`).toBe(true);
    for (const [key, value] of Object.entries(expected)) expectPartial((actual as Record<string, unknown>)[key], value, `${where}.${key}`);
  } else {
    expect(actual, where).toEqual(expected);
  }
}

for (const c of casesOf('scenarios')) {
  check(c, async ({ stack, tokenFor }) => {
    const steps = c.scenario!.steps;
    const tenant = await stack.admin.createTenant({ ...(steps[0]!.request.user && { accountId: steps[0]!.request.user }) });
    for (const [index, { request, expect: expected }] of steps.entries()) {
      const step = steps.length > 1 ? `step ${index + 1} (${request.method} ${request.path})` : `${request.method} ${request.path}`;
      const matched = routes.match(request.method, request.path);
      const scopes = request.scopes ?? (matched.kind === 'matched' ? [...matched.route.scopes] : []);
      const body = request.body === undefined ? undefined : typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
      const call = await callApp(stack, tenant, request.path, {
        method: request.method,
        token: await tokenFor(scopes, tenant),
        headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...request.headers },
        ...(body !== undefined && { body }),
      });
      expect(call.status, `${step}: status (${call.text.slice(0, 200)})`).toBe(expected.status);
      for (const [name, value] of Object.entries(expected.headers ?? {})) {
        expect(call.headers.get(name) ?? '', `${step}: header ${name}`).toMatch(new RegExp(`^${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      }
      if (expected.body !== undefined) expectPartial(call.json(), expected.body, `${step}: body`);
    }
  });
}
