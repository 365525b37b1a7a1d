import { CHECKS, type CheckId } from '../checks/catalogue';

export type Outcome = 'pass' | 'fail' | 'warn' | 'skipped' | 'waived';

/** One check case's result, as summary.json and the certificate list it. */
export interface CheckOutcome {
  id: CheckId;
  case: string;
  title: string;
  clause: string;
  severity: 'failure' | 'warning';
  route?: string;
  outcome: Outcome;
  /** Why it failed, warned or was skipped. */
  message?: string;
  waiver?: string;
}

interface JsonAnnotation { type: string; description?: string }
interface JsonTest { status: 'expected' | 'unexpected' | 'flaky' | 'skipped'; expectedStatus: string; annotations: JsonAnnotation[]; results: { status: string; errors?: { message?: string }[]; annotations?: JsonAnnotation[] }[] }
interface JsonSpec { title: string; tests: JsonTest[] }
interface JsonSuite { specs?: JsonSpec[]; suites?: JsonSuite[] }

const firstLine = (text: string | undefined) => text?.replace(/\u001b\[[0-9;]*m/g, '').split('\n').find((l) => l.trim())?.trim();

/**
 * Reads Playwright's JSON report of the conformance project into check outcomes: a waived
 * check that fails is `waived`, one that passes is a `fail` (the waiver went stale); a
 * warning-severity check that failed is `warn`.
 */
export function outcomesFromReport(report: { suites: JsonSuite[] }): CheckOutcome[] {
  const outcomes: CheckOutcome[] = [];
  const visit = (suite: JsonSuite) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        const annotations = [...test.annotations, ...test.results.flatMap((r) => r.annotations ?? [])];
        const get = (type: string) => annotations.find((a) => a.type === type)?.description;
        const id = get('check') as CheckId | undefined;
        if (!id || !(id in CHECKS)) continue;
        const waiver = get('waiver');
        const warning = get('warning');
        const error = firstLine(test.results.at(-1)?.errors?.[0]?.message);
        let outcome: Outcome;
        let message: string | undefined;
        if (test.status === 'skipped') [outcome, message] = ['skipped', get('skip')];
        else if (waiver) [outcome, message] = test.status === 'expected' ? ['waived', undefined] : ['fail', 'waived, but it passes now: remove the waiver'];
        else if (test.status === 'unexpected') [outcome, message] = ['fail', error];
        else if (warning) [outcome, message] = ['warn', warning];
        else outcome = 'pass';
        outcomes.push({
          id, case: spec.title, title: CHECKS[id].title, clause: CHECKS[id].clause, severity: CHECKS[id].severity,
          ...(get('route') && { route: get('route') }), outcome, ...(message && { message }), ...(waiver && { waiver }),
        });
      }
    }
    for (const child of suite.suites ?? []) visit(child);
  };
  for (const suite of report.suites) visit(suite);
  return outcomes;
}

export function countOutcomes(outcomes: readonly CheckOutcome[]): Record<Outcome, number> {
  const counts: Record<Outcome, number> = { pass: 0, fail: 0, warn: 0, skipped: 0, waived: 0 };
  for (const o of outcomes) counts[o.outcome] += 1;
  return counts;
}
