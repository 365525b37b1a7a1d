/** The matrix of check cases generated from an app's routes and its conformance.yaml. */
import type { ConformanceFile, Scenario, ScenarioStep } from '../app/conformance-file';
import { API_ROUTE_OPERATIONS, type ApiRoute, type ForgeApp, type Operation } from '../app/forge-app';
import { RouteTable } from '../app/route-table';
import type { PactInteraction } from '../app/pact-file';
import { CHECKS, type CheckId, type SuiteName } from './catalogue';

/** One generated test: a check applied to one route (or scope, path or scenario). */
export interface CheckCase {
  checkId: CheckId;
  /** What the test is called: the check and what it is applied to. */
  title: string;
  suite: SuiteName;
  route?: ApiRoute;
  /** The concrete request for the route: its conformance.yaml example, or a made-up path. */
  path?: string;
  body?: string;
  /** Whether path and body are the route's conformance.yaml example (the app's own request), not made up. */
  fromExample?: boolean;
  /** Headers and calling user of the route's conformance.yaml example. */
  headers?: Record<string, string>;
  user?: string;
  /** The states (`given:` of the route's example) set up on the case's site before its calls. */
  given?: { state: string; steps: ScenarioStep[] }[];
  missingScope?: string;
  undeclaredOperation?: Operation;
  allowed?: Operation[];
  scenario?: Scenario;
  /** The consumer pact interaction a CONTRACT-PACT-01 case verifies. */
  interaction?: PactInteraction;
  /** Why the case cannot run for this app. */
  skip?: string;
}

const WRITE: readonly Operation[] = ['POST', 'PUT', 'PATCH', 'DELETE'];

/** A path the route matches: `*` and `**` filled with a segment no app is likely to hold. */
export function concretePath(route: ApiRoute, conformance: ConformanceFile): string {
  return conformance.examples[route.key]?.path ?? route.routePath.replace(/\/\*\*$/, '/conformance-probe/1').replace(/\/\*(?=\/|$)/g, '/conformance-probe');
}

/**
 * The matrix of facts.md for an app: for every route its consented call and each negative
 * (admin disabled, each scope missing, product scope missing, no token, expired, another site,
 * undeclared operation, wrong content type, oversized body, forged identity), the egress
 * checks on what its handler sends out, one case per conformance.yaml scenario, and one per
 * interaction of the consumer pacts the app keeps. The manifest decides the platform cases;
 * conformance.yaml only adds example requests and expectations.
 */
export function generateCases(app: ForgeApp, conformance: ConformanceFile, interactions: readonly PactInteraction[] = []): CheckCase[] {
  const cases: CheckCase[] = [];
  const add = (checkId: CheckId, subject: string, extra: Partial<CheckCase> = {}) =>
    cases.push({ checkId, suite: CHECKS[checkId].suite, title: `${checkId} ${subject}`, ...extra });
  const table = new RouteTable(app.apiRoutes);

  for (const route of app.apiRoutes) {
    const subject = `${route.operation} ${route.routePath}`;
    const path = concretePath(route, conformance);
    const example = conformance.examples[route.key];
    const body =
      example?.body !== undefined
        ? typeof example.body === 'string'
          ? example.body
          : JSON.stringify(example.body)
        : WRITE.includes(route.operation)
          ? '{}'
          : undefined;
    const base = {
      route,
      path,
      ...(body !== undefined && { body }),
      ...(example && { fromExample: true }),
      ...(example?.headers && { headers: example.headers }),
      ...(example?.user && { user: example.user }),
      ...(example?.given && { given: example.given.map((state) => ({ state, steps: conformance.states[state]! })) }),
    };
    add('APIROUTE-CONSENT-01', subject, base);
    add('APIROUTE-ADMIN-01', subject, base);
    for (const scope of route.scopes) add('APIROUTE-SCOPE-01', `${subject} without ${scope}`, { ...base, missingScope: scope });
    add('APIROUTE-SCOPE-02', subject, base);
    add('APIROUTE-AUTH-01', subject, base);
    add('APIROUTE-AUTH-02', subject, base);
    add('APIROUTE-AUTH-03', subject, base);
    add('APIROUTE-CONTENT-01', subject, base);
    add('APIROUTE-CONTENT-02', subject, base);
    add('APIROUTE-IDENTITY-01', subject, base);
    add('EGRESS-ALLOWLIST-01', subject, base);
    add('EGRESS-TOKEN-01', subject, base);
    add('EGRESS-STUB-01', subject, base);
  }

  // One undeclared-operation case per declared path: the first operation nothing routes there.
  for (const routePath of [...new Set(app.apiRoutes.map((r) => r.routePath))]) {
    const route = app.apiRoutes.find((r) => r.routePath === routePath)!;
    const path = concretePath(route, conformance);
    const match = (op: Operation) => table.match(op, path.split('?')[0]!);
    const undeclared = API_ROUTE_OPERATIONS.find((op) => match(op).kind === 'method-not-allowed');
    const allowed = API_ROUTE_OPERATIONS.filter((op) => match(op).kind === 'matched');
    add(
      'APIROUTE-ROUTE-01',
      `${undeclared ?? '(none)'} ${routePath}`,
      undeclared
        ? { route, path, undeclaredOperation: undeclared, allowed }
        : { route, path, skip: `every operation apiRoute supports is declared for ${routePath}` },
    );
  }

  for (const scenario of conformance.scenarios) add('SCENARIO-01', scenario.name, { scenario });
  for (const interaction of interactions) add('CONTRACT-PACT-01', `${interaction.consumer}: ${interaction.description}`, { interaction });
  return cases;
}
