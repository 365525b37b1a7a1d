import { combinations, seeded, type HostileCase, type HostileContext } from '../hostile-case';

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/**
 * Bearer tokens that must not open the app: malformed headers, forged and altered JWTs, tokens
 * for another site, app or audience, expired, issued in the future, truncated. Every one is a 401
 * with the profile's body; none reaches the handler.
 */
export function gatewayTokens(ctx: HostileContext): HostileCase[] {
  const random = seeded(11);
  const [header, payload, signature] = ctx.token.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
  const now = Math.floor(Date.now() / 1000);
  const forgedClaims: Record<string, unknown>[] = [
    { ...claims, scope: `${claims.scope} read:everything:custom` },
    { ...claims, cloud_id: ctx.disabledTenant.site.cloudId },
    { ...claims, sub: 'someone-else', account_id: 'someone-else' },
    { ...claims, exp: now + 10 * 365 * 86400 },
    { ...claims, iat: now + 3600 },
    { ...claims, aud: 'api.example.com' },
    { ...claims, iss: 'https://auth.atlassian.com' },
    { ...claims, sns: 'another-app.another-env' },
    { ...claims, jti: undefined },
    {},
  ];
  const headers = [
    header,
    b64({ alg: 'none', typ: 'JWT' }),
    b64({ alg: 'HS256', typ: 'JWT' }),
    b64({ alg: 'RS256', kid: 'unknown' }),
    b64({ alg: 'RS256', kid: '../../etc/passwd' }),
    b64({ alg: 'ES256', kid: JSON.parse(Buffer.from(header, 'base64url').toString()).kid }),
    b64({ alg: 'RS256', jku: 'http://127.0.0.1:1/jwks.json' }),
    b64('not json'),
  ];
  const signatures = [signature, '', 'AAAA', signature.split('').reverse().join(''), b64('x'.repeat(256))];
  const forged = combinations(headers, forgedClaims.map(b64), signatures).map(([h, p, s]) => `${h}.${p}.${s}`);

  // The real token, altered: a character of the header or payload changed (never the signature's
  // last, whose spare bits may not matter), a prefix, or more appended.
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const signedPart = `${header}.${payload}`;
  const altered: string[] = [];
  for (let i = 0; i < 400; i++) {
    const at = Math.floor(random() * signedPart.length);
    if (signedPart[at] === '.') continue;
    const replacement = alphabet.replace(signedPart[at]!, '')[Math.floor(random() * 63)]!;
    altered.push(`${signedPart.slice(0, at)}${replacement}${signedPart.slice(at + 1)}.${signature}`);
  }
  for (let length = 1; length < ctx.token.length - 1; length += Math.max(1, Math.floor(ctx.token.length / 150))) altered.push(ctx.token.slice(0, length));
  altered.push(`${ctx.token}.`, `${ctx.token}x`, `${ctx.token}.${signature}`, `.${ctx.token}`, `${header}.${payload}`, `${header}..${signature}`);

  const junk = Array.from({ length: 300 }, (_, i) => {
    const length = 1 + Math.floor(random() ** 2 * 4000);
    return Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('') + (i % 3 === 0 ? '.x.y' : '');
  });

  const authorizations = [
    ...[...forged, ...altered, ...junk, ctx.disabledTenantToken].map((token) => `Bearer ${token}`),
    '',
    'Bearer',
    'Bearer ',
    'Bearer  ',
    `Basic ${b64('user:pass')}`,
    `Bearer ${ctx.token} extra`,
    `Token ${ctx.token}`,
    `Bearer,${ctx.token}`,
    `Bearer\t${ctx.token}x`,
    `bearer ${ctx.token.slice(1)}`,
    'Bearer null',
    'Bearer undefined',
    'Bearer [object Object]',
    `Bearer ${'a'.repeat(7000)}`,
  ];
  const path = `/svc/jira/${ctx.tenant.site.cloudId}/apps/${ctx.app.id}_${ctx.app.envId}/employees/1`;
  const siteForm = `/gateway/api/svc/jira/apps/${ctx.app.id}_${ctx.app.envId}/employees/1`;
  return authorizations.flatMap((authorization, i) => {
    const headersOf: Record<string, string> = authorization === '' ? {} : { authorization };
    const expect = { status: [401], bodyExcludes: 'Lovelace' };
    const cases: HostileCase[] = [
      {
        category: 'gateway tokens',
        name: `GET with Authorization: ${authorization.slice(0, 60)}`,
        request: { component: 'gateway', method: 'GET', target: path, headers: headersOf },
        expect,
      },
    ];
    // Every fourth also on the site's own host, and as a write.
    if (i % 4 === 0) {
      cases.push({
        category: 'gateway tokens',
        name: `site form with ${authorization.slice(0, 60)}`,
        request: { component: 'gateway', method: 'GET', target: siteForm, headers: { ...headersOf, host: new URL(ctx.tenant.site.url).host } },
        expect,
      });
      cases.push({
        category: 'gateway tokens',
        name: `DELETE with ${authorization.slice(0, 60)}`,
        request: { component: 'gateway', method: 'DELETE', target: path, headers: headersOf },
        expect,
      });
    }
    return cases;
  });
}
