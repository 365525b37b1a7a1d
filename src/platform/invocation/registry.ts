/** The invocations the proxy accepts requests for, live or finished. */
import type { InvocationIdentity } from './identity';

/** A function invocation the platform is running, as the proxy needs to know it. */
export interface LiveInvocation extends InvocationIdentity {
  routeKey: string;
  /** SHA-256 of the caller's bearer token, to notice a handler passing it on (never the token itself). */
  callerTokenSha256: string | undefined;
}

export type FoundInvocation = { state: 'live'; invocation: LiveInvocation } | { state: 'finished' };

/**
 * Invocations, live or finished: the gateway's own (registered before a handler runs, finished
 * when it returns), and the proxy's (what it was told directly, and what it learned from the
 * gateway). A finished id is remembered (bounded), so the refusal can say so, and so that one
 * learned late can never come back to life.
 */
export class InvocationRegistry {
  private readonly live = new Map<string, LiveInvocation>();
  private readonly finished = new Set<string>();

  start(invocation: LiveInvocation): void {
    if (!this.finished.has(invocation.invocationId)) this.live.set(invocation.invocationId, invocation);
  }

  /** Finishes an invocation, known or not yet known here. */
  finish(invocationId: string): void {
    this.live.delete(invocationId);
    this.finished.add(invocationId);
    if (this.finished.size > 10_000) this.finished.delete(this.finished.values().next().value!);
  }

  find(invocationId: string): FoundInvocation | undefined {
    const live = this.live.get(invocationId);
    if (live) return { state: 'live', invocation: live };
    return this.finished.has(invocationId) ? { state: 'finished' } : undefined;
  }

  /** A live invocation of an installation, for `installationId=` authorization. */
  liveForInstallation(installationId: string): LiveInvocation | undefined {
    return [...this.live.values()].find((i) => i.installationId === installationId);
  }
}
