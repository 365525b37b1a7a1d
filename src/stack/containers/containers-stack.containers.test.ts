import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, test } from '@playwright/test';
import { APPS_DIR, brokenApp, SAMPLE_APP, SAMPLE_UPSTREAMS } from '../../../fixtures/apps';
import { callApp, memberToken } from '../../../fixtures/harness';
import { freePort } from '../../platform/http/free-port';
import type { RunSummary } from '../../report/summary';
import { startContainersStack, STACK_LABEL } from './containers-stack';
import { docker } from './docker';
import { NO_MARIADB, withoutDocker, withoutMariaDb } from '../../../fixtures/machine';
import { HARNESS_ROOT } from '../../common/harness-root';

test.skip(withoutDocker, 'no Docker engine answers on this machine (the warning at the start says why)');

const harnessContainers = () => docker(['ps', '-a', '-q', '--filter', `label=${STACK_LABEL}`]).trim();

test.describe.configure({ mode: 'serial', timeout: 240_000 });

/** `run APP --target containers`, which must exit 0; its run folder and summary. */
function runOnContainers(app: string): { runDir: string; summary: RunSummary } {
  const out = test.info().outputPath('reports');
  const result = spawnSync(process.execPath, [join(HARNESS_ROOT, 'bin/forge-conformance.js'), 'run', app, '--target', 'containers', '--out', out], {
    cwd: HARNESS_ROOT,
    encoding: 'utf8',
    timeout: 200_000,
  });
  expect(result.status, (result.stdout + result.stderr).slice(-3000)).toBe(0);
  const runDir = join(HARNESS_ROOT, /^Reports: (.+?) \(/m.exec(result.stdout)![1]!);
  return { runDir, summary: JSON.parse(readFileSync(join(runDir, 'summary.json'), 'utf8')) as RunSummary };
}

test('the sample app is conformant on the containers target, and no container is left after the run', async () => {
  const { runDir, summary } = runOnContainers(SAMPLE_APP);
  expect(summary).toMatchObject({ target: 'containers', verdict: 'conformant', counts: { fail: 0, warn: 0 } });
  // The HR portal's contract holds on this target too, every interaction through the containerized gateway.
  expect(summary.checks.filter((c) => c.id === 'CONTRACT-PACT-01' && c.outcome === 'pass')).toHaveLength(9);
  expect(existsSync(join(runDir, 'certificate.md'))).toBe(true);
  expect(harnessContainers()).toBe('');
});

test('contracts verify --target containers: the sample app honours the HR portal pact, and a drifted app fails its interactions', async () => {
  const verify = (app: string) =>
    spawnSync(process.execPath, [join(HARNESS_ROOT, 'bin/forge-conformance.js'), 'contracts', 'verify', app, '--target', 'containers'], {
      cwd: HARNESS_ROOT,
      encoding: 'utf8',
      timeout: 200_000,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, PACT_BROKER_BASE_URL: undefined },
    });
  const sample = verify(SAMPLE_APP);
  expect(sample.status, (sample.stdout + sample.stderr).slice(-3000)).toBe(0);
  expect(sample.stdout).toContain('✔ every interaction holds (9, 1 pact file)');
  const drifted = verify(brokenApp('broken-contract-drift'));
  expect(drifted.status).toBe(1);
  expect(drifted.stdout).toContain('✖ 4 of 9 interactions do not hold');
  expect(harnessContainers()).toBe('');
});

test('the timesheets sample, with its storage, entities, queue and variables, is conformant on the containers target', async () => {
  const { summary } = runOnContainers(join(APPS_DIR, 'timesheets'));
  expect(summary).toMatchObject({ target: 'containers', verdict: 'conformant', counts: { fail: 0 } });
  // The background work ran in the proxy container, through the runtime container.
  expect(summary.checks.find((c) => c.id === 'EVENTS-CONSUMER-01')).toMatchObject({ outcome: 'pass' });
  expect(summary.platformServices.map((s) => s.service)).toEqual(['storage', 'events']);
  expect(harnessContainers()).toBe('');
});

test('the ledger sample, with its Forge SQL migrations and a database for each installation, is conformant on the containers target', async () => {
  test.skip(withoutMariaDb(), process.env[NO_MARIADB]);
  const { summary } = runOnContainers(join(APPS_DIR, 'ledger'));
  expect(summary).toMatchObject({ target: 'containers', verdict: 'conformant', counts: { fail: 0 } });
  // Every statement ran on the engine's container, through the proxy container.
  expect(summary.checks.find((c) => c.id === 'SQL-STATEMENT-01')).toMatchObject({ outcome: 'pass' });
  expect(summary.platformServices.map((s) => s.service)).toEqual(['sql']);
  expect(harnessContainers()).toBe('');
});

test("storage runs in the proxy container: a handler's @forge/kvs keys are its installation's, and another site's installation never reads them", async () => {
  await using stack = await startContainersStack({ app: join(APPS_DIR, 'kvs-probe') });
  const [tenant, other] = [await stack.admin.createTenant(), await stack.admin.createTenant()];
  const call = async (site: typeof tenant, action: string) =>
    (await callApp(stack, site, `/probe/${action}`, { token: await memberToken(stack, site, ['read:probe:custom']) })).json();
  expect(await call(tenant, 'write')).toEqual({ result: null });
  expect(await call(tenant, 'read')).toEqual({ result: { text: 'hello' } });
  expect(await call(other, 'read')).toEqual({ result: null });
});

test("a function's worker thread reaches the network through the proxy container too: the bundled preload routes it for its invocation", async () => {
  const app = join(APPS_DIR, 'egress-probe');
  await using stack = await startContainersStack({ app, upstreams: [join(app, 'upstreams'), SAMPLE_UPSTREAMS] });
  const tenant = await stack.admin.createTenant();
  const token = await memberToken(stack, tenant, ['send:probe:custom']);
  const outbound = async (url: string) =>
    (
      await callApp(stack, tenant, '/outbound', {
        method: 'POST',
        token,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ url, around: 'worker' }),
      })
    ).json();
  expect(await outbound('https://api.payroll.example.com/v1/employees/2/payslips?period=2026-10')).toMatchObject({
    status: 200,
    body: expect.stringContaining('2026-10'),
  });
  expect(await outbound('https://undeclared.example.org/exfiltrate')).toMatchObject({ error: { name: 'REQUEST_EGRESS_ALLOWLIST_ERR', status: 403 } });
});

test("queues in the proxy container deliver to a function, to an app event's trigger and to a container service's endpoint, whose context and storage calls are the delivery's", async () => {
  await using stack = await startContainersStack({ app: join(APPS_DIR, 'queue-probe') });
  const tenant = await stack.admin.createTenant();
  const token = await memberToken(stack, tenant, ['read:probe:custom']);
  const probe = async (action: string, tag = 'c') => (await callApp(stack, tenant, `/probe/${action}?tag=${tag}`, { token })).json() as Record<string, unknown>;
  await probe('push');
  await probe('sink');
  expect(await probe('app-event')).toMatchObject({ type: 'success' });
  expect(await stack.observations.settleEvents(60_000)).toBe(0);
  expect(await probe('read', 'c:1')).toMatchObject({ result: { body: { record: 'c:1', n: 1 }, moduleKey: 'work-consumer' } });
  expect(await probe('read', 'c:s')).toMatchObject({
    result: { event: { body: { record: 'c:s' }, queueName: 'sink' }, module: { key: 'sink-consumer', type: 'core:consumer' } },
  });
  expect(await probe('read', 'app-event')).toMatchObject({ result: { moduleKey: 'report-trigger', deliveries: 1 } });
});

test('a runtime container killed during a call costs that call a clear failure, and the report says what happened', async () => {
  const stack = await startContainersStack({ app: join(APPS_DIR, 'faulty-handlers'), profile: { gateway: { invocationTimeoutMs: 20_000 } } });
  try {
    const tenant = await stack.admin.createTenant();
    const { access_token } = await stack.auth.mintToken({
      accountId: tenant.user.accountId,
      cloudId: tenant.site.cloudId,
      scopes: ['read:forge-app:jira', 'read:fault:custom'],
    });
    expect((await callApp(stack, tenant, '/ok', { token: access_token })).status).toBe(200);
    // The control endpoints answer only to the stack's control key on this target too.
    for (const url of [
      `${stack.urls.auth}/_internal/oauth-client`,
      `${stack.urls.proxy}/_observe/traffic`,
      `${stack.urls.gateway}/_observe/calls`,
      `${stack.urls.admin}/api/sites/${tenant.site.cloudId}`,
    ]) {
      expect((await fetch(url)).status, url).toBe(403);
    }
    const forged = await fetch(`${stack.urls.proxy}/_internal/invocations`, { method: 'POST', body: JSON.stringify({ invocationId: 'forged' }) });
    expect(forged.status).toBe(403);

    const runtime = docker(['ps', '-q', '--filter', `label=${STACK_LABEL}`, '--filter', 'label=forge-conformance.role=runtime']).trim();
    const pending = callApp(stack, tenant, '/hangs', { token: access_token });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    docker(['kill', runtime]);
    const failed = await pending;
    expect(failed.status).toBe(500);
    const observed = await failed.observation();
    expect(observed.invocation?.outcome).toBe('crashed');
    expect(observed.reason).toMatch(/the runtime could not be reached/);
  } finally {
    await stack.stop();
  }
  expect(harnessContainers()).toBe('');
});

test('an app checked out anywhere runs with fixed ports, its own log lines and a recording, as on the embedded target', async () => {
  // Outside the harness, with no node_modules: nothing of the harness is reachable but the image.
  const appDir = mkdtempSync(join(tmpdir(), 'containers-app-'));
  cpSync(join(APPS_DIR, 'minimal'), appDir, { recursive: true });
  writeFileSync(
    join(appDir, 'src/index.ts'),
    [
      "import api from '@forge/api';",
      'export const getGreeting = async () => {',
      '  console.log(`greeting asked for; fetch is a ${typeof api.fetch}`);',
      "  return { statusCode: 200, headers: { 'Content-Type': ['application/json'] }, body: JSON.stringify({ greeting: 'hello' }) };",
      '};',
      '',
    ].join('\n'),
  );
  const record = join(appDir, 'recorded/upstreams.json');
  mkdirSync(dirname(record));
  const [gateway, auth, admin, proxy] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  const appLog: string[] = [];
  const stack = await startContainersStack({
    app: appDir,
    ports: { gateway, auth, admin, proxy },
    recordUpstreams: record,
    onAppLog: (line) => appLog.push(line),
  });
  try {
    expect(stack.urls).toEqual({
      gateway: `http://127.0.0.1:${gateway}`,
      auth: `http://127.0.0.1:${auth}`,
      admin: `http://127.0.0.1:${admin}`,
      proxy: `http://127.0.0.1:${proxy}`,
    });
    const tenant = await stack.admin.createTenant();
    const { access_token } = await stack.auth.mintToken({
      accountId: tenant.user.accountId,
      cloudId: tenant.site.cloudId,
      scopes: ['read:forge-app:jira', 'read:greeting:custom'],
    });
    expect((await callApp(stack, tenant, '/greetings/1', { token: access_token })).status).toBe(200);
    await expect.poll(() => appLog).toContain('greeting asked for; fetch is a function');
  } finally {
    await stack.stop();
  }
  // Written by the proxy container when it stopped, into the directory asked for.
  expect(JSON.parse(readFileSync(record, 'utf8'))).toEqual([]);
  rmSync(appDir, { recursive: true, force: true });
});

test('a fixed port that is taken fails the start at once, as listening would, and leaves nothing behind', async () => {
  const taken = createServer().listen(0, '127.0.0.1');
  await once(taken, 'listening');
  try {
    const port = (taken.address() as AddressInfo).port;
    await expect(startContainersStack({ app: join(APPS_DIR, 'minimal'), ports: { gateway: port } })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  } finally {
    taken.close();
  }
  expect(harnessContainers()).toBe('');
});

test('up --target containers serves the app and removes every container on Ctrl-C', async () => {
  const child = spawn(process.execPath, [join(HARNESS_ROOT, 'bin/forge-conformance.js'), 'up', SAMPLE_APP, '--target', 'containers'], {
    cwd: HARNESS_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined },
  });
  const exited = once(child, 'exit');
  try {
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    await expect.poll(() => output, { timeout: 90_000 }).toContain('Ready. Press Ctrl-C to stop.');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(child.exitCode, 'up keeps running until told to stop').toBeNull();
    expect(output).toContain('is up on the containers platform');
    const url = /^curl -i -X GET '([^']+)'/m.exec(output)![1]!;
    const token = /^export TOKEN_FULL='([^']+)'$/m.exec(output)![1]!;
    expect((await fetch(url, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect(harnessContainers()).not.toBe('');
    child.kill('SIGINT');
    const [code] = (await exited) as [number];
    expect(code).toBe(0);
  } finally {
    child.kill('SIGKILL');
  }
  expect(harnessContainers()).toBe('');
});
