/** Check outcomes, read from Playwright's JSON report of the conformance project. */
import { CHECKS, NO_EVIDENCE, type CheckId } from '../conformance/catalogue';

/** `no-evidence`: skipped because what the check needs was never observed (never a pass). */
export type Outcome = 'pass' | 'fail' | 'warn' | 'skipped' | 'no-evidence' | 'waived';

export const OUTCOMES: readonly Outcome[] = ['pass', 'fail', 'warn', 'no-evidence', 'waived', 'skipped'];

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
  /** It failed, then passed on a retry: reported, never hidden. */
  flaky?: boolean;
}

interface JsonAnnotation {
  type: string;
  description?: string;
}
/** A test as Playwright's JSON report (and its reporter API) describes it. */
export interface JsonTest {
  status: 'expected' | 'unexpected' | 'flaky' | 'skipped';
  annotations: JsonAnnotation[];
  results: { status: string; errors?: { message?: string }[]; annotations?: JsonAnnotation[] }[];
}
interface JsonSpec {
  title: string;
  tests: JsonTest[];
}
interface JsonSuite {
  specs?: JsonSpec[];
  suites?: JsonSuite[];
}

/**
 * The one way a check outcome is made: the check's title, clause and severity come from the
 * catalogue, never written out again, so no outcome can carry a severity its check does not have.
 */
export function checkOutcome(
  id: CheckId,
  fields: { case: string; outcome: Outcome; route?: string | undefined; message?: string | undefined; waiver?: string | undefined; flaky?: boolean },
): CheckOutcome {
  const { title, clause, severity } = CHECKS[id];
  return {
    id,
    case: fields.case,
    title,
    clause,
    severity,
    ...(fields.route && { route: fields.route }),
    outcome: fields.outcome,
    ...(fields.message && { message: fields.message }),
    ...(fields.waiver && { waiver: fields.waiver }),
    ...(fields.flaky && { flaky: true }),
  };
}

const firstLine = (text: string | undefined) =>
  text
    ?.replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .find((l) => l.trim())
    ?.trim();

/**
 * One test of the conformance project as a check outcome: a waived check that fails is
 * `waived`, one that passes is a `fail` (the waiver went stale); a warning-severity check that
 * failed is `warn`; a check skipped for evidence is `no-evidence` (or `waived`, when a waiver
 * accepts the gap). Undefined for a test that is not a check.
 */
export function outcomeOfTest(title: string, test: JsonTest): CheckOutcome | undefined {
  const annotations = [...test.annotations, ...test.results.flatMap((r) => r.annotations ?? [])];
  const get = (type: string) => annotations.find((a) => a.type === type)?.description;
  const id = get('check') as CheckId | undefined;
  if (!id || !(id in CHECKS)) return undefined;
  const waiver = get('waiver');
  const warning = get('warning');
  const error = firstLine(test.results.at(-1)?.errors?.[0]?.message);
  let outcome: Outcome;
  let message: string | undefined;
  // A waiver of a check that had no evidence waives the gap, with its reason.
  if (test.status === 'skipped' && get(NO_EVIDENCE)) [outcome, message] = waiver ? ['waived', get(NO_EVIDENCE)] : ['no-evidence', get(NO_EVIDENCE)];
  else if (test.status === 'skipped') [outcome, message] = ['skipped', get('skip')];
  else if (waiver) [outcome, message] = test.status === 'expected' ? ['waived', undefined] : ['fail', 'waived, but it passes now: remove the waiver'];
  else if (test.status === 'unexpected') [outcome, message] = ['fail', [error, get('note')].filter(Boolean).join('; ') || undefined];
  else if (warning) [outcome, message] = ['warn', warning];
  else [outcome, message] = ['pass', get('note')];
  return checkOutcome(id, { case: title, route: get('route'), outcome, message, waiver, flaky: test.status === 'flaky' });
}

/** Reads Playwright's JSON report of the conformance project into check outcomes (outcomeOfTest). */
export function outcomesFromReport(report: { suites: JsonSuite[] }): CheckOutcome[] {
  const outcomes: CheckOutcome[] = [];
  const visit = (suite: JsonSuite) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        const outcome = outcomeOfTest(spec.title, test);
        if (outcome) outcomes.push(outcome);
      }
    }
    for (const child of suite.suites ?? []) visit(child);
  };
  for (const suite of report.suites) visit(suite);
  return outcomes;
}

export function countOutcomes(outcomes: readonly CheckOutcome[]): Record<Outcome, number> {
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  for (const o of outcomes) counts[o.outcome] += 1;
  return counts;
}
