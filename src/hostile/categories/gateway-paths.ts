import { combinations, type HostileCase, type HostileContext } from '../hostile-case';

/**
 * Request targets an anonymous caller may try: every part of both URL forms replaced by
 * something hostile (bad percent-encoding, traversal, prototype names, other hosts, long ones),
 * other request-target forms, and the gateway's own endpoints spelled around. The gateway answers
 * each with a 4xx of its profile (400 unreadable, 401 no token, 404 no such URL form): an
 * anonymous caller learns nothing, and nothing reaches a handler.
 */
export function gatewayPaths(ctx: HostileContext): HostileCase[] {
  const { id, envId } = ctx.app;
  const cloud = ctx.tenant.site.cloudId;
  const products = ['jira', 'confluence', 'JIRA', 'bitbucket', '%6Aira', 'jira%00'];
  const clouds = [
    cloud,
    ctx.disabledTenant.site.cloudId,
    '00000000-0000-4000-8000-000000000000',
    '%ZZ',
    '%',
    '%E0%A4',
    '..',
    '%2e%2e',
    '__proto__',
    'constructor',
    'x'.repeat(300),
    `${cloud}%2F..`,
  ];
  const apps = [`${id}_${envId}`, `${id}_other`, `other_${envId}`, '__proto___constructor', `${id}`, `_${envId}`, `${id}_${envId}_extra`];
  const appPaths = [
    '',
    '/',
    '/employees/1',
    '/employees/../payroll/x',
    '/employees/%2e%2e/payroll',
    '//employees',
    '/employees/1%00',
    '/employees/%E0',
    '/employees/%ZZ',
    '/employees/1?__proto__[admin]=1',
    '/employees?constructor=1&toString=2',
    '/\\employees',
    `/employees/${'a'.repeat(4000)}`,
    '/_observe/calls',
    '/employees;jsessionid=1',
  ];
  const apiForm = combinations(products, clouds, apps, appPaths.slice(0, 3)).map(([product, c, app, path]) => `/svc/${product}/${c}/apps/${app}${path}`);
  const apiPaths = appPaths.map((path) => `/svc/jira/${cloud}/apps/${id}_${envId}${path}`);
  const siteForm = combinations(products, apps, appPaths.slice(0, 8)).map(([product, app, path]) => `/gateway/api/svc/${product}/apps/${app}${path}`);
  const elsewhere = [
    '/',
    '/svc',
    '/svc/',
    '/svc/jira',
    `/svc/jira/${cloud}`,
    `/svc/jira/${cloud}/apps`,
    '/gateway/api',
    '/_edge/tenant_info/../../_observe/calls',
    '/_observe/calls/',
    '/_observe//calls',
    '/_observe/calls%2F',
    '/_OBSERVE/calls',
    '/_internal/no-such-endpoint',
    '/_test/tokens',
    '/api/tenants',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/..%2f..%2fetc%2fpasswd',
    `//svc/jira/${cloud}/apps/${id}_${envId}/employees/1`,
    `/./svc/jira/${cloud}/apps/${id}_${envId}/employees/1`,
    `http://127.0.0.1:1/svc/jira/${cloud}/apps/${id}_${envId}/employees/1`,
    `http://${new URL(ctx.tenant.site.url).host}/gateway/api/svc/jira/apps/${id}_${envId}/employees/1`,
    '*',
    `http://${ctx.canary}/`,
    `https://evil.invalid/svc/jira/${cloud}/apps/${id}_${envId}/employees/1`,
  ];
  const cases: HostileCase[] = [];
  for (const target of [...apiForm, ...apiPaths, ...siteForm, ...elsewhere]) {
    for (const method of target.length % 3 === 0 ? ['GET', 'POST'] : ['GET']) {
      cases.push({
        category: 'gateway paths',
        name: `${method} ${target.slice(0, 100)}`,
        request: { component: 'gateway', method, target },
        expect: { status: [400, 401, 404], bodyExcludes: 'Lovelace' },
      });
    }
  }
  // The site form finds its site by Host: hostile Host values too.
  for (const host of [
    '',
    'evil.invalid',
    `${new URL(ctx.tenant.site.url).host}.evil.invalid`,
    '127.0.0.1',
    '__proto__',
    'a'.repeat(300),
    `${new URL(ctx.tenant.site.url).host}:443`,
  ]) {
    cases.push({
      category: 'gateway paths',
      name: `site form with Host: ${host.slice(0, 40)}`,
      request: { component: 'gateway', method: 'GET', target: `/gateway/api/svc/jira/apps/${id}_${envId}/employees/1`, headers: { host } },
      expect: { status: [400, 401, 404] },
    });
  }
  return cases;
}
