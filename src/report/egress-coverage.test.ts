import { expect, test } from '@playwright/test';
import { egressCoverageOutcomes } from './egress-coverage';

test('an expected method never sent fails, one sent but not expected warns, and agreement passes, host by host', () => {
  const outcomes = egressCoverageOutcomes(
    { 'api.payroll.example.com': ['GET', 'PATCH'], 'eu.hr.example.net': ['POST'], 'quiet.example.org': ['GET'] },
    { 'api.payroll.example.com': ['GET', 'POST'], 'eu.hr.example.net': ['POST'], 'extra.example.com': ['GET'] },
  );
  expect(outcomes.map((o) => [o.case, o.outcome, o.message])).toEqual([
    [
      'EGRESS-COVERAGE-01 api.payroll.example.com',
      'fail',
      expect.stringMatching(/^expected PATCH to api\.payroll\.example\.com, which no call of the run sent .* \(it sent GET, POST\)/),
    ],
    ['EGRESS-COVERAGE-01 eu.hr.example.net', 'pass', 'POST, as expected'],
    ['EGRESS-COVERAGE-01 quiet.example.org', 'fail', expect.stringMatching(/^expected GET to quiet\.example\.org, .* \(it sent none\)/)],
    ['EGRESS-COVERAGE-01 extra.example.com', 'warn', expect.stringMatching(/does not list the host/)],
  ]);
  // A method sent beyond the expected ones, with every expected one sent: a warning.
  expect(egressCoverageOutcomes({ 'a.example.com': ['GET'] }, { 'a.example.com': ['GET', 'DELETE'] })).toEqual([
    expect.objectContaining({
      outcome: 'warn',
      message: expect.stringMatching(/^a\.example\.com was sent DELETE, which conformance\.yaml's egress does not expect/),
    }),
  ]);
});

test('nothing expected, nothing judged: the certificate lists what each host received', () => {
  expect(egressCoverageOutcomes({}, { 'a.example.com': ['GET'] })).toEqual([]);
});
