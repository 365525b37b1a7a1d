import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { HARNESS_ROOT } from '../common/harness-root';

// The package as a partner gets it: `npm pack`, installed in an empty folder, then run through
// npx from that folder. Nothing is fetched: the folder's lock file pins the tarball and, from the
// harness's own lock, every package it depends on, which `npm ci` put in the npm cache.
test.describe.configure({ timeout: 300_000 });

/** A project depending on the tarball alone, locked to what the harness's lock resolves (its non-dev packages). */
function projectOf(tarball: string, into: string): void {
  const harnessLock = JSON.parse(readFileSync(join(HARNESS_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
  const manifest = JSON.parse(readFileSync(join(HARNESS_ROOT, 'package.json'), 'utf8')) as {
    version: string;
    dependencies: Record<string, string>;
    bin: Record<string, string>;
  };
  const dependency = { 'forge-conformance': `file:${tarball}` };
  const locked = Object.entries(harnessLock.packages).filter(([path, entry]) => path.startsWith('node_modules/') && !entry.dev);
  writeFileSync(join(into, 'package.json'), JSON.stringify({ name: 'an-empty-project', version: '1.0.0', private: true, dependencies: dependency }));
  writeFileSync(
    join(into, 'package-lock.json'),
    JSON.stringify({
      name: 'an-empty-project',
      version: '1.0.0',
      lockfileVersion: 3,
      requires: true,
      packages: {
        '': { name: 'an-empty-project', version: '1.0.0', dependencies: dependency },
        'node_modules/forge-conformance': {
          version: manifest.version,
          resolved: `file:${tarball}`,
          integrity: `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`,
          dependencies: manifest.dependencies,
          bin: manifest.bin,
        },
        ...Object.fromEntries(locked),
      },
    }),
  );
}

/**
 * A cache of this test's own, made from the machine's: another npm install running meanwhile
 * (a CI step, a developer) rewrites the shared cache's index under an offline install. Content
 * files are named by their hash and never change, so they are linked; the index is copied.
 */
function privateCache(): string {
  const shared = join(execFileSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' }).trim(), '_cacache');
  const own = test.info().outputPath('npm-cache');
  mkdirSync(join(own, '_cacache'), { recursive: true });
  execFileSync('cp', ['-al', join(shared, 'content-v2'), join(own, '_cacache', 'content-v2')]);
  cpSync(join(shared, 'index-v5'), join(own, '_cacache', 'index-v5'), { recursive: true });
  return own;
}

const npm = (args: string[], cwd: string, cache?: string) =>
  spawnSync('npm', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
      ...(cache && { npm_config_cache: cache }),
    },
  });

test('npm pack gives a tarball that installs in an empty folder and lints an app there', () => {
  const packed = test.info().outputPath('packed');
  mkdirSync(packed, { recursive: true });
  const pack = npm(['pack', '--pack-destination', packed, '--silent'], HARNESS_ROOT);
  expect(pack.status, pack.stderr.slice(-2000)).toBe(0);
  const [tarball] = readdirSync(packed).filter((f) => f.endsWith('.tgz'));
  expect(tarball).toMatch(/^forge-conformance-\d+\.\d+\.\d+\.tgz$/);
  const listing = execFileSync('tar', ['-tzf', join(packed, tarball!)], { encoding: 'utf8' });
  for (const file of [
    'package/bin/forge-conformance.js',
    'package/dist/cli.mjs',
    'package/dist/platform.mjs',
    'package/dist/host.mjs',
    'package/playwright.config.ts',
    'package/suites/conformance.ts',
  ])
    expect(listing, file).toContain(file);
  expect(listing, 'no test results, reports or node_modules in the package').not.toMatch(/package\/(test-results|reports|node_modules)\//);

  const empty = test.info().outputPath('empty');
  mkdirSync(empty, { recursive: true });
  projectOf(join(packed, tarball!), empty);
  const cache = privateCache();
  const install = npm(['ci', '--offline', '--ignore-scripts'], empty, cache);
  expect(install.status, install.stderr.slice(-2000)).toBe(0);
  const lint = npm(['exec', '--offline', '--', 'forge-conformance', 'lint', join(HARNESS_ROOT, 'fixtures/apps/minimal')], empty, cache);
  expect(lint.status, lint.stdout + lint.stderr).toBe(0);
  expect(lint.stdout).toContain('no errors');
  const version = npm(['exec', '--offline', '--', 'forge-conformance', '--version'], empty, cache);
  expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
});

test('on a Node.js older than the package needs, the CLI says so in one sentence', () => {
  // The machine's own node, when it is older than 22.22 (the Debian image's is 20); skipped where it is not.
  const system = spawnSync('/usr/bin/env', ['-i', 'PATH=/usr/local/bin:/usr/bin:/bin', 'node', '--version'], { encoding: 'utf8' });
  const [major, minor] = system.stdout.trim().slice(1).split('.').map(Number);
  test.skip(
    system.status !== 0 || major! > 22 || (major === 22 && minor! >= 22),
    `the machine's node is ${system.stdout.trim() || 'absent'}: not older than 22.22`,
  );
  const old = spawnSync('/usr/bin/env', ['-i', 'PATH=/usr/local/bin:/usr/bin:/bin', 'node', join(HARNESS_ROOT, 'bin/forge-conformance.js'), '--version'], {
    encoding: 'utf8',
  });
  expect(old.status).toBe(2);
  expect(old.stderr.trim().split('\n')).toEqual([
    expect.stringMatching(/^forge-conformance needs Node\.js 22\.22 or later, and this is v\d+\.\d+\.\d+: install a newer Node\.js/),
  ]);
});
