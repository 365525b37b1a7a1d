/** APIROUTE-SECRET-01, judged after the run from every call the gateway recorded (facts.md §10). */
import type { ApiRoute } from '../app/forge-app';
import type { CallObservation } from '../platform/gateway/observation-log';
import { checkOutcome, type CheckOutcome } from './check-outcomes';
import type { VariableName } from './summary';

/**
 * One outcome a route, when the app has encrypted variables long enough to search for (else one
 * outcome without evidence): a failure naming each variable
 * whose value a response of the route carried (in its body or a header, plain or encoded); no
 * evidence for a route whose handler answered no call of the run.
 */
export function secretOutcomes(routes: readonly ApiRoute[], calls: readonly CallObservation[], variables: readonly VariableName[]): CheckOutcome[] {
  const encrypted = variables.filter((v) => v.encrypted);
  if (encrypted.length === 0) return [];
  // Values too short to tell from ordinary text are not searched for: with none searched, nothing was looked at.
  if (!encrypted.some((v) => v.searched !== false))
    return [
      checkOutcome('APIROUTE-SECRET-01', {
        case: 'APIROUTE-SECRET-01 the app',
        outcome: 'no-evidence',
        message: `the encrypted variables (${encrypted.map((v) => v.name).join(', ')}) are under 6 characters: their values cannot be told from ordinary text, so no response was searched for them`,
      }),
    ];
  return routes.map((route) => {
    const answered = calls.filter((c) => c.invocation?.routeKey === route.key && c.invocation.outcome === 'returned');
    const echoed = [...new Set(answered.flatMap((c) => c.invocation!.secretsEchoed ?? []))].sort();
    const name = `APIROUTE-SECRET-01 ${route.operation} ${route.routePath}`;
    if (answered.length === 0)
      return checkOutcome('APIROUTE-SECRET-01', {
        case: name,
        route: route.key,
        outcome: 'no-evidence',
        message: `no call of the run got an answer from ${route.key}'s handler`,
      });
    return checkOutcome('APIROUTE-SECRET-01', {
      case: name,
      route: route.key,
      outcome: echoed.length ? 'fail' : 'pass',
      message: echoed.length
        ? `the handler's response carried the value of the encrypted variable${echoed.length > 1 ? 's' : ''} ${echoed.join(', ')}: a secret must never reach the caller`
        : undefined,
    });
  });
}
