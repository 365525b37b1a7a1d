#!/usr/bin/env tsx
/**
 * Makes this machine ready for every test project: Debian's Chromium (browser tests), Debian's
 * MariaDB server (Forge SQL, started by each stack that needs it) and a Docker engine (containers target), started with --bridge=none so every container uses host
 * networking on loopback. As root it installs and starts what is missing; otherwise it says
 * exactly what to install.   npm run setup
 */
import { spawn } from 'node:child_process';
import { existsSync, openSync } from 'node:fs';
import { $ } from 'zx';

$.verbose = false;
const root = process.getuid?.() === 0;
const has = async (command: string) => (await $`command -v ${command}`.quiet().nothrow()).exitCode === 0;
const say = (line: string) => console.log(`setup: ${line}`);
let aptUpdated = false;

async function aptInstall(...packages: string[]) {
  if (!aptUpdated) await $`apt-get update -qq`;
  aptUpdated = true;
  await $({ env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })`apt-get install -y -qq --no-install-recommends ${packages}`;
}

const missing: string[] = [];

/** One component's setup; a failure is reported and the tests that need it are skipped, not the run. */
async function step(name: string, work: () => Promise<void>) {
  try {
    await work();
  } catch (error) {
    missing.push(`${name} (${String((error as Error).message).split('\n')[0]})`);
  }
}

await step('chromium', async () => {
  if (await has('chromium')) say('chromium: present');
  else if (root) {
    say('chromium: installing (Debian package)');
    await aptInstall('chromium');
  } else missing.push('chromium (apt-get install chromium)');
});

await step('mariadb', async () => {
  if (await has('mariadbd')) say('mariadb: present');
  else if (existsSync('/usr/sbin/mariadbd')) say('mariadb: present');
  else if (root) {
    say('mariadb: installing (Debian package mariadb-server; each stack starts a server of its own)');
    await aptInstall('mariadb-server');
  } else missing.push('mariadb (apt-get install mariadb-server)');
});

const engineUp = async () => (await $`docker info --format {{.ServerVersion}}`.quiet().nothrow()).exitCode === 0;
await step('a Docker engine', async () => {
  if (await engineUp()) say('docker engine: running');
  else if (root) {
    if (!(await has('dockerd'))) {
      say('docker engine: installing (Debian package docker.io)');
      await aptInstall('docker.io');
    }
    say('docker engine: starting dockerd --bridge=none');
    // Detached, so the engine outlives this script (CI and tests come after it).
    const log = openSync('/tmp/forge-conformance-dockerd.log', 'a');
    spawn('dockerd', ['--bridge=none', '--iptables=false', '--ip-masq=false'], { detached: true, stdio: ['ignore', log, log] }).unref();
    for (let i = 0; i < 60 && !(await engineUp()); i++) await new Promise((r) => setTimeout(r, 500));
    if (!(await engineUp())) missing.push('a running Docker engine (dockerd did not start: see /tmp/forge-conformance-dockerd.log)');
    else say('docker engine: running');
  } else missing.push('a Docker engine (apt-get install docker.io; dockerd --bridge=none --iptables=false --ip-masq=false &)');
});

if (missing.length) {
  say(`not available: ${missing.join('; ')}. The test projects that need them are skipped, and say so.`);
}
// Ready for the tests; anything the setup could not provide is reported above, not fatal.
process.exit(0);
