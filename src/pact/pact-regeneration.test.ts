import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { PACT_DIR_OVERRIDE } from '../../contracts/pact-writer';
import { HARNESS_ROOT } from '../common/harness-root';

const COMMITTED = {
  'hr-portal-employee-directory.json': 'contracts/pacts',
  'apiroute-consumer-forge-apiroute-gateway.json': 'contracts/platform',
  'forge-containers-service-forge-outbound-proxy.json': 'contracts/platform',
};
const WRITERS = [
  'contracts/consumers/hr-portal.pact.test.ts',
  'contracts/platform/apiroute-gateway.pact.test.ts',
  'contracts/platform/outbound-proxy.pact.test.ts',
];

test.describe.configure({ timeout: 300_000 });

// Each run is a Playwright run of its own, with its own output folder and reporter, so it touches nothing of the run it is part of.
test('the consumer tests write every committed pact byte for byte the same, ten runs in a row', () => {
  for (let run = 1; run <= 10; run++) {
    const into = test.info().outputPath(`run-${run}`);
    const result = spawnSync(
      process.execPath,
      [
        join(HARNESS_ROOT, 'node_modules/@playwright/test/cli.js'),
        'test',
        '--project',
        'contracts',
        '--reporter',
        'dot',
        '--output',
        join(into, 'test-results'),
        ...WRITERS,
      ],
      {
        cwd: HARNESS_ROOT,
        encoding: 'utf8',
        env: { ...process.env, [PACT_DIR_OVERRIDE]: into },
      },
    );
    expect(result.status, `run ${run}: ${result.stdout.slice(-1000)}`).toBe(0);
    expect(
      readdirSync(into)
        .filter((f) => f.endsWith('.json'))
        .sort(),
      `run ${run} wrote exactly the committed pacts`,
    ).toEqual(Object.keys(COMMITTED).sort());
    for (const [file, folder] of Object.entries(COMMITTED)) {
      expect(readFileSync(join(into, file)).equals(readFileSync(join(HARNESS_ROOT, folder, file))), `run ${run}: ${file} differs from ${folder}/${file}`).toBe(
        true,
      );
    }
  }
});
