/** The names an invocation travels under between the platform's components. */

/** How a function or container service names the invocation it acts for at the egress proxy (facts.md §6). */
export const PROXY_AUTHORIZATION = 'forge-proxy-authorization';

/** The header value of `PROXY_AUTHORIZATION` for an invocation, as the app or as its user. */
export const proxyAuthorization = (invocationId: string, as: 'app' | 'user' = 'app', accountId?: string): string =>
  `Forge as=${as},id=${invocationId}${as === 'user' && accountId ? `,accountId=${accountId}` : ''}`;

/** The invocation a request acts for, as the platform tells a container service or a platform service. */
export const INVOCATION_ID_HEADER = 'x-forge-invocation-id';

/**
 * The scheme of a function's request when it is not https, which the runtime tells the proxy:
 * the proxy's target form (`/proxy/{host}{path}`) has none, and Forge's egress matcher judges it.
 */
export const TARGET_SCHEME = 'x-forge-conformance-scheme';
