import { expect, test } from '@playwright/test';
import type { ApiRoute } from '../app/forge-app';
import type { CallObservation } from '../platform/gateway/observation-log';
import { secretOutcomes } from './secret-outcomes';

const route = { key: 'get-report', operation: 'GET', routePath: '/reports/*' } as ApiRoute;
const answered = (secretsEchoed?: string[]) =>
  ({ invocation: { routeKey: 'get-report', outcome: 'returned', ...(secretsEchoed && { secretsEchoed }) } }) as unknown as CallObservation;
const judged = (calls: CallObservation[], variables: { name: string; encrypted: boolean; searched?: boolean }[]) =>
  secretOutcomes([route], calls, variables).map((o) => `${o.case}: ${o.outcome}${o.message ? ` (${o.message})` : ''}`);

test('APIROUTE-SECRET-01 fails a route whose response carried a secret, and passes only on what it searched', () => {
  const key = { name: 'SIGNING_KEY', encrypted: true, searched: true };
  expect(judged([answered(), answered(['SIGNING_KEY'])], [key])).toEqual([
    expect.stringMatching(/^APIROUTE-SECRET-01 GET \/reports\/\*: fail \(.*SIGNING_KEY/),
  ]);
  expect(judged([answered()], [key])).toEqual(['APIROUTE-SECRET-01 GET /reports/*: pass']);
  // A handler that never answered was never looked at.
  expect(judged([], [key])).toEqual([expect.stringMatching(/: no-evidence \(no call of the run got an answer/)]);
  // Secrets too short to search for: nothing was looked at, whatever the calls.
  expect(judged([answered()], [{ name: 'PIN', encrypted: true, searched: false }])).toEqual([
    expect.stringMatching(/^APIROUTE-SECRET-01 the app: no-evidence \(the encrypted variables \(PIN\) are under 6 characters/),
  ]);
  // No encrypted variable: no check.
  expect(judged([answered()], [{ name: 'TITLE', encrypted: false }])).toEqual([]);
});
