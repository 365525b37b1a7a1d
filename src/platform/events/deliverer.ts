/**
 * Delivery of queued events in the background: each delivery is an invocation of the queue's
 * consumer, live at the proxy while it runs (so its egress and storage calls have their own
 * budget and installation), with its own time limit. An event whose consumer throws, runs out of
 * time or asks for a retry (`InvocationError`) is tried again after a backoff, up to the
 * profile's number of retries, then given up on with its error (facts.md §12).
 */
import { randomUUID } from 'node:crypto';
import type { ConsumerModule } from '../../app/consumer-modules';
import type { ForgeApp } from '../../app/forge-app';
import { resolveHandler, type HandlerResolution } from '../../app/handler-reference';
import { functionContext } from '../invocation/function-context';
import { serviceHeaders } from '../invocation/service-headers';
import { parseServiceTarget } from '../proxy/proxy-target';
import type { InvocationRegistry } from '../invocation/registry';
import type { PlatformProfile } from '../profile';
import type { InvocationOutcome } from '../runtime/protocol';
import type { FunctionInvoker } from '../runtime/runtime-server';
import { errorLine } from './event-log';
import type { EventsService } from './events-service';
import { EVENT_LIMITS } from './push-request';
import type { QueuedEvent } from './queue-store';

export interface DelivererOptions {
  profile: PlatformProfile;
  app: { id: string; envId: string };
  forgeApp: Pick<ForgeApp, 'dir' | 'manifestFile' | 'functions' | 'consumers' | 'appEventTriggers' | 'endpoints'>;
  /** The app's container services by key, as they register (where an `endpoint` consumer's events go). */
  services: Readonly<Record<string, string>>;
  events: EventsService;
  /** The proxy's own invocations: a consumer's is live there while it runs. */
  registry: InvocationRegistry;
  /** The function runtime (none: every delivery fails, saying there is none to deliver to). */
  runtime: FunctionInvoker | undefined;
  /** Where the consumer's outbound calls go: this proxy. */
  proxyUrl: () => string;
}

/** What an event's delivery came to. */
type Delivery =
  | { kind: 'done' }
  | { kind: 'retry'; reason: string; afterSeconds: number | undefined; data: unknown; error: string | undefined }
  | { kind: 'failed'; error: string };

/** An `InvocationError` as the consumer returns it (`{_retry: true, retryOptions}`, S: @forge/events out/invocationError.js). */
function retryRequest(value: unknown): { retryAfter?: unknown; retryReason?: unknown; retryData?: unknown } | undefined {
  if (typeof value !== 'object' || value === null || (value as { _retry?: unknown })._retry !== true) return undefined;
  const options = (value as { retryOptions?: unknown }).retryOptions;
  return typeof options === 'object' && options !== null ? options : {};
}

function deliveryOf(outcome: InvocationOutcome): Delivery {
  switch (outcome.kind) {
    case 'returned': {
      const retry = retryRequest(outcome.value);
      if (!retry) return { kind: 'done' };
      const data = retry.retryData;
      if (data !== undefined && Buffer.byteLength(JSON.stringify(data) ?? '') > EVENT_LIMITS.retryDataBytes)
        return { kind: 'failed', error: `retryData is over ${EVENT_LIMITS.retryDataBytes / 1024} KB: Forge does not retry the event` };
      return {
        kind: 'retry',
        reason: typeof retry.retryReason === 'string' ? retry.retryReason : 'FUNCTION_RETRY_REQUEST',
        afterSeconds: typeof retry.retryAfter === 'number' && retry.retryAfter > 0 ? retry.retryAfter : 1,
        data,
        error: 'the consumer asked for a retry (InvocationError)',
      };
    }
    case 'threw':
      return {
        kind: 'retry',
        reason: 'FUNCTION_PLATFORM_UNKNOWN_ERROR',
        afterSeconds: undefined,
        data: undefined,
        error: `the consumer threw: ${outcome.message}`,
      };
    case 'timed-out':
      return { kind: 'retry', reason: 'FUNCTION_TIME_OUT', afterSeconds: undefined, data: undefined, error: 'the consumer ran out of time' };
    case 'crashed':
      return {
        kind: 'retry',
        reason: 'FUNCTION_PLATFORM_UNKNOWN_ERROR',
        afterSeconds: undefined,
        data: undefined,
        error: `the consumer's runtime crashed: ${outcome.reason}`,
      };
  }
}

/** The most of an endpoint's answer read: an InvocationError's shape, its retryData included, fits well within it. */
const ENDPOINT_ANSWER_BYTES = 64 * 1024;

/** A response's text up to `limit` bytes; undefined (the rest cancelled) when it is longer. */
async function boundedText(response: Response, limit: number): Promise<string | undefined> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks).toString('utf8');
    size += value.length;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
}

export class Deliverer {
  private readonly consumers: Map<string, ConsumerModule>;
  /** Each function's handler and time limit, resolved once (as the gateway does), not at every delivery. */
  private readonly handlers: Map<string, { resolved: HandlerResolution; timeoutSeconds: number | undefined }>;
  private inFlight = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly idle = new Set<() => void>();

  constructor(private readonly options: DelivererOptions) {
    this.consumers = new Map([...options.forgeApp.consumers, ...options.forgeApp.appEventTriggers].map((c) => [c.queue, c]));
    this.handlers = new Map(
      options.forgeApp.functions.map((fn) => [
        fn.key,
        { resolved: resolveHandler(options.forgeApp as ForgeApp, fn.handler), timeoutSeconds: fn.timeoutSeconds },
      ]),
    );
    options.events.onPush = () => this.wake();
  }

  /** Looks for due events now. */
  wake(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    const { queue } = this.options.events;
    const free = this.options.profile.events.deliveryConcurrency - this.inFlight;
    if (free > 0) for (const event of queue.due(Date.now(), free)) void this.deliver(event);
    const next = queue.nextDueAt();
    if (next !== undefined) this.timer = setTimeout(() => this.wake(), Math.max(5, next - Date.now()));
    // Only a drain waits for the queues to settle: without one waiting, there is no need to count.
    if (this.idle.size > 0 && queue.unsettled() === 0) for (const settle of this.idle) settle();
  }

  /**
   * Waits until every event is delivered or given up on, or `timeoutMs` passes; how many are
   * left, each queue's in the log as evidence that the run stopped waiting for them.
   */
  async drain(timeoutMs: number): Promise<number> {
    const { queue, log } = this.options.events;
    if (queue.unsettled() === 0) return 0;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.idle.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.idle.add(done);
      this.wake();
    });
    const left = queue.unsettledByQueue();
    for (const { installation, queue: name, n } of left)
      log.record({ installationId: installation, invocationId: undefined, operation: 'unsettled', queue: name, jobId: undefined, events: n, requestBytes: 0 });
    return left.reduce((sum, q) => sum + q.n, 0);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const settle of this.idle) settle();
  }

  private async deliver(event: QueuedEvent): Promise<void> {
    const { events, profile } = this.options;
    this.inFlight++;
    events.queue.started(event.eventId);
    const attempt = event.attempts + 1;
    const started = performance.now();
    const consumer = this.consumers.get(event.queue);
    let invocationId: string | undefined;
    let delivery: Delivery;
    try {
      if (!consumer) delivery = { kind: 'failed', error: `no consumer module listens on queue ${event.queue}` };
      else {
        invocationId = randomUUID();
        delivery = deliveryOf(await this.invoke(consumer, event, invocationId));
      }
    } catch (error) {
      delivery = { kind: 'retry', reason: 'FUNCTION_PLATFORM_UNKNOWN_ERROR', afterSeconds: undefined, data: undefined, error: (error as Error).message };
    } finally {
      this.inFlight--;
    }
    const { maxRetries, secondMs, backoffSeconds } = profile.events;
    if (delivery.kind === 'retry' && event.attempts >= maxRetries)
      delivery = { kind: 'failed', error: `${delivery.error ?? delivery.reason} (given up after ${attempt} deliveries)` };
    const entry = {
      installationId: event.installationId,
      invocationId,
      operation: 'deliver' as const,
      queue: event.queue,
      jobId: event.jobId,
      eventId: event.eventId,
      requestBytes: 0,
      attempt,
      consumer: consumer?.key,
      durationMs: Math.round(performance.now() - started),
    };
    if (delivery.kind === 'done') {
      events.queue.succeeded(event.eventId);
      events.log.record({ ...entry, outcome: 'succeeded' });
    } else if (delivery.kind === 'retry') {
      const after = delivery.afterSeconds ?? backoffSeconds * 2 ** event.attempts;
      events.queue.retry(event.eventId, Date.now() + after * secondMs, { reason: delivery.reason, data: delivery.data, error: delivery.error });
      events.log.record({ ...entry, outcome: 'retry', error: delivery.error && errorLine(delivery.error) });
    } else {
      events.queue.failed(event.eventId, delivery.error);
      events.log.record({ ...entry, outcome: 'failed', error: errorLine(delivery.error) });
    }
    this.wake();
  }

  /** One invocation of the consumer for the event, live at the proxy while it runs. */
  private async invoke(consumer: ConsumerModule, event: QueuedEvent, invocationId: string): Promise<InvocationOutcome> {
    const { runtime, app, profile, registry, events } = this.options;
    const target = consumer.target;
    const handler = target.kind === 'endpoint' ? undefined : this.handlers.get(target.functionKey);
    const found = handler?.resolved.kind === 'found' ? handler.resolved : undefined;
    if (target.kind !== 'endpoint') {
      if (!runtime) return { kind: 'crashed', reason: 'this platform has no function runtime to deliver events to', durationMs: 0 };
      if (!found) return { kind: 'crashed', reason: `function ${target.functionKey} of consumer ${consumer.key} has no loadable handler`, durationMs: 0 };
    }
    const timeoutMs = (handler?.timeoutSeconds ?? profile.events.consumerTimeoutSeconds) * 1000;
    const identity = {
      invocationId,
      appId: app.id,
      envId: app.envId,
      installationId: event.installationId,
      cloudId: event.cloudId,
      product: event.product,
      accountId: undefined,
    };
    const context = functionContext({ ...identity, moduleKey: consumer.key, envId: app.envId });
    const retryContext = event.attempts > 0 ? { retryCount: event.attempts, retryReason: event.retryReason, retryData: event.retryData } : undefined;
    const asyncEvent = {
      body: event.body,
      queueName: event.queue,
      jobId: event.jobId,
      eventId: event.eventId,
      ...(event.delayInSeconds > 0 && { delayInSeconds: event.delayInSeconds }),
      ...(event.concurrency && { concurrency: event.concurrency }),
      ...(retryContext && { retryContext }),
    };
    // A resolver consumer is called as @forge/resolver's definitions expect (`call.functionKey` picks the method); a
    // trigger of app events with the event itself, `{eventType}` (facts.md §12).
    const payload = consumer.appEvents
      ? { ...event.body, ...(retryContext && { retryContext }) }
      : consumer.target.kind === 'resolver'
        ? { call: { functionKey: consumer.target.method, payload: { ...event.body, ...(retryContext && { retryContext }) }, jobId: event.jobId }, context }
        : asyncEvent;
    registry.start({ ...identity, routeKey: consumer.key, callerTokenSha256: undefined });
    events.chainOf.set(invocationId, event.chainId);
    try {
      if (target.kind === 'endpoint') return await this.post(target.endpointKey, payload, { ...identity, routeKey: consumer.key }, timeoutMs);
      return await runtime!.invoke(
        {
          file: found!.file,
          exportName: found!.exportName,
          payload,
          handlerContext: context,
          context: {
            ...identity,
            functionKey: target.functionKey,
            moduleKey: consumer.key,
            moduleType: consumer.appEvents ? 'trigger' : 'consumer',
            deadline: Date.now() + timeoutMs,
            proxyUrl: this.options.proxyUrl(),
            traceId: randomUUID().replace(/-/g, ''),
          },
        },
        timeoutMs,
      );
    } finally {
      registry.finish(invocationId);
      events.chainOf.delete(invocationId);
    }
  }

  /**
   * A delivery to a container service's endpoint: the event as a function consumer gets it, POSTed
   * as JSON to the endpoint's route with the headers of any request to a service (H: the shape
   * Forge sends a container is not documented). A 2xx is handled (its JSON body read as a
   * function's return, so an `InvocationError`'s shape asks for a retry); anything else, a retry.
   */
  private async post(endpointKey: string, payload: unknown, invocation: Parameters<typeof serviceHeaders>[0], timeoutMs: number): Promise<InvocationOutcome> {
    const started = performance.now();
    const durationMs = () => performance.now() - started;
    const endpoint = this.options.forgeApp.endpoints.find((e) => e.key === endpointKey);
    if (!endpoint) return { kind: 'crashed', reason: `the app has no endpoint module ${endpointKey}`, durationMs: 0 };
    const base = Object.hasOwn(this.options.services, endpoint.service) ? this.options.services[endpoint.service] : undefined;
    if (!base) return { kind: 'crashed', reason: `endpoint ${endpointKey} names container service ${endpoint.service}, which is not running`, durationMs: 0 };
    // The manifest is the app's: its route stays on the service, as invokeService's path must.
    const url = parseServiceTarget(base, endpoint.path);
    if (!url) return { kind: 'crashed', reason: `endpoint ${endpointKey}'s route ${endpoint.path} does not stay on its service`, durationMs: 0 };
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...serviceHeaders(invocation) },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(timeoutMs),
      });
      // The service is the app's: its answer is read only up to what an InvocationError's shape needs.
      const text = await boundedText(response, ENDPOINT_ANSWER_BYTES);
      if (!response.ok) return { kind: 'threw', message: `endpoint ${endpointKey} answered ${response.status}`, durationMs: durationMs() };
      let value: unknown;
      try {
        value = text ? JSON.parse(text) : undefined;
      } catch {
        value = undefined;
      }
      return { kind: 'returned', value, durationMs: durationMs() };
    } catch (error) {
      if ((error as Error).name === 'TimeoutError') return { kind: 'timed-out', durationMs: durationMs() };
      return { kind: 'crashed', reason: `endpoint ${endpointKey} could not be reached (${(error as Error).message})`, durationMs: durationMs() };
    }
  }
}
