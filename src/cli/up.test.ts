import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect, test } from '@playwright/test';
import { HARNESS_ROOT } from '../common/harness-root';
import { NO_MARIADB, withoutMariaDb } from '../../fixtures/machine';

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

/** Starts `up` with arguments; resolves with its output once it is ready, or with its exit. */
async function startUp(args: string[]) {
  const child = spawn(process.execPath, [join(HARNESS_ROOT, 'bin/forge-conformance.js'), 'up', ...args], {
    cwd: HARNESS_ROOT,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = once(child, 'exit').then(([code]) => code as number);
  return { child, exited, output: () => output, stderr: () => stderr };
}

test('up --seed starts the demo installation from known data, and shows what it keeps behind the control key', async () => {
  const seed = join(test.info().outputPath(), 'seed.yaml');
  mkdirSync(dirname(seed), { recursive: true });
  writeFileSync(
    seed,
    'version: 1\nkeys:\n  settings: { currency: EUR }\nsecrets:\n  signing-secret: seeded-signing-secret\nentities:\n  timesheet:\n    ann-1: { employee: ann, week: 1, hours: 38 }\n',
  );
  const up = await startUp(['fixtures/apps/timesheets', '--seed', seed]);
  try {
    await expect.poll(up.output, { timeout: 20_000 }).toContain('Ready. Press Ctrl-C to stop.');
    const token = /^export TOKEN_FULL='([^']+)'$/m.exec(up.output())![1]!;
    const listUrl = /^curl -i -X GET '([^']+)'/m.exec(up.output())![1]!.replace(/\/timesheets\?employee=ann$/, '/timesheets?employee=ann');
    // The app reads the seeded item as its own.
    const list = await fetch(listUrl, { headers: { authorization: `Bearer ${token}` } });
    expect(await list.json()).toEqual({ timesheets: [{ id: 'ann-1', employee: 'ann', week: 1, hours: 38 }] });
    const page = /What the installation keeps .*?: (\S+)/.exec(up.output())![1]!;
    expect(up.output()).toContain('(seeded with 3 items)');
    const html = await (await fetch(page)).text();
    expect(html).toContain('settings');
    expect(html).toContain('ann-1');
    expect(html).toContain('signing-secret');
    expect(html, 'a secret is shown by name only').not.toContain('seeded-signing-secret');
    // Without the key, nothing.
    expect((await fetch(page.replace(/\?key=.*$/, ''))).status).toBe(403);
  } finally {
    up.child.kill('SIGINT');
    await up.exited;
  }
});

test('up --seed with an item the store refuses stops with one sentence at its line, and leaves nothing running', async () => {
  const seed = join(test.info().outputPath(), 'seed.yaml');
  mkdirSync(dirname(seed), { recursive: true });
  writeFileSync(seed, 'version: 1\nentities:\n  timesheet:\n    ann-1: { employee: ann, week: one, hours: 38 }\n');
  const up = await startUp(['fixtures/apps/timesheets', '--seed', seed]);
  expect(await up.exited).toBe(2);
  expect(up.stderr().trim().split('\n')).toEqual([
    expect.stringMatching(
      /^forge-conformance up: seed\.yaml:4: entities\.timesheet\.ann-1 was refused as the app's write would be: .*week must be of type integer\.$/,
    ),
  ]);
});

test('up --seed runs a seed file’s SQL on the installation’s database: its tables and rows are on the installation’s page; a refused statement stops at its line', async () => {
  test.skip(withoutMariaDb(), process.env[NO_MARIADB]);
  const seed = join(test.info().outputPath(), 'seed.yaml');
  mkdirSync(dirname(seed), { recursive: true });
  const table =
    "CREATE TABLE IF NOT EXISTS entries (id BIGINT PRIMARY KEY AUTO_INCREMENT, account VARCHAR(64) NOT NULL, amount_cents BIGINT NOT NULL, memo VARCHAR(200) NOT NULL DEFAULT '', booked_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)";
  writeFileSync(seed, `version: 1\nsql:\n  - "${table}"\n  - "INSERT INTO entries (account, amount_cents) VALUES ('cash', 4200)"\n`);
  const up = await startUp(['fixtures/apps/ledger', '--seed', seed]);
  try {
    await expect.poll(up.output, { timeout: 20_000 }).toContain('Ready. Press Ctrl-C to stop.');
    expect(up.output()).toContain('(seeded with 2 items)');
    const page = /What the installation keeps .*?: (\S+)/.exec(up.output())![1]!;
    const html = await (await fetch(page)).text();
    expect(html).toMatch(/<code>entries<\/code><\/td><td>1<\/td>/);
  } finally {
    up.child.kill('SIGINT');
    await up.exited;
  }
  writeFileSync(seed, 'version: 1\nsql:\n  - CREATE TABLE t (id INT PRIMARY KEY)\n  - START TRANSACTION\n');
  const refused = await startUp(['fixtures/apps/ledger', '--seed', seed]);
  expect(await refused.exited).toBe(2);
  expect(refused.stderr().trim().split('\n')).toEqual([
    expect.stringMatching(/^forge-conformance up: seed\.yaml:4: sql\.1 was refused as the app's write would be: .*transactions/),
  ]);
});
