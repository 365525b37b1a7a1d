/** EGRESS-COVERAGE-01, judged after a full run: the methods expected per external host against those the proxy forwarded. */
import { checkOutcome, type CheckOutcome } from './check-outcomes';

/**
 * One outcome a host: a failure when an expected method was never forwarded to it, a warning when
 * it was sent a method conformance.yaml does not list (or is a host it does not list), a pass when
 * the two agree. Nothing when conformance.yaml expects nothing: there is then nothing to hold the
 * traffic to, and the certificate only lists what each host received.
 */
export function egressCoverageOutcomes(expected: Record<string, string[]>, seen: Record<string, string[]>): CheckOutcome[] {
  if (Object.keys(expected).length === 0) return [];
  const listed = (methods: readonly string[]) => (methods.length ? methods.join(', ') : 'none');
  const outcomes = Object.entries(expected).map(([host, methods]) => {
    const got = seen[host] ?? [];
    const missing = methods.filter((m) => !got.includes(m));
    const extra = got.filter((m) => !methods.includes(m));
    return checkOutcome('EGRESS-COVERAGE-01', {
      case: `EGRESS-COVERAGE-01 ${host}`,
      outcome: missing.length ? 'fail' : extra.length ? 'warn' : 'pass',
      message: missing.length
        ? `expected ${listed(missing)} to ${host}, which no call of the run sent through the proxy (it sent ${listed(got)}): add an example or scenario whose handler does, or drop the method from conformance.yaml's egress`
        : extra.length
          ? `${host} was sent ${listed(extra)}, which conformance.yaml's egress does not expect of it: list the method, or find what sends it`
          : `${listed(got)}, as expected`,
    });
  });
  for (const [host, got] of Object.entries(seen)) {
    if (host in expected) continue;
    outcomes.push(
      checkOutcome('EGRESS-COVERAGE-01', {
        case: `EGRESS-COVERAGE-01 ${host}`,
        outcome: 'warn',
        message: `${host} was sent ${listed(got)}, and conformance.yaml's egress does not list the host: add it with the methods the app is expected to send it`,
      }),
    );
  }
  return outcomes;
}
