/** The gateway's invocations, as the egress proxy learns about them (proxy/invocation-source.ts). */
import { tokenSha256 } from '../invocation/caller-token';
import { InvocationRegistry, type FoundInvocation, type LiveInvocation } from '../invocation/registry';

/**
 * Every invocation the gateway runs is live here while its handler runs. The proxy asks about
 * one only when the handler egresses; those it asked about it keeps, so the gateway finishes
 * them there before the call's answer goes out. The others cost the proxy nothing.
 */
export class LiveInvocations {
  private readonly registry = new InvocationRegistry();
  /** The caller's bearer token of each live invocation, hashed only if the proxy asks (most handlers never egress). */
  private readonly callerTokens = new Map<string, string>();
  private readonly askedAbout = new Set<string>();

  constructor(private readonly finishAtProxy?: (invocationId: string) => Promise<void>) {}

  /** Runs `work` with the invocation live, and finishes it whatever happens. */
  async during<T>(invocation: Omit<LiveInvocation, 'callerTokenSha256'>, callerToken: string, work: () => Promise<T>): Promise<T> {
    this.registry.start({ ...invocation, callerTokenSha256: undefined });
    this.callerTokens.set(invocation.invocationId, callerToken);
    try {
      return await work();
    } finally {
      this.registry.finish(invocation.invocationId);
      this.callerTokens.delete(invocation.invocationId);
      if (this.askedAbout.delete(invocation.invocationId)) await this.finishAtProxy?.(invocation.invocationId);
    }
  }

  /** The proxy asks about one invocation. */
  find(invocationId: string): FoundInvocation | undefined {
    const found = this.registry.find(invocationId);
    if (found?.state === 'live') this.told(found.invocation);
    return found;
  }

  /** The proxy asks on behalf of an installation (`installationId=` authorization). */
  liveForInstallation(installationId: string): LiveInvocation | undefined {
    const live = this.registry.liveForInstallation(installationId);
    if (live) this.told(live);
    return live;
  }

  /** What the proxy is told, it keeps: the gateway finishes it there, and it carries the caller's token hash. */
  private told(invocation: LiveInvocation): void {
    this.askedAbout.add(invocation.invocationId);
    const token = this.callerTokens.get(invocation.invocationId);
    if (token !== undefined) invocation.callerTokenSha256 ??= tokenSha256(token);
  }
}
