import { CONTROL_KEY_PARAM } from '../http/control-key';
import { readForm, readJsonObject } from '../http/body';
import { serve, type RunningServer } from '../http/listen';
import { Refusal } from '../http/refusal';
import { html, redirect, sendHtml, sendJson } from '../http/respond';
import { Router } from '../http/router';
import { type AdminDirectory } from './directory';
import { connectedAppsPage } from './connected-apps-page';
import { type Product, PRODUCTS } from '../model';

export interface AdminServerOptions {
  directory: AdminDirectory;
  /** The app under test: installations default to it, and the pages show its name. */
  app: { id: string; envId: string; name: string; product: Product };
  /** The stack's control key: the admin plane stands for an admin's UI behind a login, so nothing here is public. */
  controlKey: string;
  port?: number;
}

const text = (value: unknown, field: string, { optional = false } = {}): string | undefined => {
  if (value === undefined && optional) return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw new Refusal(400, `${field} must be a non-empty string`);
  return value;
};

/**
 * The admin plane over HTTP: a JSON API for sites, users, memberships, installations and the
 * per-site REST API switch, and the "Connected apps" page where a site admin flips that switch.
 * Every route is a control route: a caller of the app cannot turn its REST APIs on.
 */
export async function startAdminServer({ directory, app, controlKey, port }: AdminServerOptions): Promise<RunningServer> {
  const keyQuery = `?${new URLSearchParams({ [CONTROL_KEY_PARAM]: controlKey })}`;
  const router = new Router(controlKey)
    .control('POST', '/api/sites', async ({ request, response }) => {
      const body = await readJsonObject(request);
      sendJson(response, 201, directory.createSite({ name: text(body.name, 'name', { optional: true }), url: text(body.url, 'url', { optional: true }) }));
    })
    .control('GET', '/api/sites/:cloudId', ({ response, params }) => sendJson(response, 200, directory.site(params.cloudId!)))
    .control('POST', '/api/users', async ({ request, response }) => {
      const body = await readJsonObject(request);
      sendJson(
        response,
        201,
        directory.createUser({
          name: text(body.name, 'name', { optional: true }),
          email: text(body.email, 'email', { optional: true }),
          accountId: text(body.accountId, 'accountId', { optional: true }),
        }),
      );
    })
    .control('GET', '/api/users/:accountId', ({ response, params }) => sendJson(response, 200, directory.user(params.accountId!)))
    .control('POST', '/api/sites/:cloudId/members', async ({ request, response, params }) => {
      directory.addMember(params.cloudId!, text((await readJsonObject(request)).accountId, 'accountId')!);
      sendJson(response, 200, { cloudId: params.cloudId, members: 'added' });
    })
    .control('POST', '/api/installations', async ({ request, response }) => {
      const body = await readJsonObject(request);
      const product = text(body.product ?? app.product, 'product') as Product;
      if (!PRODUCTS.includes(product)) throw new Refusal(400, `product must be one of ${PRODUCTS.join(', ')}`);
      sendJson(
        response,
        201,
        directory.install({
          cloudId: text(body.cloudId, 'cloudId')!,
          appId: text(body.appId, 'appId', { optional: true }) ?? app.id,
          envId: text(body.envId, 'envId', { optional: true }) ?? app.envId,
          product,
        }),
      );
    })
    // A site of its own with one member and the app installed, in one call: how tests isolate.
    .control('POST', '/api/tenants', async ({ request, response }) => {
      const body = await readJsonObject(request);
      const product = text(body.product ?? app.product, 'product') as Product;
      if (!PRODUCTS.includes(product)) throw new Refusal(400, `product must be one of ${PRODUCTS.join(', ')}`);
      const site = directory.createSite({ name: text(body.siteName, 'siteName', { optional: true }) });
      const user = directory.createUser({
        name: text(body.userName, 'userName', { optional: true }),
        accountId: text(body.accountId, 'accountId', { optional: true }),
      });
      directory.addMember(site.cloudId, user.accountId);
      const installation = directory.install({ cloudId: site.cloudId, appId: app.id, envId: app.envId, product });
      if (body.enabled !== false) directory.setRestApiEnabled(installation.id, true);
      sendJson(response, 201, { site, user, installation });
    })
    .control('GET', '/api/installations/:id', ({ response, params }) => sendJson(response, 200, directory.installation(params.id!)))
    .control('PUT', '/api/installations/:id/rest-api', async ({ request, response, params }) => {
      const { enabled } = await readJsonObject(request);
      if (typeof enabled !== 'boolean') throw new Refusal(400, 'enabled must be true or false');
      sendJson(response, 200, directory.setRestApiEnabled(params.id!, enabled));
    })
    // What the gateway looks up on every call when it runs in another process.
    .control('GET', '/_internal/sites/:cloudId', ({ response, params }) => sendJson(response, 200, directory.site(params.cloudId!)))
    .control('GET', '/_internal/sites-by-host/:host', ({ response, params }) => {
      const site = directory.siteByHost(params.host!);
      if (!site) throw new Refusal(404, `no site answers to ${params.host}`);
      sendJson(response, 200, site);
    })
    .control('GET', '/_internal/installations/:cloudId/:appId/:envId', ({ response, params }) => {
      const installation = directory.findInstallation(params.cloudId!, params.appId!, params.envId!);
      if (!installation) throw new Refusal(404, 'no such installation');
      sendJson(response, 200, installation);
    })
    .page('GET', '/sites/:cloudId/connected-apps', ({ response, params }) => {
      const site = directory.site(params.cloudId!);
      sendHtml(response, 200, connectedAppsPage(site, directory.installationsOn(site.cloudId), app, keyQuery));
    })
    .page('POST', '/sites/:cloudId/connected-apps/:installationId', async ({ request, response, params }) => {
      const installation = directory.installation(params.installationId!);
      if (installation.cloudId !== params.cloudId) throw new Refusal(404, 'no such installation on this site');
      const form = await readForm(request);
      directory.setRestApiEnabled(installation.id, form.get('enabled') === 'true');
      redirect(response, `/sites/${encodeURIComponent(installation.cloudId)}/connected-apps${keyQuery}`);
    });

  return serve(
    'admin plane',
    async (request, response) => {
      if (!(await router.handle(request, response))) sendHtml(response, 404, `<p>Not found: ${html(request.url)}</p>`);
    },
    port,
  );
}
