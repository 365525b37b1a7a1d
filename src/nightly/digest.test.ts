import { expect, test } from '@playwright/test';
import { CHECKS } from '../conformance/catalogue';
import { outcomeOfTest, type CheckOutcome } from '../report/check-outcomes';
import type { RunSummary } from '../report/summary';
import { digestEntry } from './digest';

const check = (name: string, outcome: CheckOutcome['outcome'], flaky = false): CheckOutcome => ({
  id: 'APIROUTE-AUTH-01',
  case: name,
  title: CHECKS['APIROUTE-AUTH-01'].title,
  clause: '§3',
  severity: 'failure',
  outcome,
  ...(flaky && { flaky }),
});
const night = (startedAt: string, checks: CheckOutcome[]) =>
  ({
    app: { name: 'app' },
    target: 'embedded',
    verdict: checks.some((c) => c.outcome === 'fail') ? 'not-conformant' : 'conformant',
    startedAt,
    durationMs: 1000,
    checks,
  }) as RunSummary;

test('a digest entry tells new failures, fixes, flaky checks and checks that came or went, against the last night only', () => {
  const older = night('2026-11-30T02:00:00Z', [check('a', 'fail')]);
  const last = night('2026-12-01T02:00:00Z', [check('a', 'pass'), check('b', 'fail'), check('gone', 'pass')]);
  const tonight = night('2026-12-02T02:00:00Z', [check('a', 'fail'), check('b', 'pass'), check('c', 'pass', true), check('new', 'fail')]);
  expect(digestEntry(tonight, 'runs/x', [older, last])).toMatchObject({
    newFailures: ['a', 'new'],
    fixed: ['b'],
    flaky: ['c'],
    newChecks: ['c', 'new'],
    removedChecks: ['gone'],
    previousVerdict: 'not-conformant',
    nights: [{ verdict: 'not-conformant' }, { verdict: 'not-conformant' }, { verdict: 'not-conformant' }],
  });
});

test('a check that failed, then passed on a retry, is a pass marked flaky: reported, never hidden', () => {
  const annotations = [{ type: 'check', description: 'APIROUTE-AUTH-01' }];
  expect(outcomeOfTest('APIROUTE-AUTH-01 x', { status: 'flaky', annotations, results: [{ status: 'failed' }, { status: 'passed' }] })).toMatchObject({
    outcome: 'pass',
    flaky: true,
  });
  expect(outcomeOfTest('APIROUTE-AUTH-01 x', { status: 'expected', annotations, results: [{ status: 'passed' }] })).not.toHaveProperty('flaky');
});
