/**
 * What the queue accepts (facts.md §12): a push, a job's stats and a cancel, as `@forge/events`
 * sends them, checked here again: the package checks before it sends, but the platform never
 * trusts a caller to have used the package.
 */
import { Refusal } from '../http/refusal';

export const EVENT_LIMITS = {
  eventsPerPush: 50,
  pushBytes: 200 * 1024,
  maxDelaySeconds: 900,
  retryDataBytes: 4 * 1024,
  eventsPerMinute: 500,
  cyclicPushLimit: 1000,
} as const;

const QUEUE_NAME = /^[a-zA-Z0-9-_]{1,36}$/;

/**
 * The paths @forge/events sends (S: its `out/queries.js`, `out/appEvents.js`):
 * `/webhook/queue/{publish|stats|cancel}/{contextAri}/{environmentId}/{appId}/{appVersion}`, the
 * four filled in by the platform (group 1 is the queue operation); app events have their own
 * (app-event-request.ts).
 */
export const EVENTS_PATH = /^\/webhook\/queue\/(publish|stats|cancel)\/[^/]+\/[^/]+\/[^/]+\/[^/]+$/;

/** A refusal as the queue answers it: `{code, message}`, which the package puts in its InternalServerError. */
export const queueError = (status: number, code: string, message: string) => new Refusal(status, `${code}: ${message}`, { code, message });

export interface PushedEvent {
  body: Record<string, unknown>;
  delayInSeconds: number;
  concurrency: { key: string; limit: number } | undefined;
}

export interface PushRequest {
  queueName: string;
  jobId: string;
  events: PushedEvent[];
  bytes: number;
}

export interface JobRequest {
  queueName: string;
  jobId: string;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function queueNameOf(body: Record<string, unknown>): string {
  const name = body.queueName;
  if (typeof name !== 'string' || !QUEUE_NAME.test(name))
    throw queueError(400, 'INVALID_QUEUE_NAME', 'Queue names can only contain alphanumeric characters, dashes and underscores, at most 36.');
  return name;
}

function jobIdOf(body: Record<string, unknown>): string {
  const jobId = body.jobId;
  if (typeof jobId !== 'string' || jobId.length === 0 || jobId.length > 128) throw queueError(400, 'INVALID_JOB_ID', 'jobId must be a non-empty string.');
  return jobId;
}

function eventOf(value: unknown): PushedEvent {
  if (!isObject(value)) throw queueError(400, 'INVALID_EVENT', 'Event must be an object.');
  if (!isObject(value.body)) throw queueError(400, 'INVALID_EVENT', 'Event body must be an object.');
  const delay = value.delayInSeconds ?? 0;
  if (typeof delay !== 'number' || !Number.isFinite(delay) || delay < 0 || delay > EVENT_LIMITS.maxDelaySeconds)
    throw queueError(400, 'INVALID_PUSH_SETTINGS', `The delayInSeconds setting must be between 0 and ${EVENT_LIMITS.maxDelaySeconds}.`);
  const concurrency = value.concurrency;
  if (concurrency !== undefined) {
    if (!isObject(concurrency) || typeof concurrency.key !== 'string' || concurrency.key === '')
      throw queueError(400, 'INVALID_PUSH_SETTINGS', 'concurrency needs a key (a non-empty string) and a limit.');
    if (typeof concurrency.limit !== 'number' || !Number.isInteger(concurrency.limit) || concurrency.limit < 1)
      throw queueError(400, 'INVALID_PUSH_SETTINGS', 'concurrency.limit must be a whole number of at least 1.');
  }
  return {
    body: value.body,
    delayInSeconds: delay,
    concurrency: concurrency && { key: concurrency.key as string, limit: concurrency.limit as number },
  };
}

/** A push: 1 to 50 events, each body an object, 200 KB of events in all (413, as the package reads it). */
export function pushRequestOf(body: Record<string, unknown>): PushRequest {
  const queueName = queueNameOf(body);
  const jobId = jobIdOf(body);
  const payload = body.payload;
  if (!Array.isArray(payload) || payload.length === 0) throw queueError(400, 'NO_EVENTS', 'No events pushed.');
  if (payload.length > EVENT_LIMITS.eventsPerPush)
    throw queueError(400, 'TOO_MANY_EVENTS', `This push contains more than the ${EVENT_LIMITS.eventsPerPush} events allowed.`);
  const events = payload.map(eventOf);
  const bytes = Buffer.byteLength(JSON.stringify(payload));
  if (bytes > EVENT_LIMITS.pushBytes)
    throw new Refusal(413, 'the events are over 200 KB', { errorMessage: `The maximum payload size is ${EVENT_LIMITS.pushBytes / 1024}KB.` });
  return { queueName, jobId, events, bytes };
}

/** A job's stats or a cancel: the queue and the job. */
export function jobRequestOf(body: Record<string, unknown>): JobRequest {
  return { queueName: queueNameOf(body), jobId: jobIdOf(body) };
}
