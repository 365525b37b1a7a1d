/** The shape of a hostile input, its expected refusal, and what the corpus is generated against. */
import type { Tenant } from '../stack/clients/admin-client';

/** The component a hostile request is sent to. */
export type Component = 'gateway' | 'auth' | 'admin' | 'proxy';

/** One request of the corpus, sent exactly as written (any target, any header, any method). */
export interface HostileRequest {
  component: Component;
  method: string;
  /** The request target: usually a path, possibly absolute-form. */
  target: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** The refusal a case expects: one of these statuses, and what else must (not) be in the answer. */
export interface Expectation {
  status: readonly number[];
  /** The `forge-proxy-error` code the proxy must answer with. */
  proxyError?: string;
  /** The gateway's `x-failure-category`. */
  failureCategory?: string;
  /** Text that must not appear in the answer (a secret, someone else's record). */
  bodyExcludes?: string;
}

export interface HostileCase {
  category: string;
  /** What the input tries, for the report of a case that got through. */
  name: string;
  request: HostileRequest;
  expect: Expectation;
}

/** What the corpus is generated against: a running stack's identities and a few real credentials. */
export interface HostileContext {
  app: { id: string; envId: string };
  /** A site with the app installed and REST APIs on, and one with them off. */
  tenant: Tenant;
  disabledTenant: Tenant;
  /** A token of the tenant's member holding every scope; one for the disabled tenant. */
  token: string;
  disabledTenantToken: string;
  /** A live invocation of the app (registered with the proxy by the harness), and a finished one. */
  invocationId: string;
  finishedInvocationId: string;
  /** The OAuth client the 3LO server knows. */
  oauth: { clientId: string; clientSecret: string; redirectUri: string };
  /** host:port of the canary: a loopback server nothing may ever reach. */
  canary: string;
  /** Secrets no answer may ever contain. */
  secrets: string[];
}

/** A small deterministic generator, so the corpus is the same on every run. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every combination of the given lists, as tuples. */
/** The canary (a loopback server the app does not declare) in the spellings of loopback every URL parser reads as it. */
export const canarySpellings = (canary: string): string[] => {
  const port = canary.split(':')[1]!;
  return [`127.0.0.1:${port}`, `localhost:${port}`, `127.1:${port}`, `2130706433:${port}`, `0x7f000001:${port}`, `[::1]:${port}`, `127.0.0.1.:${port}`];
};

export function combinations<T extends unknown[][]>(...lists: T): { [K in keyof T]: T[K][number] }[] {
  return lists.reduce<unknown[][]>((acc, list) => acc.flatMap((prefix) => list.map((item) => [...prefix, item])), [[]]) as never;
}
