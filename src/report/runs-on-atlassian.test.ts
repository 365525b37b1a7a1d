import { expect, test } from '@playwright/test';
import { appVariant, MINIMAL_APP } from '../../fixtures/apps';
import { loadApp } from '../app/load-app';
import type { TrafficEntry } from '../platform/proxy/traffic-log';
import { runsOnAtlassian } from './runs-on-atlassian';

const forwarded = (host: string, path = '/x'): TrafficEntry => ({
  id: 1,
  at: '2026-12-02T00:00:00.000Z',
  invocationId: 'i',
  routeKey: 'r',
  kind: 'external',
  method: 'POST',
  target: `${host}${path}`,
  host,
  decision: 'forwarded',
  status: 200,
  requestBytes: 0,
  responseBytes: 0,
  durationMs: 1,
  callerTokenSeen: false,
  as: 'app',
});

const ANALYTICS_EGRESS = `permissions:
  external:
    fetch:
      backend:
        - address: "*.insights.example.net"
          category: analytics
          inScopeEUD: false
`;

test('an app with no egress, no remotes and no web triggers is eligible, and says what was not judged', () => {
  const verdict = runsOnAtlassian(loadApp(MINIMAL_APP), []);
  expect(verdict).toMatchObject({ eligible: true, reasons: [] });
  expect(verdict.judgedFrom.join(' ')).toContain('0 external requests forwarded');
  expect(verdict.notJudged).toEqual([expect.stringContaining('data residency')]);
});

test('analytics egress is allowed; a request the run sent anywhere else is not, by host and count', ({}, testInfo) => {
  const dir = appVariant(MINIMAL_APP, testInfo.outputPath('app'), { 'manifest.yml': (text) => `${text}${ANALYTICS_EGRESS}` });
  const app = loadApp(dir);
  expect(runsOnAtlassian(app, [forwarded('eu.insights.example.net')]).eligible).toBe(true);
  const refusedToo = { ...forwarded('api.payroll.example.com'), decision: 'refused' as const };
  const verdict = runsOnAtlassian(app, [
    forwarded('eu.insights.example.net'),
    forwarded('api.payroll.example.com'),
    forwarded('api.payroll.example.com', '/y'),
    refusedToo,
  ]);
  expect(verdict.eligible).toBe(false);
  // A refused request never left: only the two forwarded ones count.
  expect(verdict.reasons).toEqual(['the run sent 2 requests to api.payroll.example.com, which no analytics entry allows']);
});

test('egress that is not analytics, remotes and dynamic web triggers are each a reason, from the manifest alone when nothing ran', ({}, testInfo) => {
  const dir = appVariant(MINIMAL_APP, testInfo.outputPath('app'), {
    'manifest.yml': (text) =>
      text.replace(
        '  function:\n',
        '  webtrigger:\n    - key: hook\n      function: greeting\n    - key: page\n      function: greeting\n      response:\n        type: static\n  function:\n',
      ) +
      'remotes:\n  - key: backend\n    baseUrl: https://backend.example.com\npermissions:\n  external:\n    fetch:\n      backend:\n        - api.example.com\n        - address: stats.example.com\n          category: analytics\n          inScopeEUD: true\n',
  });
  const verdict = runsOnAtlassian(loadApp(dir), undefined);
  expect(verdict.reasons).toEqual([
    'backend egress to api.example.com is not an analytics entry (category: analytics, inScopeEUD: false)',
    'backend egress to stats.example.com is not an analytics entry (category: analytics, inScopeEUD: false)',
    'the manifest declares remotes (backend)',
    'web trigger hook is not static (response.type: static)',
  ]);
  expect(verdict.judgedFrom.join(' ')).toContain('only the manifest was judged');
});
