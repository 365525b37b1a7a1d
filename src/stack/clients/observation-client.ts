import type { CallObservation } from '../../platform/gateway/observation-log';
import { requestJson } from './http-json';

/** The gateway's observation log: was the handler invoked for a call, or which check refused it. */
export class ObservationClient {
  constructor(private readonly gatewayUrl: string) {}

  calls(correlationId?: string): Promise<CallObservation[]> {
    const query = correlationId === undefined ? '' : `?correlationId=${encodeURIComponent(correlationId)}`;
    return requestJson(this.gatewayUrl, 'GET', `/_observe/calls${query}`);
  }
}
