import type { CallObservation } from '../../platform/gateway/observation-log';
import type { TrafficEntry } from '../../platform/proxy/traffic-log';
import type { StorageEntry } from '../../platform/storage/storage-log';
import { requestJson } from './http-json';

/**
 * What the platform saw: the gateway's observation log (was the handler invoked for a call, or
 * which check refused it), the proxy's traffic log (what the app sent out, and what became of it)
 * and the storage log (what the app kept, never a value).
 */
export class ObservationClient {
  constructor(
    private readonly gatewayUrl: string,
    private readonly proxyUrl: string,
    private readonly controlKey: string,
  ) {}

  /** The storage calls of one invocation, or all of them (the proxy serves storage). */
  storage(invocationId?: string): Promise<StorageEntry[]> {
    const query = invocationId === undefined ? '' : `?invocationId=${encodeURIComponent(invocationId)}`;
    return requestJson(this.proxyUrl, 'GET', `/_observe/storage${query}`, undefined, this.controlKey);
  }

  calls(correlationId?: string): Promise<CallObservation[]> {
    const query = correlationId === undefined ? '' : `?correlationId=${encodeURIComponent(correlationId)}`;
    return requestJson(this.gatewayUrl, 'GET', `/_observe/calls${query}`, undefined, this.controlKey);
  }

  /** The egress of one invocation, or all of it. */
  traffic(invocationId?: string): Promise<TrafficEntry[]> {
    const query = invocationId === undefined ? '' : `?invocationId=${encodeURIComponent(invocationId)}`;
    return requestJson(this.proxyUrl, 'GET', `/_observe/traffic${query}`, undefined, this.controlKey);
  }

  /** Proxy method coverage: for each host, the methods forwarded to it. */
  methodCoverage(): Promise<Record<string, string[]>> {
    return requestJson(this.proxyUrl, 'GET', '/_observe/coverage', undefined, this.controlKey);
  }
}
