/**
 * Forge SQL's engine on the containers target: Debian's server in an image of its own, run with no
 * network as the harness's user, reachable only through the socket folder it is given.
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { expect, test } from '@playwright/test';
import { createConnection } from 'mysql2/promise';
import { NO_DOCKER, NO_MARIADB, withoutDocker, withoutMariaDb } from '../../../fixtures/machine';
import { MariaDbEngine } from '../../platform/sql/mariadb-engine';
import { docker } from './docker';
import { containerLauncher, ensureSqlImage } from './sql-container';

test.skip(withoutDocker, process.env[NO_DOCKER]);
test.skip(withoutMariaDb, process.env[NO_MARIADB]);

const label = 'forge-conformance.test-run';

test('the engine runs in a FROM scratch container with no network, as this user, and leaves nothing when stopped', async () => {
  test.setTimeout(120_000);
  const image = ensureSqlImage();
  expect(ensureSqlImage()).toMatchObject({ tag: image.tag, built: false });
  const run = `${process.pid}-${Date.now()}`;
  const engine = await new MariaDbEngine({ launcher: containerLauncher(`forge-conformance-sql-test-${run}`, { [label]: run }) }).start();
  const containers = () => docker(['ps', '-a', '-q', '--filter', `label=${label}=${run}`]).trim();
  try {
    const [id] = containers().split('\n');
    const [network, user] = docker(['inspect', '--format', '{{.HostConfig.NetworkMode}} {{.Config.User}}', id!]).trim().split(' ');
    expect(network).toBe('none');
    expect(user).toBe(`${process.getuid!()}:${process.getgid!()}`);
    // Reached through its socket, with the stack's own password only.
    const root = await createConnection(engine.address);
    try {
      const [rows] = await root.query('SELECT @@version AS version, @@skip_networking AS noTcp, @@collation_server AS collation');
      expect(rows).toEqual([{ version: expect.stringMatching(/MariaDB/), noTcp: 1, collation: 'utf8mb4_bin' }]);
    } finally {
      await root.end();
    }
    await expect(createConnection({ ...engine.address, password: '' })).rejects.toThrow(/Access denied/);
  } finally {
    await engine.stop();
  }
  expect(containers()).toBe('');
  expect(existsSync(dirname(dirname(engine.address.socketPath)))).toBe(false);
});

test('a server that cannot start in its container says why in one sentence, and leaves nothing', async () => {
  const run = `${process.pid}-${Date.now()}-broken`;
  const launcher = containerLauncher(`forge-conformance-sql-test-${run}`, { [label]: run });
  // A setting the server refuses: what a damaged template or a wrong flag would look like.
  const broken = { launch: (binary: string, args: string[], home: string) => launcher.launch(binary, [...args, '--no-such-setting=1'], home) };
  await expect(new MariaDbEngine({ launcher: broken }).start()).rejects.toThrow(/^MariaDB did not start: .*no-such-setting/);
  expect(docker(['ps', '-a', '-q', '--filter', `label=${label}=${run}`]).trim()).toBe('');
});
