import { EgressFilteringService } from '@forge/egress';

/**
 * The manifest's `permissions.external.fetch.backend`, matched by Atlassian's own
 * EgressFilteringService (@forge/egress): entries without a scheme mean https, `*.x` covers
 * subdomains but not x, a port is part of the host, `*` allows everything.
 */
export class AllowList {
  private readonly service: EgressFilteringService;

  constructor(readonly entries: readonly string[]) {
    this.service = new EgressFilteringService([...entries]);
  }

  /**
   * Whether a request to `url` may leave. The URL is the proxy's own parse of the target, written
   * back without userinfo, so the matcher judges exactly the host the proxy would connect to.
   */
  allows(url: URL): boolean {
    return this.service.isValidUrl(`${url.protocol}//${url.host}${url.pathname}`);
  }
}
