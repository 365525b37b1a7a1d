/**
 * What `appEvents.publish` may hold (facts.md §12): `{events: [{key}]}`, as @forge/events sends
 * it (S: its `out/appEvents.js`), at most 10 events a call (D: the app events page), each the key
 * of an `event` module (its regex, S: the manifest schema's reference page). The package checks
 * nothing before it sends, so everything is checked here.
 */
import { Refusal } from '../http/refusal';

export const APP_EVENTS_PATH = '/forge/events/v1/app-events';
export const APP_EVENTS_PER_PUBLISH = 10;
const EVENT_KEY = /^[a-zA-Z0-9_-]{1,255}$/;

/** A refusal of the whole call, as the package reads it: `errorMessages`, joined into its result's `errorMessage`. */
export const appEventsError = (status: number, message: string) => new Refusal(status, message, { errorMessages: [message] });

/** The keys of the events to publish, in order; a malformed call refused whole (400, `VALIDATION_ERROR` to the package). */
export function appEventKeysOf(body: Record<string, unknown>): string[] {
  const events = body.events;
  if (!Array.isArray(events) || events.length === 0) throw appEventsError(400, 'events must be a non-empty list of {key}');
  if (events.length > APP_EVENTS_PER_PUBLISH)
    throw appEventsError(400, `at most ${APP_EVENTS_PER_PUBLISH} events can be published at once, not ${events.length}`);
  return events.map((event, i) => {
    const key = typeof event === 'object' && event !== null ? (event as { key?: unknown }).key : undefined;
    if (typeof key !== 'string' || !EVENT_KEY.test(key)) throw appEventsError(400, `events[${i}].key must be an event module's key (letters, digits, _ and -)`);
    return key;
  });
}
