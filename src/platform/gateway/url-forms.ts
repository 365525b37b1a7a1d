import type { Product } from '../admin/directory';
import type { ParsedUrl } from './call';

const API_FORM = /^\/svc\/(jira|confluence)\/([^/]+)\/apps\/([^/_]+)_([^/]+)(\/[^?#]*)?$/;
const SITE_FORM = /^\/gateway\/api\/svc\/(jira|confluence)\/apps\/([^/_]+)_([^/]+)(\/[^?#]*)?$/;

/**
 * `/svc/<product>/<cloudId>/apps/<appId>_<envId>/<path>` (api.atlassian.com) or
 * `/gateway/api/svc/<product>/apps/<appId>_<envId>/<path>` on the site's own host.
 */
export function parseGatewayUrl(target: string): ParsedUrl | undefined {
  const url = new URL(target, 'http://gateway.invalid');
  const api = API_FORM.exec(url.pathname);
  if (api) {
    const [, product, cloudId, appId, envId, appPath] = api;
    return { form: 'api.atlassian.com', product: product as Product, cloudId: decodeURIComponent(cloudId!), appId: appId!, envId: envId!, appPath: appPath || '/', query: url.searchParams };
  }
  const site = SITE_FORM.exec(url.pathname);
  if (site) {
    const [, product, appId, envId, appPath] = site;
    return { form: 'site-gateway', product: product as Product, cloudId: undefined, appId: appId!, envId: envId!, appPath: appPath || '/', query: url.searchParams };
  }
  return undefined;
}
