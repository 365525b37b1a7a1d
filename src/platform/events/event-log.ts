/**
 * Every queue call and every delivery, as evidence of the app's background work: which
 * invocation, which queue and job, how many events and bytes, and what became of each delivery.
 * Never an event's body; a consumer's error is kept as its first line, cut short.
 */
import { ServiceLog } from '../bounded-log';

export interface EventEntry {
  at: string;
  installationId: string;
  /** The invocation that pushed, asked or cancelled; for a delivery, the consumer's invocation. */
  invocationId: string | undefined;
  /**
   * `unsettled`: the events of a queue still undelivered when the run stopped waiting for it
   * (`events`). `publish`: an `appEvents.publish` call; each trigger it reaches has a `push`.
   */
  operation: 'push' | 'stats' | 'cancel' | 'deliver' | 'unsettled' | 'publish';
  queue: string | undefined;
  jobId: string | undefined;
  /** A delivery's event. */
  eventId?: string;
  /** A push's events and their size. */
  events?: number;
  requestBytes: number;
  /** What the queue answered (a push, stats or cancel). */
  status?: number;
  code?: string;
  /** What became of a delivery: done, to be tried again, or given up on. */
  outcome?: 'succeeded' | 'retry' | 'failed';
  /** Which delivery of the event this was (1 for the first). */
  attempt?: number;
  consumer?: string;
  error?: string;
  durationMs?: number;
}

/** An error as the log keeps it: its first line, at most 300 characters. */
export const errorLine = (message: string) => (message.split('\n')[0] ?? '').slice(0, 300);

export class EventLog extends ServiceLog<EventEntry> {}
