import { browserTest as test, callApp, expect } from '../../../fixtures/harness';
import { withoutBrowser } from '../../../fixtures/machine';

test.skip(withoutBrowser, 'no Chromium on this machine (the warning at the start says where it was looked for)');

test('in Chromium: log in, see each scope with its text, untick one, and the route needing it is denied', async ({ page, stack, tenant }, testInfo) => {
  const url = stack.auth.authorizationUrl({ scopes: ['read:employee:custom', 'read:payroll:custom'], state: 'browser-test' });
  await page.goto(url);
  await page.getByRole('button', { name: new RegExp(tenant.user.name) }).click();

  await expect(page.getByRole('heading', { name: /employee-directory wants access/ })).toBeVisible();
  await expect(page.getByText('View employee records')).toBeVisible();
  await expect(page.getByText('Read salary and pay-period details of employees from the connected payroll service.')).toBeVisible();
  await page.getByRole('combobox', { name: /Use app on/ }).selectOption(tenant.site.cloudId);
  await page.getByRole('checkbox', { name: /View payroll/ }).uncheck();
  await testInfo.attach('consent page, payroll unticked', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
  await page.getByRole('button', { name: 'Accept' }).click();

  const code = await page.locator('#code').textContent();
  expect(await page.locator('#state').textContent()).toBe('browser-test');
  await testInfo.attach('callback page', { body: await page.screenshot(), contentType: 'image/png' });
  const tokens = await stack.auth.exchangeCode(code!);

  const payroll = await callApp(stack, tenant, '/payroll/employees/2', { token: tokens.access_token });
  expect(payroll.status).toBe(401);
  expect(payroll.headers.get('x-failure-category')).toBe('FAILURE_CLIENT_SCOPE_CHECK');
  expect((await callApp(stack, tenant, '/employees/2', { token: tokens.access_token })).status).toBe(200);
});

test('in Chromium: a user who is not a member of any site with the app is told so and cannot consent', async ({ page, stack }, testInfo) => {
  const outsider = await stack.admin.createUser({ name: 'Mallory Outsider' });
  await page.goto(stack.auth.authorizationUrl({ scopes: ['read:employee:custom'] }));
  await page.getByRole('button', { name: new RegExp(outsider.name) }).click();
  await expect(page.getByRole('alert')).toContainText('is not a member of any site where employee-directory is installed');
  await expect(page.getByRole('button', { name: 'Accept' })).toHaveCount(0);
  await testInfo.attach('consent refused', { body: await page.screenshot(), contentType: 'image/png' });
});
