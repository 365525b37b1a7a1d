/** EVENTS-CONSUMER-01, judged after the run from the queue log, once the queues settled (facts.md §12). */
import type { ConsumerModule } from '../app/consumer-modules';
import type { EventEntry } from '../platform/events/event-log';
import { checkOutcome, type CheckOutcome } from './check-outcomes';

/**
 * One outcome a queue the app pushed to or listens on: a failure for every event given up on
 * (with the consumer's last error) or still undelivered when the run stopped waiting; no
 * evidence for a consumer whose queue no call of the run pushed to, or whose events were all
 * cancelled; a pass only for a queue whose pushed events were handled.
 */
export function eventOutcomes(consumers: readonly ConsumerModule[], log: readonly EventEntry[]): CheckOutcome[] {
  const queues = new Set([...consumers.map((c) => c.queue), ...log.filter((e) => e.queue).map((e) => e.queue!)]);
  return [...queues].sort().map((queue) => {
    const of = log.filter((e) => e.queue === queue);
    const pushed = of.filter((e) => e.operation === 'push' && e.status === 201).reduce((sum, e) => sum + (e.events ?? 0), 0);
    const failed = of.filter((e) => e.operation === 'deliver' && e.outcome === 'failed');
    const succeeded = of.filter((e) => e.operation === 'deliver' && e.outcome === 'succeeded').length;
    const unsettled = of.filter((e) => e.operation === 'unsettled').reduce((sum, e) => sum + (e.events ?? 0), 0);
    const consumer = consumers.find((c) => c.queue === queue);
    // A trigger of app events is named as the trigger it is, not by the platform's queue behind it.
    const events = consumer?.appEvents?.map((avi) => avi.split('/').at(-1)).join(', ');
    const name = consumer?.appEvents
      ? `EVENTS-CONSUMER-01 trigger ${consumer.key} (app events ${events})`
      : `EVENTS-CONSUMER-01 queue ${queue}${consumer ? ` (${consumer.key})` : ''}`;
    if (pushed === 0)
      return checkOutcome('EVENTS-CONSUMER-01', {
        case: name,
        outcome: 'no-evidence',
        message: consumer?.appEvents
          ? `no call of the run published app event ${events}: add an example or scenario to conformance.yaml whose handler does`
          : `no call of the run pushed an event to queue ${queue}: add an example or scenario to conformance.yaml whose handler does`,
      });
    const problems = [
      ...(failed.length
        ? [`${failed.length} of ${pushed} events failed every delivery (event ${failed[0]!.eventId}, delivery ${failed[0]!.attempt}: ${failed[0]!.error})`]
        : []),
      ...(unsettled ? [`${unsettled} events were still undelivered when the run stopped waiting for the queue`] : []),
    ];
    // Pushed, none failed, none left, yet none handled (every job cancelled): no consumer was seen to run.
    if (!problems.length && succeeded === 0)
      return checkOutcome('EVENTS-CONSUMER-01', {
        case: name,
        outcome: 'no-evidence',
        message: `the ${pushed} events pushed to queue ${queue} were cancelled before any was delivered: no consumer was seen to handle one`,
      });
    return checkOutcome('EVENTS-CONSUMER-01', {
      case: name,
      outcome: problems.length ? 'fail' : 'pass',
      message: problems.length ? problems.join('; ') : `${succeeded} events delivered and handled`,
    });
  });
}
