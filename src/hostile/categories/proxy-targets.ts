import { canarySpellings, combinations, type HostileCase, type HostileContext } from '../hostile-case';

/**
 * Targets a live invocation's egress must never reach: the canary (a loopback server the app does
 * not declare) in every spelling of loopback, addresses hidden behind allowed names (userinfo,
 * fragments, encodings, ports, trailing dots), other schemes, and hosts the manifest does not name.
 * Each is refused by `@forge/egress` (403 REQUEST_EGRESS_ALLOWLIST_ERR) or as no target at all
 * (400 INVALID_TARGET).
 */
export function proxyTargets(ctx: HostileContext): HostileCase[] {
  const port = ctx.canary.split(':')[1]!;
  const loopbacks = [
    ...canarySpellings(ctx.canary),
    `127.0.1:${port}`,
    `0x7f.0.0.1:${port}`,
    `017700000001:${port}`,
    `0177.0.0.1:${port}`,
    `[::ffff:127.0.0.1]:${port}`,
    `[0:0:0:0:0:ffff:7f00:1]:${port}`,
    `0.0.0.0:${port}`,
    `0:${port}`,
    `LOCALHOST:${port}`,
    `localhost.:${port}`,
    `127.0.0.1.nip.io:${port}`,
    `%31%32%37.0.0.1:${port}`,
    `127%2e0%2e0%2e1:${port}`,
    `127.0.0.1%00.api.payroll.example.com:${port}`,
  ];
  const disguises = (host: string) => [
    host,
    `api.payroll.example.com@${host}`,
    `api.payroll.example.com:443@${host}`,
    `${host}#@api.payroll.example.com`,
    `${host}?@api.payroll.example.com`,
    `${host}\\@api.payroll.example.com`,
    `api.payroll.example.com.${host}`,
    `${host}/api.payroll.example.com`,
    `user:pass@${host}`,
    `${host}%23@api.payroll.example.com`,
  ];
  const paths = ['/x', '/_internal/oauth-client', '/api/sites', '/proxy/api.payroll.example.com/x'];
  const targets = combinations(loopbacks.flatMap(disguises), paths).map(([host, path]) => `/proxy/${host}${path}`);
  const notTargets = [
    '/proxy/',
    '/proxy',
    '/proxy//',
    `/proxy//${ctx.canary}/x`,
    `/proxy/http://${ctx.canary}/x`,
    `/proxy/https://api.payroll.example.com/x`,
    `/proxy/file:///etc/passwd`,
    '/proxy/gopher://x',
    `/proxy/\\\\${ctx.canary}/x`,
    '/proxy/%2F%2Fexample.com/x',
    '/proxy/:443/x',
    '/proxy/@/x',
    '/proxy/[::1/x',
    '/proxy/%E0',
    '/proxy/%ZZ/x',
    `/proxy/${'a'.repeat(300)}.com/x`,
  ];
  const undeclared = [
    'api.payroll.example.com.evil.invalid',
    'payroll.example.com',
    'example.com',
    'hr-insights.example.net',
    'evil.hr-insights.example.net.invalid',
    'api.payroll.example.com:8443',
    'metadata.google.internal',
    '169.254.169.254',
    'jira.product.invalid',
    'xn--80ak6aa92e.com',
  ].map((host) => `/proxy/${host}/latest/meta-data`);
  const auth = { 'forge-proxy-authorization': `Forge as=app,id=${ctx.invocationId}` };
  return [...targets, ...notTargets, ...undeclared].flatMap((target, i) =>
    (i % 2 === 0 ? ['GET', 'POST'] : ['GET']).map((method) => ({
      category: 'proxy targets',
      name: `${method} ${target}`,
      request: { component: 'proxy' as const, method, target, headers: auth },
      expect: { status: reachesDeclaredHost(target) ? [502, 429] : [403, 400] },
    })),
  );
}

/**
 * Whether URL parsing reads the target's host as the declared payroll host after all (the
 * loopback part being userinfo: `127.0.0.1:1%23@api.payroll.example.com`). Such a request goes to
 * the declared host, as it should: its unstubbed path gets 502 UPSTREAM_ERROR, or 429 once the
 * invocation has used its 100 requests a minute. Only the canary matters, and it hears nothing.
 */
function reachesDeclaredHost(target: string): boolean {
  try {
    return new URL(`https://${target.slice('/proxy/'.length)}`).host === 'api.payroll.example.com';
  } catch {
    return false;
  }
}
