/** Runs the steps of a scenario, or of an app-data provider state's setup, through the gateway on one site. */
import type { ScenarioStep } from '../app/conformance-file';
import type { ApiRoute } from '../app/forge-app';
import type { RouteTable } from '../app/route-table';
import type { Tenant } from '../stack/clients/admin-client';
import { callApp } from '../stack/clients/app-client';
import type { Stack } from '../stack/stack';
import { unmetExpectations } from './response-expectations';

/** The first step whose response was not what it expects, and how. */
export interface StepFailure {
  /** `POST /employees`, or `step 2 (POST /employees)` in a scenario of several steps. */
  step: string;
  unmet: string[];
}

/**
 * Sends each step in order on the tenant's site, as the tenant's member with a token for the
 * step's scopes (its own `scopes:`, or else the scopes of the route it calls), and stops at the
 * first whose response is not what it expects.
 */
export async function runSteps(
  stack: Stack,
  tenant: Tenant,
  steps: readonly ScenarioStep[],
  { routes, tokenFor }: { routes: RouteTable<ApiRoute>; tokenFor: (scopes: readonly string[]) => Promise<string> },
): Promise<StepFailure | undefined> {
  for (const [index, { request, expect }] of steps.entries()) {
    const matched = routes.match(request.method, request.path);
    const scopes = request.scopes ?? (matched.kind === 'matched' ? [...matched.route.scopes] : []);
    const body = request.body === undefined ? undefined : typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    const call = await callApp(stack, tenant, request.path, {
      method: request.method,
      ...(request.token !== 'none' && { token: await tokenFor(scopes) }),
      headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...request.headers },
      ...(body !== undefined && { body }),
    });
    const unmet = unmetExpectations(expect, call);
    if (unmet.length) return { step: steps.length > 1 ? `step ${index + 1} (${request.method} ${request.path})` : `${request.method} ${request.path}`, unmet };
  }
  return undefined;
}
