import { combinations, type HostileCase, type HostileContext } from '../hostile-case';

const headersFor = (value: string | undefined): Record<string, string> => (value === undefined ? {} : { 'forge-proxy-authorization': value });

/**
 * `forge-proxy-authorization` values that must open nothing: every malformation of the pairs,
 * invocations that do not exist, have finished or belong to no one, installation ids with nothing
 * running, and acting as a user other than the invoking one. Each gets the profile's refusal and
 * its `forge-proxy-error`; nothing goes upstream.
 */
export function proxyAuthorization(ctx: HostileContext): HostileCase[] {
  const live = ctx.invocationId;
  const malformed = [
    'Forge',
    'Forge ',
    'forge as=app,id=' + live,
    'Bearer ' + live,
    'Forge as=app',
    `Forge id=${live}`,
    `Forge as=robot,id=${live}`,
    `Forge as=app,id=${live},id=${live}`,
    `Forge as=app,id=${live},installationId=${ctx.tenant.installation.id}`,
    `Forge as=app;id=${live}`,
    `Forge as=app,id=${live},colour=blue`,
    `Forge as=app,id=${live} x`,
    `Forge as=app,id=${live},accountId=${ctx.tenant.user.accountId}`,
    `Forge as=app,id=`,
    'Forge as=app,id=a b',
    `Forge as=app,,id=${live}`,
    `Forge  as=app , id=${live} ,`,
    `Forge as=APP,id=${live}`,
    `Forge AS=app,ID=${live}`,
    `Forge as="app",id="${live}"`,
    `Forge as=app,id=${live}%00`,
    `Forge as=app,id=../${live}`,
    `Forge as=app,__proto__=x,id=${live}`,
    `Forge as=app,constructor=x,id=${live}`,
    `Forge as=app,id=${live},as=user`,
  ];
  const unknownInvocations = [
    'x'.repeat(5000),
    '00000000-0000-4000-8000-000000000000',
    'live-1',
    '__proto__',
    'constructor',
    'toString',
    ctx.finishedInvocationId,
    ctx.tenant.installation.id,
    ctx.tenant.site.cloudId,
  ];
  const cases: { value: string | undefined; status: number; error: string }[] = [
    { value: undefined, status: 401, error: 'MISSING_AUTHORIZATION' },
    { value: '', status: 401, error: 'MISSING_AUTHORIZATION' },
    { value: '   ', status: 401, error: 'MISSING_AUTHORIZATION' },
    ...malformed.map((value) => ({ value, status: 400, error: 'INVALID_AUTHORIZATION' })),
    ...unknownInvocations.flatMap((id) =>
      [`Forge as=app,id=${id}`, `Forge as=user,id=${id}`].map((value) => ({ value, status: 403, error: 'INVALID_INVOCATION' })),
    ),
    ...['unknown-installation', '__proto__', ctx.disabledTenant.installation.id].map((id) => ({
      value: `Forge as=app,installationId=${id}`,
      status: 403,
      error: 'INVALID_INVOCATION',
    })),
    ...['someone-else', '5b10ac8d82e05b22cc7d4ef5', ctx.disabledTenant.user.accountId].map((accountId) => ({
      value: `Forge as=user,id=${live},accountId=${accountId}`,
      status: 403,
      error: 'IMPERSONATION_NOT_ALLOWED',
    })),
  ];
  const targets = [
    '/proxy/api.payroll.example.com/v1/employees',
    `/proxy/${ctx.canary}/x`,
    '/product/jira/rest/api/3/myself',
    '/service/payroll-sync/health',
    '/proxy/eu.hr-insights.example.net/events',
  ];
  return combinations(cases, targets, ['GET', 'POST', 'DELETE', 'PATCH', 'HEAD', 'PUT', 'OPTIONS']).map(
    ([{ value, status, error }, target, method]): HostileCase => ({
      category: 'proxy authorization',
      name: `${method} ${target} with ${value === undefined ? 'no header' : JSON.stringify(value.slice(0, 60))}`,
      request: { component: 'proxy', method, target, headers: headersFor(value) },
      // HEAD answers carry no body, so no error text either; the header says it all.
      expect: { status: [status], proxyError: error },
    }),
  );
}
