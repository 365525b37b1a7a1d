import type { IncomingMessage } from 'node:http';

import { decodeComponent, headerValue, type RequestTarget } from '../http/request-target';
import type { ParsedUrl } from './call';
import type { Product } from '../model';

const API_FORM = /^\/svc\/(jira|confluence)\/([^/]+)\/apps\/([^/_]+)_([^/]+)(\/.*)?$/s;
const SITE_FORM = /^\/gateway\/api\/svc\/(jira|confluence)\/apps\/([^/_]+)_([^/]+)(\/.*)?$/s;

/**
 * `/svc/<product>/<cloudId>/apps/<appId>_<envId>/<path>` (api.atlassian.com) or
 * `/gateway/api/svc/<product>/apps/<appId>_<envId>/<path>` on the site's own host, which is the
 * authority of an absolute-form target when there is one and `Host` otherwise (RFC 9112 §3.2.2).
 * Undefined for any other path. The path has been vetted (`unroutablePath`): every segment decodes.
 */
export function parseGatewayUrl(target: RequestTarget, request: IncomingMessage): ParsedUrl | undefined {
  const host = (target.authority ?? headerValue(request.headers, 'host') ?? '').toLowerCase();
  const api = API_FORM.exec(target.path);
  if (api) {
    const [, product, rawCloudId, appId, envId, appPath] = api;
    const cloudId = decodeComponent(rawCloudId!) ?? rawCloudId!;
    return {
      form: 'api.atlassian.com',
      product: product as Product,
      cloudId,
      host,
      appId: appId!,
      envId: envId!,
      appPath: appPath || '/',
      query: target.query,
    };
  }
  const site = SITE_FORM.exec(target.path);
  if (site) {
    const [, product, appId, envId, appPath] = site;
    return {
      form: 'site-gateway',
      product: product as Product,
      cloudId: undefined,
      host,
      appId: appId!,
      envId: envId!,
      appPath: appPath || '/',
      query: target.query,
    };
  }
  return undefined;
}
