import { canarySpellings, combinations, type HostileCase, type HostileContext } from '../hostile-case';

/**
 * The platform's own proxy routes, `/service/<key>` (invokeService), `/product/<product>`
 * (requestJira, requestConfluence), `/platform/kvs`, `/platform/entities` (storage) and
 * `/platform/events` (queues), walked
 * around: paths that a URL parser would read as a new authority (the canary in every loopback
 * spelling), keys of services the app does not have or that every object has, products that do
 * not exist. Refused as 400 INVALID_TARGET or
 * INVALID_SERVICE_KEY, or 404 for a route the proxy does not have; never the canary.
 */
export function proxyServices(ctx: HostileContext): HostileCase[] {
  const port = ctx.canary.split(':')[1]!;
  const hosts = [...canarySpellings(ctx.canary), `a@127.0.0.1:${port}`];
  const escapes = (host: string) => [
    `//${host}/x`,
    `/\\${host}/x`,
    `/\\\\${host}/x`,
    `\\\\${host}/x`,
    `//${host}`,
    `///${host}/x`,
    `/\\/${host}/x`,
    `@${host}/x`,
    `:${port}/x`,
  ];
  const auth = { 'forge-proxy-authorization': `Forge as=app,id=${ctx.invocationId}` };
  const routes = [
    '/service/payroll-sync',
    '/product/jira',
    '/product/confluence',
    '/platform/kvs',
    '/platform/entities',
    '/forge/storage/kvs',
    '/platform/sql',
    '/forge/storage/sql',
    '/platform/events',
    '/platform/events/webhook/queue/publish',
  ];
  const cases: HostileCase[] = combinations(routes, hosts.flatMap(escapes), ['GET', 'POST', 'PUT']).map(([route, escape, method]) => ({
    category: 'proxy services',
    name: `${method} ${route}${escape}`,
    request: { component: 'proxy', method, target: `${route}${escape}`, headers: auth },
    // Storage refuses the sample app first for want of storage:app (403); nothing may reach the canary either way.
    expect: { status: route.startsWith('/platform/') || route.startsWith('/forge/') ? [400, 403, 404] : [400, 404] },
  }));
  for (const key of [
    'constructor',
    '__proto__',
    'toString',
    'valueof',
    'payroll',
    'payroll-sync-x',
    'PAYROLL-SYNC',
    'payroll%2Dsync',
    '',
    '..',
    'x'.repeat(200),
  ]) {
    cases.push({
      category: 'proxy services',
      name: `service key ${key.slice(0, 30)}`,
      request: { component: 'proxy', method: 'GET', target: `/service/${key}/health`, headers: auth },
      expect: { status: [400, 404] },
    });
  }
  for (const product of ['bitbucket', 'JIRA', 'jira%00', '..', '__proto__']) {
    cases.push({
      category: 'proxy services',
      name: `product ${product}`,
      request: { component: 'proxy', method: 'GET', target: `/product/${product}/rest/api/3/myself`, headers: auth },
      expect: { status: [404] },
    });
  }
  return cases;
}
