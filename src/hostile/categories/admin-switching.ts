import { CONTROL_KEY_HEADER, CONTROL_KEY_PARAM } from '../../platform/http/control-key';
import { combinations, type HostileCase, type HostileContext } from '../hostile-case';

/**
 * A caller trying to switch the app's REST APIs on for a site where an admin left them off (or to
 * make a site, a user, an installation of its own): the JSON API and the Connected apps page,
 * without the control key, with wrong ones, in other headers, and through spellings of the paths.
 * The admin plane answers 403 (or 404/405 for a path it does not have); the site stays off.
 */
export function adminSwitching(ctx: HostileContext): HostileCase[] {
  const { installation, site } = ctx.disabledTenant;
  const keys: Record<string, string>[] = [
    {},
    { [CONTROL_KEY_HEADER]: '' },
    { [CONTROL_KEY_HEADER]: 'guessed' },
    { [CONTROL_KEY_HEADER]: 'a'.repeat(43) },
    { [CONTROL_KEY_HEADER]: '__proto__' },
    { 'x-forge-conformance-control': 'x' },
    { authorization: `Bearer ${ctx.token}` },
    { authorization: 'Basic YWRtaW46YWRtaW4=' },
    { cookie: 'key=x; admin=true' },
    { 'x-http-method-override': 'PUT' },
    { [CONTROL_KEY_HEADER.toUpperCase()]: 'guessed' },
  ];
  const enable = JSON.stringify({ enabled: true });
  const attempts: { method: string; target: string; body?: string; type?: string }[] = [
    ...[
      `/api/installations/${installation.id}/rest-api`,
      `/api//installations/${installation.id}/rest-api`,
      `/api/installations/${encodeURIComponent(installation.id).replace(/-/g, '%2D')}/rest-api`,
      `/API/installations/${installation.id}/rest-api`,
      `/api/installations/${installation.id}/rest-api/`,
      `/./api/installations/${installation.id}/rest-api`,
      `/api/installations/${installation.id}/rest-api?${CONTROL_KEY_PARAM}=guessed`,
      `/api/installations/${installation.id}/rest-api?${CONTROL_KEY_PARAM}=`,
      `/api/installations/${installation.id}/rest-api?${CONTROL_KEY_PARAM}[]=x`,
      `/api/installations/__proto__/rest-api`,
      `/api/installations/%E0/rest-api`,
    ].flatMap((target) => ['PUT', 'POST', 'PATCH'].map((method) => ({ method, target, body: enable, type: 'application/json' }))),
    ...[
      `/sites/${site.cloudId}/connected-apps/${installation.id}`,
      `/sites/${site.cloudId}/connected-apps/${installation.id}?${CONTROL_KEY_PARAM}=x`,
      `/sites/${ctx.tenant.site.cloudId}/connected-apps/${installation.id}`,
      `/sites/%ZZ/connected-apps/${installation.id}`,
    ].map((target) => ({ method: 'POST', target, body: 'enabled=true', type: 'application/x-www-form-urlencoded' })),
    { method: 'GET', target: `/sites/${site.cloudId}/connected-apps` },
    { method: 'GET', target: `/api/sites/${site.cloudId}` },
    { method: 'GET', target: `/api/installations/${installation.id}` },
    { method: 'POST', target: '/api/tenants', body: '{}', type: 'application/json' },
    { method: 'POST', target: '/api/installations', body: JSON.stringify({ cloudId: site.cloudId, product: 'confluence' }), type: 'application/json' },
    { method: 'POST', target: `/api/sites/${site.cloudId}/members`, body: JSON.stringify({ accountId: 'mallory' }), type: 'application/json' },
    { method: 'GET', target: `/_internal/installations/${site.cloudId}/${ctx.app.id}/${ctx.app.envId}` },
    { method: 'GET', target: `/_internal/sites-by-host/${new URL(site.url).host}` },
  ];
  return combinations(attempts, keys).map(([attempt, key]) => ({
    category: 'admin switching',
    name: `${attempt.method} ${attempt.target} with ${Object.keys(key)[0] ?? 'no key'}`,
    request: {
      component: 'admin',
      method: attempt.method,
      target: attempt.target,
      headers: { ...key, ...(attempt.type && { 'content-type': attempt.type }) },
      ...(attempt.body !== undefined && { body: attempt.body }),
    },
    // A site or installation record would carry its cloudId as a field; a refusal only repeats the path it was asked.
    expect: { status: [403, 404, 405, 400], bodyExcludes: '"cloudId":' },
  }));
}
