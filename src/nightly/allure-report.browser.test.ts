import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { appVariant, MINIMAL_APP } from '../../fixtures/apps';
import { forgeConformance } from '../../fixtures/cli-run';
import { withoutBrowser } from '../../fixtures/machine';

test.skip(withoutBrowser, 'no Chromium on this machine (the warning at the start says where it was looked for)');

test("in Chromium with the network cut off: the nightly's Allure Report opens, shows the checks, and asks nothing of any other host", async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  appVariant(MINIMAL_APP, testInfo.outputPath('app'), {});
  writeFileSync(testInfo.outputPath('nightly.yaml'), 'version: 1\napps:\n  - path: app\nhistory: history\nout: nightly\nretries: 0\n');
  const night = forgeConformance('nightly', '--config', testInfo.outputPath('nightly.yaml'));
  expect(night.code, night.output.slice(-1500)).toBe(0);

  const elsewhere: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (/^(file|data|blob):/.test(url)) return route.continue();
    elsewhere.push(url);
    return route.abort();
  });
  await page.goto(pathToFileURL(testInfo.outputPath('nightly/allure/app-embedded/index.html')).href);
  await expect(page.getByText('app (embedded)').first()).toBeVisible({ timeout: 30_000 });
  // The tree opens down to the checks, by name: the package, the module, the spec file.
  for (const group of ['forge-conformance', 'conformance.ts', 'suites/scope-denial.spec.ts', 'scope-denial.spec.ts']) {
    const node = page.getByText(group, { exact: true }).first();
    if (await node.isVisible()) await node.click();
  }
  await expect(page.getByText('APIROUTE-SCOPE-02 GET /greetings/*').first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(elsewhere).toEqual([]);
});
