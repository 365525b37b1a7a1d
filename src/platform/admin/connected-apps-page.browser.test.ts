import { browserTest as test, callApp, expect } from '../../../fixtures/harness';
import { withoutBrowser } from '../../../fixtures/machine';

test.skip(withoutBrowser, 'no Chromium on this machine (the warning at the start says where it was looked for)');

test('in Chromium: switching REST APIs off on the Connected apps page rejects the next call', async ({ page, stack, tenant, tokenFor }, testInfo) => {
  const token = await tokenFor(['read:employee:custom']);
  expect((await callApp(stack, tenant, '/employees/1', { token })).status).toBe(200);

  await page.goto(stack.admin.connectedAppsUrl(tenant.site.cloudId));
  const state = page.getByRole('status', { name: 'REST APIs of employee-directory' }).or(page.getByLabel('REST APIs of employee-directory'));
  await expect(state).toHaveText('On');
  await testInfo.attach('connected apps, REST APIs on', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });

  await page.getByRole('button', { name: 'Turn off REST APIs' }).click();
  await expect(state).toHaveText('Off');
  await testInfo.attach('connected apps, REST APIs off', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });

  const refused = await callApp(stack, tenant, '/employees/1', { token });
  expect(refused.status).toBe(403);
  expect(refused.headers.get('x-failure-category')).toBe('FAILURE_APP_REST_API_DISABLED');
  expect((await refused.observation()).invocation).toBeUndefined();

  await page.getByRole('button', { name: 'Turn on REST APIs' }).click();
  await expect(state).toHaveText('On');
  expect((await callApp(stack, tenant, '/employees/1', { token })).status).toBe(200);
});
