/** The proxy's record of every request and the method coverage per host. */
import { BoundedLog } from '../bounded-log';

export const PROXY_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH'] as const;

/** One request through the egress proxy. */
export interface TrafficEntry {
  id: number;
  at: string;
  /** `x-forge-invocation-id` / `id=`; undefined when the authorization named none. */
  invocationId: string | undefined;
  /** The apiRoute whose handler made the request, when the invocation is known. */
  routeKey: string | undefined;
  kind: 'external' | 'product' | 'service' | 'preflight';
  method: string;
  /** Host and path, as in `/proxy/{target}` (products and services: `jira.product.invalid/...`, `service:<key>/...`). */
  target: string;
  host: string;
  decision: 'forwarded' | 'refused';
  /** The `forge-proxy-error` code when the proxy refused or the upstream failed. */
  error?: string;
  reason?: string;
  status: number;
  requestBytes: number;
  responseBytes: number;
  durationMs: number;
  /** The invocation's caller's access token appeared in the request the app sent. */
  callerTokenSeen: boolean;
  /** Where it appeared, each place with its form: `header x-api-key (plain)`, `query (URL-encoded)`, `body (base64)`. */
  callerTokenAt?: string[];
  as: 'app' | 'user' | undefined;
  /** For `as=user`: the user the request acted for (the `accountId=`, or else the invoking user). */
  accountId?: string;
}

/** Every request the proxy saw, newest last, bounded; plus which methods each host saw. */
export class TrafficLog {
  private readonly log: BoundedLog<TrafficEntry>;
  private nextId = 1;

  constructor(capacity = 20_000) {
    this.log = new BoundedLog(capacity);
  }

  record(entry: Omit<TrafficEntry, 'id' | 'at'>): TrafficEntry {
    return this.log.add({ id: this.nextId++, at: new Date().toISOString(), ...entry });
  }

  query({ invocationId }: { invocationId?: string } = {}): TrafficEntry[] {
    const entries = this.log.entries();
    return invocationId === undefined ? entries : entries.filter((e) => e.invocationId === invocationId);
  }

  /** Proxy method coverage of everything kept (methodCoverage). */
  methodCoverage(): Record<string, string[]> {
    return methodCoverage(this.log.entries());
  }
}

/** Proxy method coverage: for each host, the methods forwarded to it, in the documented order. */
export function methodCoverage(entries: readonly TrafficEntry[]): Record<string, string[]> {
  const seen = new Map<string, Set<string>>();
  for (const e of entries) {
    if (e.decision !== 'forwarded') continue;
    const methods = seen.get(e.host) ?? new Set<string>();
    methods.add(e.method);
    seen.set(e.host, methods);
  }
  return Object.fromEntries([...seen].sort(([a], [b]) => a.localeCompare(b)).map(([host, methods]) => [host, PROXY_METHODS.filter((m) => methods.has(m))]));
}
