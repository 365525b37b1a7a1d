/** One call as it goes through the gateway's pipeline. */
import type { IncomingMessage } from 'node:http';
import type { ApiRoute } from '../../app/forge-app';
import type { Installation, Site } from '../admin/directory';
import type { RequestTarget } from '../http/request-target';
import type { Product } from '../model';

/** A call's URL in one of the documented forms (platform.md §3), parsed. */
export interface ParsedUrl {
  form: 'api.atlassian.com' | 'site-gateway';
  product: Product;
  cloudId: string | undefined;
  /** The host the request was for: the site of the site-gateway form. */
  host: string;
  appId: string;
  envId: string;
  /** The app's own path (`/employees/42`), without the query string. */
  appPath: string;
  query: URLSearchParams;
}

export interface VerifiedToken {
  jti: string;
  accountId: string;
  cloudId: string | undefined;
  /** `<appId>.<envId>` the token was issued for. */
  sns: string | undefined;
  scopes: Set<string>;
}

/**
 * One call going through the gateway: the request, and what the pipeline has established so
 * far. Each check reads what earlier checks established and
 * adds its own finding; the order is the profile's.
 */
export interface GatewayCall {
  request: IncomingMessage;
  /** The raw request target, e.g. /svc/jira/<cloudId>/apps/<app>_<env>/employees?x=1 */
  target: string;
  /** The request target parsed once (http/request-target.ts); the url-form step sets it. */
  parsedTarget?: RequestTarget;
  url?: ParsedUrl;
  /** The site the URL names, once a step has looked it up (null: none answers); see steps/url-site.ts. */
  urlSite?: Site | null;
  site?: Site;
  installation?: Installation;
  token?: VerifiedToken;
  route?: ApiRoute;
  body?: Buffer;
}
