/**
 * The platform profile: every behaviour of the emulated platform that Atlassian does not
 * document (facts.md §7, tagged H) as one typed object. Suites assert these exact values on
 * the emulator; against a real deployment they assert only the category (refused with a 4xx,
 * handler not invoked). No status code or failure category is written anywhere else: gateway
 * steps, the proxy and the runtime all read them from here. Every report prints the profile.
 */
import type { ProxyRefusalAnswer, RefusalAnswer } from './http/refusal';
import { GATEWAY_STEPS, stepsNeededEarlier, type GatewayStepName } from './gateway/steps/fields';

export type { ProxyRefusalAnswer, RefusalAnswer } from './http/refusal';

/** The gateway's steps by name, and their default order (our decision: see gateway/steps/fields.ts). */
export { GATEWAY_STEPS, type GatewayStepName } from './gateway/steps/fields';

/** How a platform service (storage, SQL) answers a refusal: the status, and the code its @forge package turns into its error. */
export interface ServiceAnswer {
  status: number;
  code: string;
}

export interface PlatformProfile {
  name: string;
  gateway: {
    /** The order the gateway applies its steps in; the first failing one answers. */
    stepOrder: readonly GatewayStepName[];
    /** A route's scopes: all of them are required, or any one suffices. */
    routeScopes: 'all' | 'any';
    /** Whether the caller's `Authorization` header reaches the handler (so a handler could leak it). */
    forwardAuthorizationHeader: boolean;
    /** Caller-supplied headers the gateway removes before invoking: identity and tracing must come from the platform. */
    strippedRequestHeaders: readonly string[];
    /** How far in the future a token's `iat` may lie (clock skew) before the token is refused. */
    clockToleranceSeconds: number;
    /** Largest request body in bytes (facts.md §5: 5 MB). */
    maxRequestBytes: number;
    /** A handler running longer than this is abandoned (facts.md §5: 25 s). */
    invocationTimeoutMs: number;
  };
  refusals: {
    /** No or malformed `Authorization`, bad signature, expired, wrong audience, another site, app or environment, revoked. */
    unauthorized: RefusalAnswer;
    /** A route scope or the product scope is missing (ECO-1289). */
    scopeMismatch: RefusalAnswer;
    /** REST APIs are disabled for the site. */
    siteDisabled: RefusalAnswer;
    /** No such installation of the app (unknown cloudId, app or environment in the URL). */
    notInstalled: RefusalAnswer;
    /** The URL is not one of the two documented forms. */
    unknownUrlForm: RefusalAnswer;
    /** A request the gateway cannot read: a malformed target or percent-encoding. */
    badRequest: RefusalAnswer;
    unknownPath: RefusalAnswer;
    /** Known path, undeclared operation; an `Allow` header lists the declared ones. */
    methodNotAllowed: RefusalAnswer;
    unsupportedMediaType: RefusalAnswer;
    payloadTooLarge: RefusalAnswer;
    /** Handler threw, returned a wrong shape, or its process died; a `traceId` is added. */
    invocationFailed: RefusalAnswer;
    /** Handler ran past the time limit; a `traceId` is added. */
    invocationTimedOut: RefusalAnswer;
  };
  proxy: {
    /** An upstream that has not answered by then is given up on. */
    upstreamTimeoutMs: number;
    /**
     * Network requests one invocation may make in any 60 s (documented: 100 per runtime minute,
     * invocation limits). Our decision: every request through the proxy counts (fetch, product,
     * service), and the window slides.
     */
    requestsPerInvocationMinute: number;
    /**
     * Origins the proxy's own CORS preflight answer allows (`access-control-allow-origin`). Our
     * decision: none, since nothing in a browser calls the proxy; it never echoes an Origin.
     */
    corsAllowedOrigins: readonly string[];
    /**
     * Whom `as=user` may act for. `@forge/manifest` ships `allowImpersonation` on scopes as "not yet
     * supported" (S), so our decision is that a function acts only as the user who invoked it:
     * `accountId=` naming anyone else is refused (impersonationNotAllowed).
     */
    impersonation: 'invoking-user-only' | 'any-user';
    refusals: {
      missingAuthorization: ProxyRefusalAnswer;
      /** A malformed header, or `accountId` without `as=user`. */
      invalidAuthorization: ProxyRefusalAnswer;
      /** An unknown or finished invocation, or one of another app. */
      invalidInvocation: ProxyRefusalAnswer;
      /** `/proxy/` without a usable host and path after it. */
      invalidTarget: ProxyRefusalAnswer;
      /** A target the manifest's backend egress does not allow. */
      egressNotAllowed: ProxyRefusalAnswer;
      upstreamUnreachable: ProxyRefusalAnswer;
      upstreamTimedOut: ProxyRefusalAnswer;
      /** No stub answers the request (the upstreams are nock definitions). */
      noStub: ProxyRefusalAnswer;
      /** `invokeService` named a container service the app does not have. */
      invalidServiceKey: ProxyRefusalAnswer;
      /** The invocation used up requestsPerInvocationMinute (observed: 429 FETCH_LIMIT_EXCEEDED, ECO-491). */
      fetchLimitExceeded: ProxyRefusalAnswer;
      /** `as=user,accountId=` names a user other than the invoking one (see `impersonation`). */
      impersonationNotAllowed: ProxyRefusalAnswer;
    };
  };
  auth: {
    accessTokenTtlSeconds: number;
    /**
     * Refresh tokens rotate: reusing an old one is refused at once and revokes the whole grant
     * (oidc-provider). Atlassian documents a 10-minute leeway first, and revoking every refresh
     * token on reuse after it (community.developer.atlassian.com/t/54172).
     */
    refreshTokenReuse: 'refused-and-grant-revoked';
    /**
     * A revoked grant's access tokens are refused from the next call: Atlassian revokes an access
     * token with its companion refresh token (O: community.developer.atlassian.com/t/83103).
     */
    revokedGrantAccessTokens: 'refused';
    refreshTokenTtlDays: number;
    refreshTokenAbsoluteTtlDays: number;
  };
  /** The platform's storage (facts.md §11): what Forge does not document. */
  storage: {
    /** How many keys a list query returns when it names no limit. */
    defaultQueryLimit: number;
    /** `set` with `keyPolicy: 'FAIL_IF_EXISTS'` on a key that exists. */
    keyExists: ServiceAnswer;
    /** A storage call from an app whose manifest lacks the `storage:app` scope. */
    scopeMissing: ServiceAnswer;
    /** A call naming a custom entity the manifest does not declare. */
    undeclaredEntity: ServiceAnswer;
    /** A query naming an index its entity does not declare. */
    undeclaredIndex: ServiceAnswer;
    /** A transaction whose conditions (or checks) do not hold: nothing is written. */
    conditionFailed: ServiceAnswer;
  };
  /** The platform's async events (facts.md §12): what Forge does not document, and how time passes here. */
  events: {
    /**
     * How many milliseconds a second of Forge's event timing (`delayInSeconds`, a retry's
     * `retryAfter`, the backoff) lasts here: a run cannot wait 15 minutes for a delayed event.
     */
    secondMs: number;
    /** Retries after the first delivery before an event is given up on. */
    maxRetries: number;
    /** The backoff before the n-th retry, when the consumer names none: this many seconds, doubled each time. */
    backoffSeconds: number;
    /** A consumer's time limit when its function sets no `timeoutSeconds`. */
    consumerTimeoutSeconds: number;
    /** Deliveries running at once, across the platform. */
    deliveryConcurrency: number;
    /** How long a run waits for the queues to settle before it judges. */
    drainMs: number;
  };
  /** Forge SQL (facts.md §13): the statuses Forge does not document, with the codes `@forge/sql` knows. */
  sql: {
    /** A call from an app whose manifest declares no `sql` module. */
    notEnabled: ServiceAnswer;
    /** A statement Forge SQL refuses before running it (statement-rules.ts). */
    refused: ServiceAnswer;
    /** A body that is no query, or a statement the engine cannot parse. */
    invalidQuery: ServiceAnswer;
    /** Any other error of the engine's: a missing table, a duplicate key, another database's table. */
    executionError: ServiceAnswer;
    /** A statement over its kind's time limit. */
    timedOut: ServiceAnswer;
    /** A statement over one of the installation's rates (sql-rates.ts). */
    rateLimited: ServiceAnswer;
  };
}

const message = (code: number, text: string) => ({ code, message: text });

export const DEFAULT_PROFILE: PlatformProfile = {
  name: 'default',
  gateway: {
    stepOrder: GATEWAY_STEPS,
    routeScopes: 'all',
    forwardAuthorizationHeader: true,
    // atl-* are the platform's own (atl-traceid…): a caller's copies would pass for the platform's.
    strippedRequestHeaders: ['x-slauth-user-context-account-id', 'x-slauth-*', 'x-forge-*', 'x-b3-*', 'atl-*'],
    clockToleranceSeconds: 5,
    maxRequestBytes: 5 * 1024 * 1024,
    invocationTimeoutMs: 25_000,
  },
  refusals: {
    unauthorized: { status: 401, body: message(401, 'Unauthorized') },
    scopeMismatch: { status: 401, failureCategory: 'FAILURE_CLIENT_SCOPE_CHECK', body: message(401, 'Unauthorized; scope does not match') },
    siteDisabled: {
      status: 403,
      failureCategory: 'FAILURE_APP_REST_API_DISABLED',
      body: message(403, 'Forbidden; REST APIs of this app are disabled for this site'),
    },
    notInstalled: { status: 404, failureCategory: 'FAILURE_APP_NOT_INSTALLED', body: message(404, 'Not Found') },
    unknownUrlForm: { status: 404, body: message(404, 'Not Found') },
    badRequest: { status: 400, body: message(400, 'Bad Request') },
    unknownPath: { status: 404, body: message(404, 'Not Found') },
    methodNotAllowed: { status: 405, body: message(405, 'Method Not Allowed') },
    unsupportedMediaType: { status: 415, body: message(415, 'Unsupported Media Type') },
    payloadTooLarge: { status: 413, body: message(413, 'Payload Too Large') },
    invocationFailed: { status: 500, body: message(500, 'Invocation failed') },
    invocationTimedOut: { status: 504, body: message(504, 'Invocation timed out') },
  },
  proxy: {
    upstreamTimeoutMs: 10_000,
    requestsPerInvocationMinute: 100,
    corsAllowedOrigins: [],
    impersonation: 'invoking-user-only',
    refusals: {
      missingAuthorization: { status: 401, error: 'MISSING_AUTHORIZATION' },
      invalidAuthorization: { status: 400, error: 'INVALID_AUTHORIZATION' },
      invalidInvocation: { status: 403, error: 'INVALID_INVOCATION' },
      invalidTarget: { status: 400, error: 'INVALID_TARGET' },
      egressNotAllowed: { status: 403, error: 'REQUEST_EGRESS_ALLOWLIST_ERR' },
      upstreamUnreachable: { status: 502, error: 'UPSTREAM_ERROR' },
      upstreamTimedOut: { status: 504, error: 'UPSTREAM_ERROR' },
      noStub: { status: 502, error: 'UPSTREAM_ERROR' },
      invalidServiceKey: { status: 400, error: 'INVALID_SERVICE_KEY' },
      fetchLimitExceeded: { status: 429, error: 'FETCH_LIMIT_EXCEEDED' },
      impersonationNotAllowed: { status: 403, error: 'IMPERSONATION_NOT_ALLOWED' },
    },
  },
  auth: {
    accessTokenTtlSeconds: 3600,
    refreshTokenReuse: 'refused-and-grant-revoked',
    revokedGrantAccessTokens: 'refused',
    refreshTokenTtlDays: 90,
    refreshTokenAbsoluteTtlDays: 365,
  },
  storage: {
    defaultQueryLimit: 10,
    keyExists: { status: 409, code: 'KEY_ALREADY_EXISTS' },
    scopeMissing: { status: 403, code: 'SCOPE_MISSING' },
    undeclaredEntity: { status: 400, code: 'INVALID_ENTITY_TYPE' },
    undeclaredIndex: { status: 400, code: 'INVALID_ENTITY_INDEX' },
    conditionFailed: { status: 409, code: 'CONDITION_CHECK_FAILED' },
  },
  events: {
    secondMs: 20,
    maxRetries: 4,
    backoffSeconds: 1,
    consumerTimeoutSeconds: 55,
    deliveryConcurrency: 4,
    drainMs: 30_000,
  },
  sql: {
    notEnabled: { status: 403, code: 'APP_NOT_ENABLED' },
    refused: { status: 400, code: 'SQL_POLICY_VIOLATION' },
    invalidQuery: { status: 400, code: 'INVALID_SQL_QUERY' },
    executionError: { status: 400, code: 'SQL_EXECUTION_ERROR' },
    timedOut: { status: 504, code: 'QUERY_TIMED_OUT' },
    rateLimited: { status: 429, code: 'RATE_LIMIT_EXCEEDED' },
  },
};

type DeepPartial<T> = { [K in keyof T]?: T[K] extends readonly unknown[] ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K] };
export type ProfileOverrides = DeepPartial<PlatformProfile>;

/** Thrown for a profile the platform cannot run with; the message says what to change. */
export class ProfileError extends Error {}

/**
 * The default profile with some settings changed for one run (arrays are replaced, not merged).
 * A step order may be any order in which each step comes after the ones it reads from.
 */
export function profileWith(overrides: ProfileOverrides = {}, base: PlatformProfile = DEFAULT_PROFILE): PlatformProfile {
  const profile = merge(base, overrides) as PlatformProfile;
  const order = profile.gateway.stepOrder;
  const unknown = order.filter((name) => !GATEWAY_STEPS.includes(name));
  if (unknown.length) throw new ProfileError(`unknown gateway steps ${unknown.join(', ')}; the steps are ${GATEWAY_STEPS.join(', ')}`);
  const missing = GATEWAY_STEPS.filter((name) => !order.includes(name));
  if (missing.length || order.length !== GATEWAY_STEPS.length)
    throw new ProfileError(`gateway.stepOrder must name every step once; missing or repeated: ${missing.join(', ') || 'a repeated step'}`);
  for (const name of order) {
    const late = stepsNeededEarlier(order, name);
    if (late.length) throw new ProfileError(`gateway.stepOrder puts ${name} before ${late.join(' and ')}, which it depends on`);
  }
  return profile;
}

function merge(base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (typeof base !== 'object' || base === null || Array.isArray(base) || typeof override !== 'object' || override === null || Array.isArray(override)) {
    return override;
  }
  const result: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(override)) result[key] = merge(result[key], value);
  return result;
}
