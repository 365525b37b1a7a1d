import { combinations, type HostileCase, type HostileContext } from '../hostile-case';

/** Ada Lovelace's account in the sample app's directory: whoever is not Ada must never be served as her. */
const ADA = '5b10ac8d82e05b22cc7d4ef5';

/**
 * Headers a caller with a valid token sends to pass for someone else or for the platform: the
 * identity header and the platform's own families (`x-slauth-*`, `x-forge-*`, `x-b3-*`, `atl-*`)
 * in any spelling, names every object has, and headers the `Connection` header declares
 * hop-by-hop. The handler must still see only the token's user: `/employees/me` answers for the
 * tenant's member (not in the directory: 404), never for Ada.
 */
export function gatewayHeaders(ctx: HostileContext): HostileCase[] {
  const names = [
    'x-slauth-user-context-account-id',
    'X-Slauth-User-Context-Account-Id',
    'x-slauth-account-id',
    'x-forge-account-id',
    'x-forge-principal',
    'x-forge-invocation-id',
    'x-b3-traceid',
    'atl-confirmed-user',
    'atl-traceid',
    'atl-account-id',
    'x-atlassian-account-id',
    'x-original-account-id',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    'valueOf',
    'x-forwarded-for',
    'x-forwarded-host',
    'forwarded',
    'x-conformance-correlation-id',
  ];
  const values = [ADA, `${ADA}, ${ADA}`, `user:${ADA}`, '{"accountId":"' + ADA + '"}', ADA.toUpperCase(), `${ADA}\t`, '', 'x'.repeat(6000)];
  // Both URL forms: the site form also carries the site's Host.
  const forms: { target: string; headers: Record<string, string> }[] = [
    { target: `/svc/jira/${ctx.tenant.site.cloudId}/apps/${ctx.app.id}_${ctx.app.envId}/employees/me`, headers: {} },
    { target: `/gateway/api/svc/jira/apps/${ctx.app.id}_${ctx.app.envId}/employees/me`, headers: { host: new URL(ctx.tenant.site.url).host } },
  ];
  const cases: HostileCase[] = combinations(names, values, forms).map(([name, value, form]) => ({
    category: 'gateway headers',
    name: `${name}: ${value.slice(0, 40)}`,
    request: { component: 'gateway', method: 'GET', target: form.target, headers: { ...form.headers, authorization: `Bearer ${ctx.token}`, [name]: value } },
    expect: { status: [404], bodyExcludes: 'Lovelace' },
  }));
  // Declared hop-by-hop by Connection, which may name the identity header itself.
  for (const [declared, value] of combinations(
    ['x-slauth-user-context-account-id', 'authorization', 'x-custom', 'host', 'content-length'],
    [ADA, 'Bearer forged'],
  )) {
    cases.push({
      category: 'gateway headers',
      name: `Connection: ${declared}`,
      request: {
        component: 'gateway',
        method: 'GET',
        target: `/svc/jira/${ctx.tenant.site.cloudId}/apps/${ctx.app.id}_${ctx.app.envId}/employees/me`,
        headers: {
          authorization: `Bearer ${ctx.token}`,
          connection: `keep-alive, ${declared}`,
          ...(declared !== 'host' && declared !== 'content-length' && declared !== 'authorization' && { [declared]: value }),
        },
      },
      expect: { status: [404, 401], bodyExcludes: 'Lovelace' },
    });
  }
  return cases;
}
