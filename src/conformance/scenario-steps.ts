/** Runs the steps of a scenario, or of a state's setup, through the gateway on one site (and a second, for `site: other`). */
import { setTimeout as sleep } from 'node:timers/promises';
import { JSONPath } from 'jsonpath-plus';
import type { ScenarioStep } from '../app/conformance-file';
import type { ApiRoute } from '../app/forge-app';
import type { RouteTable } from '../app/route-table';
import { pathWithCaptured, withCaptured } from '../app/step-captures';
import type { Tenant } from '../stack/clients/admin-client';
import { callApp, type CallResult } from '../stack/clients/app-client';
import type { Stack } from '../stack/stack';
import { unmetExpectations } from './response-expectations';

/** The first step whose response was not what it expects, and how. */
export interface StepFailure {
  /** `POST /employees`, or `step 2 (POST /employees)` in a scenario of several steps. */
  step: string;
  unmet: string[];
}

export interface StepsRun {
  failure: StepFailure | undefined;
  /** What the steps captured, by name, for the steps or the request that come after them. */
  captured: Record<string, unknown>;
  /** What the report should say: how many attempts a retried step took. */
  notes: string[];
}

export interface StepsOptions {
  routes: RouteTable<ApiRoute>;
  /** A token for the site's member with these scopes (and the product's). */
  tokenFor: (scopes: readonly string[], tenant: Tenant) => Promise<string>;
  /** What earlier steps (the states set up first) captured. */
  captured?: Record<string, unknown>;
}

/** What each capture of a step takes from a response: its JSONPath query's first match. */
function capturedFrom(step: ScenarioStep, call: CallResult): { values: Record<string, unknown>; missing: string[] } {
  const values: Record<string, unknown> = {};
  const missing: string[] = [];
  let body: unknown;
  try {
    body = call.json();
  } catch {
    body = undefined;
  }
  for (const [name, path] of Object.entries(step.capture ?? {})) {
    const [first] = body === undefined ? [] : (JSONPath({ path, json: body as object, wrap: true }) as unknown[]);
    if (first === undefined) missing.push(`capture ${name}: ${path} matched nothing in the response`);
    else values[name] = first;
  }
  return { values, missing };
}

/**
 * Sends each step in order on the tenant's site (or, for `site: other`, on a second site with
 * the app installed, made when first needed), as the site's member with a token for the step's
 * scopes (its own `scopes:`, or else the scopes of the route it calls). A step with `retry` is
 * sent again until its expectations hold; `{{name}}` takes what an earlier step captured. Stops
 * at the first step whose response is not what it expects.
 */
export async function runSteps(stack: Stack, tenant: Tenant, steps: readonly ScenarioStep[], options: StepsOptions): Promise<StepsRun> {
  const captured: Record<string, unknown> = { ...options.captured };
  const notes: string[] = [];
  let other: Tenant | undefined;
  for (const [index, step] of steps.entries()) {
    const request = { ...withCaptured(step.request, captured), path: pathWithCaptured(step.request.path, captured) };
    const site = request.site === 'other' ? (other ??= await stack.admin.createTenant()) : tenant;
    const matched = options.routes.match(request.method, request.path);
    const scopes = request.scopes ?? (matched.kind === 'matched' ? [...matched.route.scopes] : []);
    const body = request.body === undefined ? undefined : typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    const headers = Object.fromEntries(Object.entries(request.headers ?? {}).map(([name, value]) => [name, String(value)]));
    const name = steps.length > 1 ? `step ${index + 1} (${step.request.method} ${step.request.path})` : `${step.request.method} ${step.request.path}`;
    const attempts = step.retry?.attempts ?? 1;
    let unmet: string[] = [];
    let attempt = 0;
    let call: CallResult;
    do {
      if (attempt > 0) await sleep(step.retry!.intervalMs);
      attempt++;
      call = await callApp(stack, site, request.path, {
        method: request.method,
        ...(request.token !== 'none' && { token: await options.tokenFor(scopes, site) }),
        headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
        ...(body !== undefined && { body }),
      });
      unmet = unmetExpectations(step.expect, call);
    } while (unmet.length && attempt < attempts);
    if (step.retry) notes.push(`${name}: ${unmet.length ? `still unmet after ${attempt} attempts` : `held after ${attempt} of at most ${attempts} attempts`}`);
    if (unmet.length) return { failure: { step: name, unmet: step.retry ? [...unmet, `(after ${attempt} attempts)`] : unmet }, captured, notes };
    const { values, missing } = capturedFrom(step, call);
    if (missing.length) return { failure: { step: name, unmet: missing }, captured, notes };
    Object.assign(captured, values);
  }
  return { failure: undefined, captured, notes };
}
