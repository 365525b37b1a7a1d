/** One call as it goes through the gateway's pipeline. */
import type { IncomingMessage } from 'node:http';
import type { ApiRoute } from '../../app/forge-app';
import type { Installation, Site } from '../admin/directory';
import type { RequestTarget } from '../http/request-target';
import type { Product } from '../model';
import type { CallObservation } from './observation-log';
import type { VerifiedToken } from '../invocation/token-verifier';

/** A call's URL in one of the documented forms (facts.md §3), parsed. */
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

/** What the steps establish about a call, each thing by one step (steps/fields.ts says which). */
export interface Established {
  /** The request target parsed once (http/request-target.ts). */
  parsedTarget: RequestTarget;
  url: ParsedUrl;
  /** The bearer token as sent, and what it says once verified. */
  bearer: string;
  token: VerifiedToken;
  site: Site;
  installation: Installation;
  route: ApiRoute;
  body: Buffer;
}

/**
 * One call going through the gateway: the request, and what the pipeline has established so
 * far. Each step reads what earlier steps established and adds its own; the order is the profile's.
 */
export interface GatewayCall extends Partial<Established> {
  request: IncomingMessage;
  /** The raw request target, e.g. /svc/jira/<cloudId>/apps/<app>_<env>/employees?x=1 */
  target: string;
  /** Sent back as `atl-traceid`, and given to the handler. */
  traceId: string;
  /** The site the URL names, once a step has looked it up (null: none answers); see steps/url-site.ts. */
  urlSite?: Site | null;
  /** The handler's invocation, once the last step has started it: the observation log records it, refused or not. */
  invocation?: InvocationRecord;
}

/** A call of which the named things are established. */
export type CallWith<K extends keyof Established> = GatewayCall & Pick<Established, K>;

export type InvocationRecord = NonNullable<CallObservation['invocation']>;
