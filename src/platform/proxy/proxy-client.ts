/** Talking to the egress proxy's control API, wherever the proxy runs. */
import { CONTROL_KEY_HEADER } from '../http/control-key';
import type { LiveInvocation } from '../invocation/registry';

/** What the platform tells the egress proxy, over HTTP wherever it runs, with the stack's control key. */
export class ProxyClient {
  constructor(
    readonly url: string,
    private readonly controlKey: string,
  ) {}

  private control(method: string, path: string, body?: unknown): Promise<Response> {
    const headers = { [CONTROL_KEY_HEADER]: this.controlKey, ...(body !== undefined && { 'content-type': 'application/json' }) };
    return fetch(`${this.url}${path}`, { method, headers, ...(body !== undefined && { body: JSON.stringify(body) }) });
  }

  /** Tells the proxy an invocation is running (before its handler can egress). */
  async startInvocation(invocation: LiveInvocation): Promise<void> {
    const response = await this.control('POST', '/_internal/invocations', invocation);
    if (!response.ok) throw new Error(`the egress proxy refused invocation ${invocation.invocationId}: ${response.status}`);
  }

  async finishInvocation(invocationId: string): Promise<void> {
    await this.control('DELETE', `/_internal/invocations/${encodeURIComponent(invocationId)}`);
  }

  /** Tells the proxy where an app's container service listens, for `invokeService`. */
  async registerService(key: string, url: string): Promise<void> {
    const response = await this.control('PUT', `/_internal/services/${encodeURIComponent(key)}`, { url });
    if (!response.ok) throw new Error(`the egress proxy refused the address of service ${key}: ${response.status}`);
  }
}
