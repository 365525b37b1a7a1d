import { BoundedLog } from '../bounded-log';

/** What the platform did with one call: whether (and which) handler ran, or which gateway step refused it. */
export interface CallObservation {
  id: number;
  /** The caller's `x-conformance-correlation-id`, which tests use to find their own calls. */
  correlationId: string | undefined;
  at: string;
  method: string;
  target: string;
  status: number;
  decision: 'refused' | 'invoked';
  /** The gateway step that refused the call, its failure category and the reason (never told to the caller). */
  step?: string;
  failureCategory?: string;
  reason?: string;
  invocation?: {
    invocationId: string;
    functionKey: string;
    routeKey: string;
    outcome: 'returned' | 'threw' | 'timed-out' | 'crashed' | 'bad-result';
    durationMs: number;
    /** Lower-cased names of the headers the handler received. */
    headerNames: string[];
    /** The caller identity the handler was given. */
    accountId: string;
    /** Encrypted variables whose value the handler's response carried (their names, never the values). */
    secretsEchoed?: string[];
  };
  traceId: string;
  durationMs: number;
}

/** Every call through the gateway, newest last; bounded so a long `up` session does not grow without end. */
export class ObservationLog {
  private readonly calls: BoundedLog<CallObservation>;
  private nextId = 1;

  constructor(capacity = 10_000) {
    this.calls = new BoundedLog(capacity);
  }

  record(observation: Omit<CallObservation, 'id'>): CallObservation {
    return this.calls.add({ id: this.nextId++, ...observation });
  }

  query({ correlationId }: { correlationId?: string } = {}): CallObservation[] {
    const calls = this.calls.entries();
    return correlationId === undefined ? calls : calls.filter((c) => c.correlationId === correlationId);
  }
}
