/**
 * The platform's async events: the queues `@forge/events` pushes to, held by the egress proxy's
 * process beside storage, and served there once the proxy has checked the live invocation (the
 * installation is the one it found, never one the app names). Delivery runs in the background
 * (deliverer.ts).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DatabaseSync } from 'node:sqlite';
import { readJsonObject } from '../http/body';
import { Refusal } from '../http/refusal';
import { sendJson } from '../http/respond';
import type { LiveInvocation } from '../invocation/registry';
import type { PlatformProfile } from '../profile';
import { EventLog, type EventEntry } from './event-log';
import { appEventQueue, appEventType, type ConsumerModule } from '../../app/consumer-modules';
import { APP_EVENTS_PATH, appEventKeysOf } from './app-event-request';
import { EVENT_LIMITS, EVENTS_PATH, jobRequestOf, pushRequestOf, queueError } from './push-request';
import { QueueStore } from './queue-store';
import { SlidingWindow } from '../sliding-window';

export class EventsService {
  readonly queue: QueueStore;
  readonly log = new EventLog();
  /** The events pushed in the last minute, per installation (Forge's 500 events a minute). */
  private readonly minute = new Map<string, SlidingWindow>();
  /** Pushes made so far by each chain of invocations (the cyclic invocation limit). */
  private readonly chainPushes = new Map<string, number>();
  /** The chain each consumer invocation belongs to, while it runs (the deliverer says). */
  readonly chainOf = new Map<string, string>();
  /** Called after every push: the deliverer looks for work. */
  onPush: () => void = () => {};

  constructor(
    private readonly profile: PlatformProfile,
    db: DatabaseSync,
    /** The app's app events: its uuid (their AVIs name it), the keys it declares, its triggers of them. */
    private readonly appEvents: { appUuid: string; declared: readonly string[]; triggers: readonly ConsumerModule[] },
    /** The clock pushes are counted by (a test moves it past the minute's limit). */
    private readonly now: () => number = Date.now,
  ) {
    this.queue = new QueueStore(db);
  }

  /** Serves one queue call and records it; a refusal is thrown for the proxy to answer. */
  async serve(path: string, request: IncomingMessage, response: ServerResponse, caller: LiveInvocation): Promise<{ status: number }> {
    const [, operation] = EVENTS_PATH.exec(path) ?? [];
    const entry: Omit<EventEntry, 'at' | 'operation'> = {
      installationId: caller.installationId,
      invocationId: caller.invocationId,
      queue: undefined,
      jobId: undefined,
      requestBytes: Number(request.headers['content-length'] ?? 0) || 0,
    };
    try {
      if (path === APP_EVENTS_PATH) return await this.publishAppEvents(request, response, caller, entry);
      if (!operation) {
        const message = `${path} is not a queue operation the emulator serves`;
        throw new Refusal(404, message, { code: 'NOT_FOUND', message, errorMessages: [message] });
      }
      // A push at its limit, with room for the envelope; over it, the package's own 413.
      const body = await readJsonObject(request, EVENT_LIMITS.pushBytes + 64 * 1024).catch((error: unknown) => {
        if (error instanceof Refusal && error.status === 413)
          throw new Refusal(413, 'the push is over 200 KB', { errorMessage: 'The maximum payload size is 200KB.' });
        throw error;
      });
      if (operation === 'publish') return this.push(body, response, caller, entry);
      const job = jobRequestOf(body);
      Object.assign(entry, { queue: job.queueName, jobId: job.jobId });
      const notFound = () => queueError(404, 'JOB_NOT_FOUND', `The job ${job.jobId} was not found for the queue ${job.queueName}.`);
      if (operation === 'stats') {
        const stats = this.queue.stats(caller.installationId, job.queueName, job.jobId);
        if (!stats) throw notFound();
        this.log.record({ ...entry, operation: 'stats', status: 200 });
        sendJson(response, 200, stats);
        return { status: 200 };
      }
      if (!this.queue.cancel(caller.installationId, job.queueName, job.jobId)) throw notFound();
      this.log.record({ ...entry, operation: 'cancel', status: 204 });
      response.writeHead(204).end();
      return { status: 204 };
    } catch (error) {
      const refusal = error instanceof Refusal ? error : undefined;
      const op = path === APP_EVENTS_PATH ? 'publish' : operation === 'publish' ? 'push' : ((operation ?? 'push') as 'stats' | 'cancel');
      this.log.record({ ...entry, operation: op, status: refusal?.status ?? 500, code: (refusal?.body as { code?: string } | undefined)?.code });
      throw error;
    }
  }

  private push(body: Record<string, unknown>, response: ServerResponse, caller: LiveInvocation, entry: Omit<EventEntry, 'at' | 'operation'>) {
    const push = pushRequestOf(body);
    Object.assign(entry, { queue: push.queueName, jobId: push.jobId, events: push.events.length });
    const now = this.now();
    const { eventsPerMinute, cyclicPushLimit } = EVENT_LIMITS;
    const { secondMs } = this.profile.events;
    let minute = this.minute.get(caller.installationId);
    if (!minute) this.minute.set(caller.installationId, (minute = new SlidingWindow(60_000)));
    if (minute.sum(now) + push.events.length > eventsPerMinute)
      throw queueError(429, 'RATE_LIMIT_EXCEEDED', `Too many requests: at most ${eventsPerMinute} events a minute for an installation.`);
    const chainId = this.chainOf.get(caller.invocationId) ?? caller.invocationId;
    const pushes = (this.chainPushes.get(chainId) ?? 0) + 1;
    if (pushes > cyclicPushLimit) throw queueError(405, 'INVOCATION_LIMIT_REACHED', 'The limit on cyclic invocation has been reached.');
    this.chainPushes.set(chainId, pushes);
    // Bounded, oldest chain first: a long `up` session must not grow it without end.
    if (this.chainPushes.size > 10_000) this.chainPushes.delete(this.chainPushes.keys().next().value!);
    minute.add(now, push.events.length);
    this.queue.push(
      { installationId: caller.installationId, cloudId: caller.cloudId, product: caller.product, chainId },
      push.queueName,
      push.jobId,
      push.events,
      (event) => now + event.delayInSeconds * secondMs,
    );
    this.log.record({ ...entry, operation: 'push', status: 201 });
    sendJson(response, 201, { jobId: push.jobId });
    this.onPush();
    return { status: 201 };
  }

  /**
   * `appEvents.publish`: each declared event is queued for every trigger of the app listening to
   * it (a queue of the platform's a trigger, delivered and retried as a queue's events are); an
   * undeclared key is a failed event of a call that succeeds (facts.md §12).
   */
  private async publishAppEvents(request: IncomingMessage, response: ServerResponse, caller: LiveInvocation, entry: Omit<EventEntry, 'at' | 'operation'>) {
    const keys = appEventKeysOf(await readJsonObject(request, 64 * 1024));
    const failedEvents: { event: { key: string }; errorMessage: string }[] = [];
    const chainId = this.chainOf.get(caller.invocationId) ?? caller.invocationId;
    const origin = { installationId: caller.installationId, cloudId: caller.cloudId, product: caller.product, chainId };
    const now = this.now();
    for (const key of keys) {
      if (!this.appEvents.declared.includes(key)) {
        failedEvents.push({ event: { key }, errorMessage: `the app declares no event module ${key}` });
        continue;
      }
      const eventType = appEventType(this.appEvents.appUuid, key);
      for (const trigger of this.appEvents.triggers.filter((t) => t.appEvents?.includes(eventType))) {
        const jobId = randomUUID();
        this.queue.push(origin, appEventQueue(trigger.key), jobId, [{ body: { eventType }, delayInSeconds: 0, concurrency: undefined }], () => now);
        this.log.record({ ...entry, operation: 'push', queue: appEventQueue(trigger.key), jobId, events: 1, status: 201 });
      }
    }
    this.log.record({
      ...entry,
      operation: 'publish',
      events: keys.length,
      status: 200,
      ...(failedEvents.length && { error: `not declared: ${failedEvents.map((f) => f.event.key).join(', ')}` }),
    });
    sendJson(response, 200, { failedEvents });
    this.onPush();
    return { status: 200 };
  }

  calls(invocationId?: string): EventEntry[] {
    return this.log.query({ invocationId });
  }
}
