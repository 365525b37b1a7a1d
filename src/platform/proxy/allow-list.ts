import { EgressFilteringService } from '@forge/egress';

/**
 * The manifest's `permissions.external.fetch.backend`, matched by Atlassian's own
 * EgressFilteringService (@forge/egress): entries without a scheme mean https, `*.x` covers
 * subdomains but not x, a port is part of the host, `*` allows everything.
 */
export class AllowList {
  private readonly service: EgressFilteringService;
  /** Decisions by scheme and host, which are all the matcher reads (`isValidUrl` ignores the path); bounded. */
  private readonly decided = new Map<string, boolean>();

  constructor(readonly entries: readonly string[]) {
    this.service = new EgressFilteringService([...entries]);
  }

  /**
   * Whether a request to `url` may leave. The URL is the proxy's own parse of the target, written
   * back without userinfo or path, so the matcher judges exactly the host the proxy would connect to.
   */
  allows(url: URL): boolean {
    const origin = `${url.protocol}//${url.host}`;
    let allowed = this.decided.get(origin);
    if (allowed === undefined) {
      allowed = this.service.isValidUrl(`${origin}/`);
      if (this.decided.size >= 1_000) this.decided.clear();
      this.decided.set(origin, allowed);
    }
    return allowed;
  }
}
