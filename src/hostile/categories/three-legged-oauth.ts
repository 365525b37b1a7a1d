import { PRODUCT_SCOPE } from '../../app/products';
import { combinations, type HostileCase, type HostileContext } from '../hostile-case';

/**
 * The 3LO server's public endpoints, misused: authorization requests for clients, redirect URIs,
 * audiences and response types it must not serve; token requests with wrong credentials, codes,
 * refresh tokens, grant types and body shapes; interactions that do not exist; a Host of someone
 * else's. oidc-provider and the harness's adaptations answer each with a 4xx (an authorization
 * error that can be sent to a registered redirect URI goes there: a 303 with `error=`).
 */
export function threeLeggedOAuth(ctx: HostileContext): HostileCase[] {
  const { clientId, clientSecret, redirectUri } = ctx.oauth;
  const base = {
    audience: 'api.atlassian.com',
    client_id: clientId,
    scope: PRODUCT_SCOPE.jira,
    redirect_uri: redirectUri,
    state: 's',
    response_type: 'code',
    prompt: 'consent',
  };
  const changes: Record<string, string | undefined>[] = [
    { client_id: 'unknown' },
    { client_id: undefined },
    { client_id: '__proto__' },
    { redirect_uri: 'https://evil.invalid/callback' },
    { redirect_uri: `${redirectUri}/../evil` },
    { redirect_uri: `${redirectUri}?x=1` },
    { redirect_uri: `${redirectUri}#x` },
    { redirect_uri: 'javascript:alert(1)' },
    { redirect_uri: `http://${ctx.canary}/` },
    { redirect_uri: undefined },
  ];
  const sentBack: Record<string, string | undefined>[] = [
    { response_type: 'token' },
    { response_type: 'code token' },
    { response_type: undefined },
    { audience: 'api.example.com' },
    { scope: 'openid' },
    { prompt: 'none' },
    { request: 'eyJ' },
    { code_challenge: 'x', code_challenge_method: 'plain' },
    { max_age: '-1' },
  ];
  const query = (change: Record<string, string | undefined>) => {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries({ ...base, ...change })) if (value !== undefined) params.set(name, value);
    return `/authorize?${params}`;
  };
  const cases: HostileCase[] = [];
  for (const change of changes)
    cases.push({
      category: '3LO',
      name: `authorize with ${JSON.stringify(change)}`,
      request: { component: 'auth', method: 'GET', target: query(change) },
      expect: { status: [400] },
    });
  for (const change of sentBack)
    cases.push({
      category: '3LO',
      name: `authorize with ${JSON.stringify(change)}`,
      request: { component: 'auth', method: 'GET', target: query(change) },
      expect: { status: [303, 400] },
    });
  for (const host of ['evil.invalid', `evil.invalid:${ctx.canary.split(':')[1]}`, '127.0.0.1', 'localhost', '__proto__']) {
    cases.push({
      category: '3LO',
      name: `authorize for Host ${host}`,
      request: { component: 'auth', method: 'GET', target: query({}), headers: { host } },
      expect: { status: [421] },
    });
  }

  const grants: Record<string, unknown>[] = [
    { grant_type: 'authorization_code', code: 'forged', redirect_uri: redirectUri },
    { grant_type: 'authorization_code', code: '', redirect_uri: redirectUri },
    { grant_type: 'authorization_code', code: 'forged' },
    { grant_type: 'refresh_token', refresh_token: 'forged' },
    { grant_type: 'refresh_token', refresh_token: ctx.token },
    { grant_type: 'client_credentials' },
    { grant_type: 'password', username: 'admin', password: 'admin' },
    { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: ctx.token },
    { grant_type: '' },
    {},
    { grant_type: ['authorization_code'] },
    { grant_type: 'authorization_code', code: { $ne: null } },
    { __proto__: { grant_type: 'client_credentials' } },
    { constructor: 'x', grant_type: 'refresh_token' },
    { grant_type: 'refresh_token', refresh_token: 'x'.repeat(60_000) },
  ];
  const credentials: Record<string, unknown>[] = [
    { client_id: clientId, client_secret: clientSecret },
    { client_id: clientId, client_secret: 'wrong' },
    { client_id: clientId },
    { client_id: 'unknown', client_secret: clientSecret },
    {},
  ];
  for (const [grant, creds, encoding] of combinations(grants, credentials, ['json', 'form'] as const)) {
    const fields = { ...creds, ...grant };
    const body =
      encoding === 'json' ? JSON.stringify(fields) : new URLSearchParams(Object.entries(fields).map(([k, v]): [string, string] => [k, String(v)])).toString();
    cases.push({
      category: '3LO',
      name: `token ${encoding} ${JSON.stringify(grant).slice(0, 60)}`,
      request: {
        component: 'auth',
        method: 'POST',
        target: '/oauth/token',
        headers: { 'content-type': encoding === 'json' ? 'application/json' : 'application/x-www-form-urlencoded' },
        body,
      },
      expect: { status: [400, 401, 413], bodyExcludes: clientSecret },
    });
  }
  for (const body of ['{', '[]', 'null', '"x"', '{"grant_type":', 'x'.repeat(70_000), '\u0000', '{"client_id":{"toString":1}}']) {
    cases.push({
      category: '3LO',
      name: `token body ${JSON.stringify(body.slice(0, 20))}`,
      request: { component: 'auth', method: 'POST', target: '/oauth/token', headers: { 'content-type': 'application/json' }, body },
      expect: { status: [400, 401, 413] },
    });
  }
  for (const [uid, action] of combinations(['unknown', '__proto__', '%E0', 'x'.repeat(300), '..'], ['', '/login', '/consent', '/abort'])) {
    const method = action ? 'POST' : 'GET';
    cases.push({
      category: '3LO',
      name: `${method} interaction ${uid.slice(0, 20)}${action}`,
      request: {
        component: 'auth',
        method,
        target: `/interaction/${uid}${action}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        ...(action && { body: `accountId=${ctx.tenant.user.accountId}&cloudId=${ctx.tenant.site.cloudId}&scope=${PRODUCT_SCOPE.jira}` }),
      },
      expect: { status: [400, 404] },
    });
  }
  for (const authorization of ['', 'Bearer', `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`]) {
    cases.push({
      category: '3LO',
      name: `accessible-resources with ${authorization.slice(0, 10) || 'nothing'}`,
      request: { component: 'auth', method: 'GET', target: '/oauth/token/accessible-resources', headers: authorization ? { authorization } : {} },
      expect: { status: [401] },
    });
  }
  return cases;
}
