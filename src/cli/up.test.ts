import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { request } from 'node:http';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { HARNESS_ROOT } from '../common/harness-root';

test('up starts the platform, prints a curl that works, and stops cleanly on Ctrl-C', async () => {
  const child = spawn(process.execPath, [join(HARNESS_ROOT, 'bin/forge-conformance.js'), 'up', 'fixtures/apps/employee-directory'], {
    cwd: HARNESS_ROOT,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    await expect.poll(() => output, { timeout: 20_000 }).toContain('Ready. Press Ctrl-C to stop.');

    const url = /^curl -i -X GET '([^']+)'/m.exec(output)![1]!;
    // The token is printed once, as a line a shell can paste, and every curl refers to it.
    const token = /^export TOKEN_FULL='([^']+)'$/m.exec(output)![1]!;
    expect(output.split(token)).toHaveLength(2);
    expect(output.match(/^curl .*-H "Authorization: Bearer \$TOKEN_FULL"/gm)).toHaveLength(2);
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { employees: unknown[] }).employees.length).toBeGreaterThan(0);

    const authorizeUrl = new URL(/^ {2}(http:\/\/127\.0\.0\.1:\d+\/authorize\?\S+)$/m.exec(output)![1]!);
    expect(authorizeUrl.searchParams.get('scope')).toContain('read:forge-app:jira');
    expect(authorizeUrl.searchParams.get('sns')).toMatch(/^[0-9a-f-]{36}\.[0-9a-f-]{36}$/);
    expect(output).toMatch(/Connected apps page: http:\/\/127\.0\.0\.1:\d+\/sites\/[0-9a-f-]+\/connected-apps/);
    // The site's own URL form, the site known from the Host header the curl sends.
    const [, siteUrl, host] = /^curl -i -X GET '([^']+)' -H 'Host: ([^']+)'/m.exec(output)!;
    const viaSite = await new Promise<number>((resolve, reject) => {
      request(siteUrl!, { headers: { host, authorization: `Bearer ${token}` } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      })
        .on('error', reject)
        .end();
    });
    expect(viaSite).toBe(200);
    // A write with the route's example body from conformance.yaml.
    const [, writeMethod, writeUrl] = /^curl -i -X (POST|PUT|PATCH|DELETE) '([^']+)' -H 'Content-Type: application\/json'/m.exec(output)!;
    const body = /--data '([^']+)'/.exec(output)![1]!;
    const written = await fetch(writeUrl!, { method: writeMethod, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body });
    expect(written.status).toBeLessThan(300);
    expect(output).toMatch(/-H 'x-forge-conformance-control-key: [\w-]{43}'/);
    // The payroll route reaches its stubbed upstream through the egress proxy.
    const payroll = await fetch(url.replace(/\/employees$/, '/payroll/employees/2/payslips?period=2026-10'), { headers: { authorization: `Bearer ${token}` } });
    expect(await payroll.json()).toMatchObject({ employeeId: '2', period: '2026-10' });

    child.kill('SIGINT');
    const [code] = (await Promise.race([
      once(child, 'exit'),
      new Promise((_, reject) => setTimeout(() => reject(new Error('up did not stop within 10 s')), 10_000)),
    ])) as [number];
    expect(code).toBe(0);
    await expect(fetch(url)).rejects.toThrow();
  } finally {
    child.kill('SIGKILL');
  }
});

test('up refuses a directory that is not a Forge app, in one line', async () => {
  const child = spawn(process.execPath, [join(HARNESS_ROOT, 'bin/forge-conformance.js'), 'up', 'fixtures/apps/foreign-cloud-foundry'], {
    cwd: HARNESS_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: undefined },
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const [code] = await once(child, 'exit');
  expect(code).toBe(2);
  expect(stderr.trim().split('\n')).toEqual([expect.stringContaining('is not a Forge manifest')]);
});
