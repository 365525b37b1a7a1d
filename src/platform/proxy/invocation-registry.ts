/** The invocations the proxy accepts requests for, live or finished. */
import type { InvocationIdentity } from '../runtime/protocol';

/** A function invocation the platform is running, as the proxy needs to know it. */
export interface LiveInvocation extends InvocationIdentity {
  routeKey: string;
  /** SHA-256 of the caller's bearer token, to notice a handler passing it on (never the token itself). */
  callerTokenSha256: string | undefined;
}

/**
 * The invocations the proxy accepts requests for: registered by the gateway before a handler
 * runs, finished when it returns. A finished one is remembered (bounded), so the refusal can
 * say so.
 */
export class InvocationRegistry {
  private readonly live = new Map<string, LiveInvocation>();
  private readonly finished = new Map<string, LiveInvocation>();

  start(invocation: LiveInvocation): void {
    this.live.set(invocation.invocationId, invocation);
  }

  finish(invocationId: string): void {
    const invocation = this.live.get(invocationId);
    if (!invocation) return;
    this.live.delete(invocationId);
    this.finished.set(invocationId, invocation);
    if (this.finished.size > 10_000) this.finished.delete(this.finished.keys().next().value!);
  }

  find(invocationId: string): { state: 'live' | 'finished'; invocation: LiveInvocation } | undefined {
    const live = this.live.get(invocationId);
    if (live) return { state: 'live', invocation: live };
    const done = this.finished.get(invocationId);
    return done ? { state: 'finished', invocation: done } : undefined;
  }

  /** A live invocation of an installation, for `installationId=` authorization. */
  liveForInstallation(installationId: string): LiveInvocation | undefined {
    return [...this.live.values()].find((i) => i.installationId === installationId);
  }
}
