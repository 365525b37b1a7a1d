import { waiverFor, type Waiver } from '../app/conformance-file';
import type { ApiRoute } from '../app/forge-app';
import type { CallObservation } from '../platform/gateway/observation-log';
import type { TrafficEntry } from '../platform/proxy/traffic-log';
import { checkOutcome, type CheckOutcome, type Outcome } from './check-outcomes';

/** What a full run observed of one route. */
export interface RouteCoverage {
  route: string;
  operation: string;
  path: string;
  /** Whether any call of the run got a 2xx from the route's handler: its success path was seen. */
  reached2xx: boolean;
  /** How the handler answered, status → calls (refused calls never reached it). */
  statuses: Record<string, number>;
  /** The outcomes of the route's checks. */
  checks: Partial<Record<Outcome, number>>;
  /** The external hosts its handler reached through the proxy, each with the methods used. */
  egress: Record<string, string[]>;
}

/** Every route's coverage, from the gateway's calls, the proxy's traffic and the check outcomes of the run. */
export function routeCoverage(
  routes: readonly ApiRoute[],
  calls: readonly CallObservation[],
  traffic: readonly TrafficEntry[],
  checks: readonly CheckOutcome[],
): RouteCoverage[] {
  return routes.map((route) => {
    const statuses: Record<string, number> = {};
    for (const call of calls) {
      if (call.invocation?.routeKey !== route.key || call.invocation.outcome !== 'returned') continue;
      statuses[call.status] = (statuses[call.status] ?? 0) + 1;
    }
    const outcomes: Partial<Record<Outcome, number>> = {};
    for (const c of checks) if (c.route === route.key) outcomes[c.outcome] = (outcomes[c.outcome] ?? 0) + 1;
    const egress: Record<string, string[]> = {};
    for (const entry of traffic) {
      if (entry.routeKey !== route.key || entry.decision !== 'forwarded') continue;
      const methods = (egress[entry.host] ??= []);
      if (!methods.includes(entry.method)) methods.push(entry.method);
    }
    return {
      route: route.key,
      operation: route.operation,
      path: route.routePath,
      reached2xx: Object.keys(statuses).some((s) => Number(s) >= 200 && Number(s) < 300),
      statuses,
      checks: outcomes,
      egress,
    };
  });
}

/**
 * APIROUTE-COVERAGE-01 for each route: passed when some call reached a 2xx; otherwise a warning
 * with the way out (an example request), or waived when the app waives it with a reason.
 */
export function coverageOutcomes(coverage: readonly RouteCoverage[], waivers: readonly Waiver[]): CheckOutcome[] {
  return coverage.map((c) => {
    const waiver = waiverFor(waivers, 'APIROUTE-COVERAGE-01', c.route);
    const answered = Object.entries(c.statuses)
      .map(([status, n]) => `${status}×${n}`)
      .join(', ');
    const gap = `no call of the run got a 2xx from ${c.route} (${c.operation} ${c.path}; the handler answered ${answered || 'nothing'}): add an example request for ${c.route} to conformance.yaml that it answers with a 2xx`;
    const outcome: Outcome = c.reached2xx ? 'pass' : waiver ? 'waived' : 'warn';
    return checkOutcome('APIROUTE-COVERAGE-01', {
      case: `APIROUTE-COVERAGE-01 ${c.operation} ${c.path}`,
      route: c.route,
      outcome,
      message: outcome === 'warn' ? gap : undefined,
      waiver: waiver?.reason,
    });
  });
}
