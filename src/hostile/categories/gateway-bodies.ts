import { combinations, type HostileCase, type HostileContext } from '../hostile-case';

/**
 * Bodies a route must not accept: media types that are not JSON however they are spelled
 * (padded with a non-breaking space, a suffix, another case of another type), bodies over 5 MB,
 * declared lengths over it, and bodies on routes that take none. 415 and 413, before the handler.
 */
export function gatewayBodies(ctx: HostileContext): HostileCase[] {
  const target = `/svc/jira/${ctx.tenant.site.cloudId}/apps/${ctx.app.id}_${ctx.app.envId}/employees`;
  const notJson = [
    'text/plain',
    'text/json',
    'application/json-patch+json',
    'application/jsonx',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/xml',
    'application/json\u00a0',
    '\u00a0application/json',
    'application/\u00a0json',
    'application /json',
    'application/ json',
    'json',
    '/json',
    'application/',
    '*/*',
    'application/*',
    '',
    ';',
    'application/json,text/plain',
    '__proto__/constructor',
    'application/json\u0085',
    'application/j\u00e9son',
  ];
  const bodies = ['{"name":"Mallory","title":"x","department":"y"}', '{"__proto__":{"admin":true}}', 'name=Mallory', '<employee/>', '[]', '{'];
  const cases: HostileCase[] = combinations(notJson, bodies, ['POST', 'PUT']).map(([type, body, method]) => ({
    category: 'gateway bodies',
    name: `${method} as ${JSON.stringify(type)}`,
    request: {
      component: 'gateway',
      method,
      target: method === 'PUT' ? `${target}/1` : target,
      headers: { authorization: `Bearer ${ctx.token}`, 'content-type': type },
      body,
    },
    expect: { status: [415], bodyExcludes: 'Mallory' },
  }));
  // Over the limit, in body or in declaration (the gateway refuses before reading it all).
  const limit = 5 * 1024 * 1024;
  for (const [size, method] of combinations([limit + 1, limit + 4096], ['POST', 'PUT'])) {
    cases.push({
      category: 'gateway bodies',
      name: `${method} ${size} bytes`,
      request: {
        component: 'gateway',
        method,
        target: method === 'PUT' ? `${target}/1` : target,
        headers: { authorization: `Bearer ${ctx.token}`, 'content-type': 'application/json' },
        body: `{"name":"${'x'.repeat(size - 11)}"}`,
      },
      expect: { status: [413] },
    });
  }
  // Declared but never sent: the connection cannot carry another request after it, so it is closed.
  for (const declared of [String(limit + 1), '99999999999', '1e9']) {
    cases.push({
      category: 'gateway bodies',
      name: `content-length ${declared}`,
      request: {
        component: 'gateway',
        method: 'POST',
        target,
        headers: { authorization: `Bearer ${ctx.token}`, 'content-type': 'application/json', 'content-length': declared, connection: 'close' },
        body: undefined,
      },
      expect: { status: [400, 413] },
    });
  }
  return cases;
}
