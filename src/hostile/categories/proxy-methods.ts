import { combinations, type HostileCase, type HostileContext } from '../hostile-case';

/**
 * Methods the Forge Outbound Proxy does not take (it proxies GET, PUT, POST, DELETE, OPTIONS,
 * HEAD and PATCH), including lower-case spellings of the seven: 405 with `Allow`, before anything
 * else, whatever the authorization and target.
 */
export function proxyMethods(ctx: HostileContext): HostileCase[] {
  const methods = [
    'TRACE',
    'PROPFIND',
    'PROPPATCH',
    'MKCOL',
    'COPY',
    'MOVE',
    'LOCK',
    'UNLOCK',
    'SEARCH',
    'PURGE',
    'LINK',
    'UNLINK',
    'REPORT',
    'MKACTIVITY',
    'CHECKOUT',
    'MERGE',
    'NOTIFY',
    'SUBSCRIBE',
    'UNSUBSCRIBE',
    'QUERY',
    'BIND',
    'REBIND',
    'UNBIND',
    'ACL',
    'SOURCE',
    'M-SEARCH',
    'MKCALENDAR',
  ];
  const targets = ['/proxy/api.payroll.example.com/v1/employees', `/proxy/${ctx.canary}/x`, '/product/jira/rest/api/3/myself', '/service/payroll-sync/health'];
  const auths = [`Forge as=app,id=${ctx.invocationId}`, 'Forge as=app,id=unknown', 'malformed'];
  return combinations(methods, targets, auths).map(([method, target, authorization]) => ({
    category: 'proxy methods',
    name: `${method} ${target}`,
    request: { component: 'proxy', method, target, headers: { 'forge-proxy-authorization': authorization } },
    expect: { status: [405, 400] },
  }));
}
