import { mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import nock from 'nock';
import { newControlKey } from '../http/control-key';
import type { RunningServer } from '../http/listen';
import { DEFAULT_PROFILE, profileWith } from '../profile';
import { AllowList } from './allow-list';
import { startEcho, type Echo } from './echo-upstream';
import { InvocationRegistry } from '../invocation/registry';
import { startProxyServer } from './server';
import { TrafficLog } from './traffic-log';
import { UpstreamStubs } from './upstream-stubs';
import { TEST_APP, testInvocation } from './test-invocations';

const APP = TEST_APP;
const CONTROL_KEY = newControlKey();
/** The app's container services, by key; the tests point `payroll-sync` at the echo. */
const services: Record<string, string> = {};
const invocation = testInvocation;

let echo: Echo;
/** A loopback server the allow-list does not name: no probe may ever reach it. */
let undeclared: Echo;
let proxy: RunningServer;
let registry: InvocationRegistry;
let traffic: TrafficLog;

test.beforeAll(async () => {
  echo = await startEcho();
  undeclared = await startEcho();
  registry = new InvocationRegistry();
  traffic = new TrafficLog();
  const stubDir = mkdtempSync(join(tmpdir(), 'proxy-stubs-'));
  const reach = (scope: string, path: string, reached: string) => ({ scope, method: 'GET', path, status: 200, response: { reached } });
  writeFileSync(
    join(stubDir, 'hosts.json'),
    JSON.stringify([
      ...['/a', '/a?b=1', '/x'].flatMap((path) => [
        reach('https://allowed.example.com', path, 'allowed.example.com'),
        reach('https://api.wild.example.com', path, 'api.wild.example.com'),
        reach('https://ported.example.com:8443', path, 'ported.example.com:8443'),
      ]),
      reach('https://stubbed.example.com', '/known', 'stubbed'),
    ]),
  );
  const stubs = await UpstreamStubs.load([stubDir]);
  proxy = await startProxyServer({
    profile: profileWith({ proxy: { upstreamTimeoutMs: 500 } }),
    app: APP,
    allowList: new AllowList([
      `https://${echo.host}`,
      'allowed.example.com',
      '*.wild.example.com',
      'https://ported.example.com:8443',
      'stubbed.example.com',
      'nothing-listens.example.com',
    ]),
    registry,
    traffic,
    stubs,
    services,
    controlKey: CONTROL_KEY,
  });
  registry.start(invocation('live-1'));
});

test.afterAll(async () => {
  await proxy.stop();
  await echo.close();
  await undeclared.close();
  nock.cleanAll();
  nock.enableNetConnect();
});

/** A raw request to the proxy (node:http, so any header and method can be sent as is). */
function send(path: string, { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {}) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: string }>((resolve, reject) => {
    // Node frames a DELETE or OPTIONS body only when told its length.
    const framing = body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) };
    const req = httpRequest(`${proxy.url}${path}`, { method, headers: { ...framing, ...headers } }, (res) => {
      let text = '';
      res
        .setEncoding('utf8')
        .on('data', (c: string) => (text += c))
        .on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
const auth = (value = 'Forge as=app,id=live-1') => ({ 'forge-proxy-authorization': value });

test.describe('the seven methods, end to end to a real upstream', () => {
  for (const method of ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'PATCH']) {
    test(`${method}: status, headers and body preserved`, async () => {
      const body = method === 'GET' || method === 'OPTIONS' ? undefined : JSON.stringify({ hello: method });
      const response = await send(`/proxy/${echo.host}/things/1?q=a%20b`, {
        method,
        headers: { ...auth(), 'x-custom': 'kept', ...(body && { 'content-type': 'application/json' }) },
        body,
      });
      expect(response.status, response.body).toBe(201);
      expect(response.headers['x-upstream']).toBe('echo');
      const echoed = JSON.parse(response.body);
      expect(echoed).toMatchObject({ method, url: '/things/1?q=a%20b', bytes: body ? Buffer.byteLength(body) : 0 });
      expect(echoed.headers['x-custom']).toBe('kept');
    });
  }

  test('HEAD: headers and no body', async () => {
    const response = await send(`/proxy/${echo.host}/things/1`, { method: 'HEAD', headers: auth() });
    expect(response.status).toBe(201);
    expect(response.headers['content-length']).toBeDefined();
    expect(response.body).toBe('');
  });

  test('OPTIONS: a browser preflight is answered by the proxy itself, and never allows an origin the profile does not name', async () => {
    const before = echo.received.length;
    const response = await send(`/proxy/${echo.host}/things`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example.com',
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'forge-proxy-authorization, content-type',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers['access-control-allow-methods']).toBe('GET, PUT, POST, DELETE, OPTIONS, HEAD, PATCH');
    expect(response.headers['access-control-allow-headers']).toBe('forge-proxy-authorization, content-type');
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(echo.received.length).toBe(before);
  });

  test('OPTIONS: an origin the profile names is allowed', async () => {
    const allowing = await startProxyServer({
      profile: profileWith({ proxy: { corsAllowedOrigins: ['https://app.example.com'] } }),
      app: APP,
      allowList: new AllowList([]),
      registry,
      traffic: new TrafficLog(),
      stubs: await UpstreamStubs.load([]),
      services: {},
      controlKey: CONTROL_KEY,
    });
    try {
      const preflight = (origin: string) =>
        new Promise<IncomingHttpHeaders>((resolve) => {
          httpRequest(
            `${allowing.url}/proxy/${echo.host}/things`,
            { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET' } },
            (res) => {
              res.resume();
              resolve(res.headers);
            },
          ).end();
        });
      expect((await preflight('https://app.example.com'))['access-control-allow-origin']).toBe('https://app.example.com');
      expect((await preflight('https://app.example.com.evil.example'))['access-control-allow-origin']).toBeUndefined();
    } finally {
      await allowing.stop();
    }
  });

  test('a 5 MB body streams through', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024, 'x');
    const response = await send(`/proxy/${echo.host}/upload`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/octet-stream' },
      body: big,
    });
    expect(JSON.parse(response.body).bytes).toBe(big.length);
  });

  test('the method coverage report lists what each host saw', async () => {
    expect(traffic.methodCoverage()[echo.host]).toEqual(['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH']);
  });
});

test.describe('what never goes upstream', () => {
  test('forge-proxy-authorization and hop-by-hop headers are not forwarded', async () => {
    await send(`/proxy/${echo.host}/secrets`, {
      headers: { ...auth(), connection: 'keep-alive, x-hop', 'keep-alive': 'timeout=5', 'proxy-authorization': 'Basic eA==', te: 'trailers', upgrade: 'h2c' },
    });
    const { headers } = echo.received.at(-1)!;
    for (const name of ['forge-proxy-authorization', 'keep-alive', 'proxy-authorization', 'te', 'upgrade']) expect(headers[name], name).toBeUndefined();
  });

  test('the caller bearer token is flagged when a handler passes it on', async () => {
    // A JWT, as the 3LO server's access tokens are.
    const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiI3MTIwMjA6YWIifQ.c2lnbmF0dXJl';
    registry.start(invocation('leaky', { callerTokenSha256: (await import('node:crypto')).createHash('sha256').update(token).digest('hex') }));
    await send(`/proxy/${echo.host}/leak`, { headers: { ...auth('Forge as=app,id=leaky'), authorization: `Bearer ${token}` } });
    await send(`/proxy/${echo.host}/clean`, { headers: auth('Forge as=app,id=leaky') });
    expect(traffic.query({ invocationId: 'leaky' }).map((e) => e.callerTokenSeen)).toEqual([true, false]);
  });

  test('redirects are not followed: the 3xx goes back to the caller', async () => {
    const response = await send(`/proxy/${echo.host}/redirect`, { headers: auth() });
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('https://elsewhere.example.com/');
  });
});

test.describe('forge-proxy-authorization', () => {
  const refused = async (value: string | undefined, status: number, error: string) => {
    const before = echo.received.length;
    const response = await send(`/proxy/${echo.host}/x`, { headers: value === undefined ? {} : auth(value) });
    expect(response.status, value).toBe(status);
    expect(response.headers['forge-proxy-error'], value).toBe(error);
    expect(echo.received.length).toBe(before);
  };

  test('missing → 401 MISSING_AUTHORIZATION', async () => refused(undefined, 401, 'MISSING_AUTHORIZATION'));

  test('malformed → 400 INVALID_AUTHORIZATION', async () => {
    for (const value of [
      'Bearer abc',
      'Forge',
      'Forge as=app',
      'Forge as=robot,id=live-1',
      'Forge as=app,id=live-1,id=live-1',
      'Forge as=app,id=live-1,installationId=inst-1',
      'Forge as=app;id=live-1',
      'Forge as=app,id=live-1,colour=blue',
      'Forge as=app,id=live 1',
    ]) {
      await refused(value, 400, 'INVALID_AUTHORIZATION');
    }
  });

  test('accountId without as=user → 400; with as=user it is accepted', async () => {
    await refused('Forge as=app,id=live-1,accountId=user-1', 400, 'INVALID_AUTHORIZATION');
    expect((await send(`/proxy/${echo.host}/x`, { headers: auth('Forge as=user,id=live-1,accountId=user-1') })).status).toBe(201);
  });

  test('unknown, finished and foreign invocations → 403 INVALID_INVOCATION', async () => {
    await refused('Forge as=app,id=never-started', 403, 'INVALID_INVOCATION');
    registry.start(invocation('short'));
    registry.finish('short');
    await refused('Forge as=app,id=short', 403, 'INVALID_INVOCATION');
    registry.start(invocation('foreign', { appId: 'another-app' }));
    await refused('Forge as=app,id=foreign', 403, 'INVALID_INVOCATION');
    expect(traffic.query({ invocationId: 'short' }).at(-1)?.reason).toMatch(/has finished/);
  });

  test('an invocation past 100 requests in a minute → 429 FETCH_LIMIT_EXCEEDED, and nothing goes upstream', async () => {
    registry.start(invocation('busy'));
    const statuses = await Promise.all(
      Array.from({ length: 100 }, () => send(`/proxy/${echo.host}/x`, { headers: auth('Forge as=app,id=busy') }).then((r) => r.status)),
    );
    expect(new Set(statuses)).toEqual(new Set([201]));
    await refused('Forge as=app,id=busy', 429, 'FETCH_LIMIT_EXCEEDED');
    expect(traffic.query({ invocationId: 'busy' }).at(-1)?.reason).toMatch(/100 network requests in the last minute/);
    expect((await send(`/proxy/${echo.host}/x`, { headers: auth() })).status, 'other invocations are not affected').toBe(201);
  });

  test('installationId= works while the installation has a running invocation', async () => {
    expect((await send(`/proxy/${echo.host}/x`, { headers: auth('Forge as=app,installationId=inst-1') })).status).toBe(201);
    await refused('Forge as=app,installationId=inst-unknown', 403, 'INVALID_INVOCATION');
  });
});

test.describe('the allow-list (@forge/egress)', () => {
  const verdict = async (target: string) => {
    const response = await send(`/proxy/${target}`, { headers: auth() });
    const error = response.headers['forge-proxy-error'];
    if (error === 'REQUEST_EGRESS_ALLOWLIST_ERR' || error === 'INVALID_TARGET') return 'denied';
    return JSON.parse(response.body).reached ?? `status ${response.status}`;
  };

  test('exact host, wildcard subdomain but not the parent, port as part of the host', async () => {
    expect(await verdict('allowed.example.com/a')).toBe('allowed.example.com');
    expect(await verdict('api.wild.example.com/a')).toBe('api.wild.example.com');
    expect(await verdict('wild.example.com/a')).toBe('denied');
    expect(await verdict('ported.example.com:8443/a')).toBe('ported.example.com:8443');
    expect(await verdict('ported.example.com/a')).toBe('denied');
    expect(await verdict('allowed.example.com:8443/a')).toBe('denied');
    expect(await verdict('other.example.com/a')).toBe('denied');
  });

  test('an undeclared target is 403 with the message @forge/api uses', async () => {
    const response = await send('/proxy/other.example.com/a?b=1', { headers: auth() });
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body).message).toBe(
      'URL not included in the external fetch backend permissions: https://other.example.com/a?b=1. Visit go.atlassian.com/forge-egress for more information.',
    );
  });

  test('`*` allows everything', () => {
    const everything = new AllowList(['*']);
    expect(everything.allows(new URL('https://anything.example.org/x'))).toBe(true);
    expect(new AllowList(['allowed.example.com']).allows(new URL('https://anything.example.org/x'))).toBe(false);
  });

  test('SSRF probes never reach an undeclared host', async () => {
    for (const probe of [
      `allowed.example.com@${undeclared.host}/x`,
      undeclared.host,
      `${undeclared.host.replace('127.0.0.1', 'localhost')}/x`,
      `${undeclared.host.replace('127.0.0.1', '0x7f.0.0.1')}/x`,
      `allowed.example.com:x@evil.example.com/x`,
      '%65vil.example.com/x',
      'EVIL.example.com/x',
      'allowed.example.com./x',
      '127.0.0.1/x',
      '127.0.0.1:22/x',
      '0x7f.1/x',
      '2130706433/x',
      '[::1]/x',
      '169.254.169.254/latest/meta-data/',
      'localhost/x',
      'LOCALHOST:80/x',
      'evil.example.com%2Fallowed.example.com/x',
    ]) {
      expect(await verdict(probe), probe).toBe('denied');
    }
    expect(undeclared.received, 'no probe reached the undeclared loopback server').toEqual([]);
  });

  test('percent-encoded and mixed-case spellings of an allowed host reach that host, and only it', async () => {
    expect(await verdict('%61llowed.example.com/x')).toBe('allowed.example.com');
    expect(await verdict('ALLOWED.Example.COM/x')).toBe('allowed.example.com');
  });
});

test.describe('upstream failures', () => {
  test('no stub → 502 naming the request', async () => {
    const response = await send('/proxy/stubbed.example.com/unknown', { headers: auth() });
    expect(response.status).toBe(502);
    expect(response.headers['forge-proxy-error']).toBe('UPSTREAM_ERROR');
    expect(JSON.parse(response.body).message).toBe('no stub for GET https://stubbed.example.com/unknown: add a definition for it to the upstream stubs');
    const unknownHost = await send('/proxy/nothing-listens.example.com/x', { headers: auth() });
    expect(unknownHost.status).toBe(502);
    expect(JSON.parse(unknownHost.body).message).toMatch(/no upstream definition names nothing-listens\.example\.com/);
  });

  test('a timeout → 504 UPSTREAM_ERROR', async () => {
    const response = await send(`/proxy/${echo.host}/slow`, { headers: auth() });
    expect(response.status).toBe(504);
    expect(response.headers['forge-proxy-error']).toBe('UPSTREAM_ERROR');
  });

  test('an unreachable upstream → 502 UPSTREAM_ERROR', async () => {
    const closed = await startEcho();
    await closed.close();
    const list = new AllowList([`https://${closed.host}`]);
    const proxyForClosed = await startProxyServer({
      profile: DEFAULT_PROFILE,
      app: APP,
      allowList: list,
      registry,
      traffic,
      stubs: await UpstreamStubs.load([]),
      services: {},
      controlKey: CONTROL_KEY,
    });
    try {
      const response = await new Promise<{ status: number; error: string }>((resolve) => {
        httpRequest(`${proxyForClosed.url}/proxy/${closed.host}/x`, { headers: auth() }, (res) => {
          res.resume();
          resolve({ status: res.statusCode!, error: String(res.headers['forge-proxy-error']) });
        }).end();
      });
      expect(response).toEqual({ status: 502, error: 'UPSTREAM_ERROR' });
    } finally {
      await proxyForClosed.stop();
    }
  });
});
