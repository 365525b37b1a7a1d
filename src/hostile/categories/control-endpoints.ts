import { PRODUCT_SCOPE } from '../../app/products';
import { CONTROL_KEY_HEADER, CONTROL_KEY_PARAM } from '../../platform/http/control-key';
import { combinations, type Component, type HostileCase, type HostileContext } from '../hostile-case';

/**
 * Every control endpoint of every component (what only the harness may use), asked without the
 * stack's control key, with wrong ones and with the key somewhere it is not read: 403 every time
 * (or 404/405 for a spelling that is no route), and no secret in any answer.
 */
export function controlEndpoints(ctx: HostileContext): HostileCase[] {
  const endpoints: [Component, string, string][] = [
    ['proxy', 'POST', '/_internal/invocations'],
    ['proxy', 'DELETE', `/_internal/invocations/${ctx.invocationId}`],
    ['proxy', 'PUT', '/_internal/services/payroll-sync'],
    ['proxy', 'GET', '/_observe/traffic'],
    ['proxy', 'GET', '/_observe/coverage'],
    ['proxy', 'GET', `/_observe/traffic?invocationId=${ctx.invocationId}`],
    ['auth', 'GET', '/_internal/oauth-client'],
    ['auth', 'GET', '/_internal/denied-tokens/x'],
    ['auth', 'POST', '/_test/tokens'],
    ['auth', 'POST', '/_test/denied-tokens'],
    ['auth', 'POST', '/_test/grants/x/revoke'],
    ['gateway', 'GET', '/_observe/calls'],
    ['gateway', 'GET', '/_observe/calls?correlationId=x'],
    ['gateway', 'GET', `/_internal/invocations/${ctx.invocationId}`],
    ['gateway', 'GET', `/_internal/invocations?installationId=${ctx.tenant.installation.id}`],
    ['admin', 'GET', `/_internal/sites/${ctx.tenant.site.cloudId}`],
    ['admin', 'POST', '/api/sites'],
    ['admin', 'POST', '/api/users'],
    ['admin', 'GET', `/api/users/${ctx.tenant.user.accountId}`],
  ];
  const keys: Record<string, string>[] = [
    {},
    { [CONTROL_KEY_HEADER]: '' },
    { [CONTROL_KEY_HEADER]: 'x' },
    { [CONTROL_KEY_HEADER]: 'A'.repeat(43) },
    { [CONTROL_KEY_HEADER]: `${'A'.repeat(43)},${'A'.repeat(43)}` },
    { authorization: `Bearer ${ctx.token}` },
    { 'forge-proxy-authorization': `Forge as=app,id=${ctx.invocationId}` },
    { 'x-forge-conformance-control': 'x' },
    { cookie: `${CONTROL_KEY_PARAM}=x` },
  ];
  const body = JSON.stringify({
    invocationId: 'forged',
    url: `http://${ctx.canary}`,
    accountId: ctx.tenant.user.accountId,
    cloudId: ctx.tenant.site.cloudId,
    scopes: [PRODUCT_SCOPE.jira],
    jti: 'x',
  });
  const cases: HostileCase[] = combinations(endpoints, keys).map(([[component, method, target], key]) => ({
    category: 'control endpoints',
    name: `${component} ${method} ${target} with ${Object.keys(key)[0] ?? 'no key'}`,
    request: { component, method, target, headers: { 'content-type': 'application/json', ...key }, ...(method !== 'GET' && method !== 'DELETE' && { body }) },
    expect: { status: [403] },
  }));
  // The same paths spelled around: a wrong key in the query, other methods, encodings, trailing slashes.
  for (const [component, method, target] of endpoints) {
    for (const variant of [
      `${target}${target.includes('?') ? '&' : '?'}${CONTROL_KEY_PARAM}=guessed`,
      target.replace('/_', '/%5F'),
      `${target.split('?')[0]}/`,
      target.replace(/^\//, '//'),
      target.toUpperCase(),
    ]) {
      for (const m of [method, 'GET', 'PATCH'])
        cases.push({
          category: 'control endpoints',
          name: `${component} ${m} ${variant}`,
          request: { component, method: m, target: variant },
          expect: { status: [400, 401, 403, 404, 405] },
        });
    }
  }
  return cases;
}
