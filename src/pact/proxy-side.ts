import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { PROXY_AUTHORIZATION } from '../platform/invocation/wire-names';
import { ProxyClient } from '../platform/proxy/proxy-client';
import { harnessInvocation } from '../stack/clients/harness-invocation';
import type { Stack } from '../stack/stack';
import { PROXY_STATES } from './platform-state-names';
import { quoted, type ProviderSide } from './provider-side';
import { controlKeyOf } from '../stack/connect';

type Invocation = 'as-sent' | 'in-flight' | 'finished' | 'budget-spent';

/**
 * The Outbound Proxy, as a provider to the app's container services: an interaction given an
 * invocation state gets a real one, registered with the proxy the way the gateway registers a
 * handler's (and finished, or its minute's requests spent, when the state says so), and its
 * `forge-proxy-authorization` names it. Without such a state, the header goes as the pact has
 * it, so the proxy's refusals of a missing or malformed one are verified as they are.
 */
export class ProxySide implements ProviderSide {
  private invocation: Invocation = 'as-sent';
  private unknown: string | undefined;
  readonly stateProblems = new Map<string, string>();
  private readonly proxy: ProxyClient;

  constructor(private readonly stack: Stack) {
    this.proxy = new ProxyClient(stack.urls.proxy, controlKeyOf(stack));
  }

  get baseUrl(): string {
    return this.stack.urls.proxy;
  }

  reset(): void {
    this.invocation = 'as-sent';
    this.unknown = undefined;
  }

  given(state: string): void {
    const known: Record<string, Invocation> = {
      [PROXY_STATES.inFlight]: 'in-flight',
      [PROXY_STATES.finished]: 'finished',
      [PROXY_STATES.budgetSpent]: 'budget-spent',
    };
    if (Object.hasOwn(known, state)) {
      // "in flight" is implied by the other two; whichever comes last does not undo them.
      if (this.invocation === 'as-sent' || known[state] !== 'in-flight') this.invocation = known[state]!;
      return;
    }
    this.unknown ??= state;
    this.stateProblems.set(state, `unknown provider state "${state}": the Outbound Proxy's states are ${quoted(Object.values(PROXY_STATES))}`);
  }

  async prepare(request: IncomingMessage): Promise<string | undefined> {
    if (this.unknown) return this.stateProblems.get(this.unknown);
    if (this.invocation === 'as-sent') return undefined;
    const { stack } = this;
    const tenant = await stack.admin.createTenant();
    const invocationId = randomUUID();
    await this.proxy.startInvocation(harnessInvocation(stack, tenant, invocationId, { routeKey: 'contract-verification' }));
    const header = String(request.headers[PROXY_AUTHORIZATION] ?? 'Forge as=app,id=x');
    request.headers[PROXY_AUTHORIZATION] = header
      .replace(/\bid=[^,\s]*/, `id=${invocationId}`)
      .replace(/\binstallationId=[^,\s]*/, `installationId=${tenant.installation.id}`);
    if (this.invocation === 'finished') await this.proxy.finishInvocation(invocationId);
    if (this.invocation === 'budget-spent') await this.spendBudget(request.url ?? '/', request.headers[PROXY_AUTHORIZATION]);
    return undefined;
  }

  /** As many requests as the profile allows a minute, for the same target: the next one is over. */
  private async spendBudget(path: string, authorization: string): Promise<void> {
    for (let i = 0; i < this.stack.profile.proxy.requestsPerInvocationMinute; i++) {
      const response = await fetch(`${this.stack.urls.proxy}${path}`, { method: 'HEAD', headers: { [PROXY_AUTHORIZATION]: authorization } });
      await response.arrayBuffer();
    }
  }
}
