import type { CallObservation } from '../../platform/gateway/observation-log';
import type { TrafficEntry } from '../../platform/proxy/traffic-log';
import type { EventEntry } from '../../platform/events/event-log';
import type { SqlEntry } from '../../platform/sql/sql-log';
import type { StorageEntry } from '../../platform/storage/storage-log';
import { requestJson } from './http-json';

/**
 * What the platform saw: the gateway's observation log (was the handler invoked for a call, or
 * which check refused it), the proxy's traffic log (what the app sent out, and what became of it)
 * the storage log (what the app kept, never a value), the queue log (pushes and deliveries) and
 * the SQL log (every statement).
 */
export class ObservationClient {
  constructor(
    private readonly gatewayUrl: string,
    private readonly proxyUrl: string,
    private readonly controlKey: string,
  ) {}

  /** One of the proxy's logs, whole or for one invocation. */
  private proxyLog<T>(log: 'storage' | 'events' | 'sql' | 'traffic', invocationId: string | undefined): Promise<T[]> {
    const query = invocationId === undefined ? '' : `?invocationId=${encodeURIComponent(invocationId)}`;
    return requestJson(this.proxyUrl, 'GET', `/_observe/${log}${query}`, undefined, this.controlKey);
  }

  /** The storage calls of one invocation, or all of them (the proxy serves storage). */
  storage(invocationId?: string): Promise<StorageEntry[]> {
    return this.proxyLog('storage', invocationId);
  }

  /** The queue calls and deliveries of one invocation, or all of them (the proxy serves the queues). */
  events(invocationId?: string): Promise<EventEntry[]> {
    return this.proxyLog('events', invocationId);
  }

  /** The Forge SQL statements of one invocation, or all of them (the proxy serves SQL). */
  sql(invocationId?: string): Promise<SqlEntry[]> {
    return this.proxyLog('sql', invocationId);
  }

  /** Waits (at most timeoutMs) for every queued event to be delivered or given up on; how many are left. */
  async settleEvents(timeoutMs: number): Promise<number> {
    const { unsettled } = await requestJson<{ unsettled: number }>(this.proxyUrl, 'POST', '/_internal/events/drain', { timeoutMs }, this.controlKey);
    return unsettled;
  }

  calls(correlationId?: string): Promise<CallObservation[]> {
    const query = correlationId === undefined ? '' : `?correlationId=${encodeURIComponent(correlationId)}`;
    return requestJson(this.gatewayUrl, 'GET', `/_observe/calls${query}`, undefined, this.controlKey);
  }

  /** The egress of one invocation, or all of it. */
  traffic(invocationId?: string): Promise<TrafficEntry[]> {
    return this.proxyLog('traffic', invocationId);
  }

  /** Proxy method coverage: for each host, the methods forwarded to it. */
  methodCoverage(): Promise<Record<string, string[]>> {
    return requestJson(this.proxyUrl, 'GET', '/_observe/coverage', undefined, this.controlKey);
  }
}
