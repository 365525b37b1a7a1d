import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM } from '../src/report/chromium-path';
import { NOT_TAKEN_FILE } from '../src/report/screenshots';
import { expect, plan, test } from './conformance';

/**
 * Not a check: the pictures the certificate shows (src/report/screenshots.ts), taken in Chromium
 * while the checks run. Without Chromium the run folder says why, and the certificate with it.
 */
test('screenshots for the certificate: the consent screen and the Connected apps page', async ({ stack }, testInfo) => {
  const runDir = process.env.FORGE_CONFORMANCE_RUN_DIR;
  const dir = runDir ? join(runDir, 'screenshots') : testInfo.outputPath('screenshots');
  mkdirSync(dir, { recursive: true });
  const notTaken = (why: string) => writeFileSync(join(dir, NOT_TAKEN_FILE), `${why}\n`);
  if (stack.target === 'remote') return test.skip(true, 'a real deployment is not screenshot');
  if (runDir && !process.env.FORGE_CONFORMANCE_SCREENSHOTS) {
    notTaken('not taken by `run`: `certify` and `nightly` take them (Chromium costs a run about 3 s)');
    return test.skip(true, 'this run takes no screenshots');
  }
  if (!existsSync(CHROMIUM)) {
    notTaken(`not taken: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
    return test.skip(true, `no Chromium at ${CHROMIUM}`);
  }
  const tenant = await stack.admin.createTenant();
  const browser = await chromium.launch({ executablePath: CHROMIUM });
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 760 } });
    await page.goto(stack.auth.authorizationUrl({ scopes: plan.customScopes, state: 'certificate' }));
    await page.getByRole('button', { name: new RegExp(tenant.user.name) }).click();
    await expect(page.getByRole('heading', { name: /wants access/ })).toBeVisible();
    await page.screenshot({ path: join(dir, 'consent.png'), fullPage: true });
    await page.goto(stack.admin.connectedAppsUrl(tenant.site.cloudId));
    await expect(page.getByText(/REST API/).first()).toBeVisible();
    await page.screenshot({ path: join(dir, 'connected-apps.png'), fullPage: true });
  } catch (error) {
    notTaken(`not taken: Chromium could not show the pages (${(error as Error).message.split('\n')[0]})`);
    throw error;
  } finally {
    await browser.close();
  }
});
