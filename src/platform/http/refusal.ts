/** What the platform answers (the profile says which, for each situation) when it refuses or fails a call. */
export interface RefusalAnswer {
  status: number;
  /** Sent as `x-failure-category` when set. */
  failureCategory?: string;
  body: Record<string, unknown>;
}

/** What the egress proxy answers when it refuses: the error code travels in `forge-proxy-error`. */
export interface ProxyRefusalAnswer {
  status: number;
  error: string;
}

/**
 * The one way every component of the emulated platform refuses a request: thrown wherever the
 * reason is found (a gateway step, the proxy, a control API, a parser of outside input) and turned
 * into a response in one place (serve.ts), so no new check can forget the format or the log.
 * `reason` is for the observation and traffic logs; `body` and `headers` are what the caller sees.
 */
export class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    readonly body: Record<string, unknown> = { code: status, message: reason },
    readonly headers: Record<string, string> = {},
    /** The gateway step that refused (for the observation log). */
    readonly step?: string,
  ) {
    super(reason);
  }

  /** A gateway refusal: the profile's status and body, its failure category in `x-failure-category`. */
  static gateway(step: string, refusal: RefusalAnswer, reason: string, headers: Record<string, string> = {}): Refusal {
    const category: Record<string, string> = refusal.failureCategory ? { 'x-failure-category': refusal.failureCategory } : {};
    return new Refusal(refusal.status, reason, refusal.body, { ...category, ...headers }, step);
  }

  /** An egress proxy refusal: the profile's status, its error code in `forge-proxy-error`. */
  static proxy(refusal: ProxyRefusalAnswer, reason: string, headers: Record<string, string> = {}): Refusal {
    return new Refusal(refusal.status, reason, { code: refusal.status, message: reason }, { 'forge-proxy-error': refusal.error, ...headers });
  }

  get failureCategory(): string | undefined {
    return this.headers['x-failure-category'];
  }

  get proxyError(): string | undefined {
    return this.headers['forge-proxy-error'];
  }
}

/** Anything thrown, as a Refusal: a fault of the emulator itself is a 500 that says so (never blamed on the app). */
export function asRefusal(error: unknown, component: string): Refusal {
  if (error instanceof Refusal) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new Refusal(500, `${component} emulator error: ${message}`);
}
