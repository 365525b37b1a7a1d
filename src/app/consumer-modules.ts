/** The manifest's `consumer` modules: which queue each listens on, and what runs an event of it. */

/**
 * What the platform invokes for an event: a function (`function:`), a method of a function
 * built with @forge/resolver (`resolver: {function, method}`), or a Forge Containers endpoint
 * (`endpoint:`). These are the three forms the manifest schema allows (facts.md §12).
 */
export type ConsumerTarget =
  { kind: 'function'; functionKey: string } | { kind: 'resolver'; functionKey: string; method: string } | { kind: 'endpoint'; endpointKey: string };

export interface ConsumerModule {
  key: string;
  queue: string;
  target: ConsumerTarget;
  /**
   * A `trigger` module listening to the app's own app events (facts.md §12): its queue is the
   * platform's (`app-event:<trigger key>`), and it is invoked with `{eventType}`, not a queue's event.
   */
  appEvents?: readonly string[];
}

/** An `endpoint` module of a Forge Containers service: where a consumer, trigger or web trigger naming it is delivered (facts.md §12). */
export interface EndpointModule {
  key: string;
  service: string;
  /** `route.path`, `/` when the module names none. */
  path: string;
}

/** The endpoints of the app's container services (those naming a `remote` are Forge Remote's, not served here). */
export function endpointModules(modules: readonly { type: string; key: string | undefined; raw: Record<string, unknown> }[]): EndpointModule[] {
  return modules.flatMap((m): EndpointModule[] => {
    const service = str(m.raw.service);
    if (m.type !== 'endpoint' || !m.key || !service) return [];
    const route = m.raw.route as Record<string, unknown> | undefined;
    return [{ key: m.key, service, path: str(route?.path) ?? '/' }];
  });
}

/** The queue the platform keeps for a trigger of app events: a name no app queue can have (`:` is not allowed in one). */
export const appEventQueue = (triggerKey: string) => `app-event:${triggerKey}`;

/** The AVI of one of the app's own app events, as a trigger names it (S: the `event` module's reference page). */
export const appEventType = (appUuid: string, eventKey: string) => `avi:cloud:ecosystem::event/${appUuid}/${eventKey}`;

const str = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * The `trigger` modules that listen to app events the app itself declares (`event` modules):
 * each as a consumer of its own platform queue. Triggers of product events, or of another app's
 * events, get nothing on this platform, which runs one app.
 */
export function appEventTriggers(
  modules: readonly { type: string; key: string | undefined; raw: Record<string, unknown> }[],
  appId: string | undefined,
): ConsumerModule[] {
  const uuid = appId?.split('/').at(-1);
  if (!uuid) return [];
  const declared = new Set(modules.flatMap((m) => (m.type === 'event' && m.key ? [m.key] : [])));
  const own = new Set([...declared].map((key) => appEventType(uuid, key)));
  return modules.flatMap((m): ConsumerModule[] => {
    if (m.type !== 'trigger' || !m.key || !Array.isArray(m.raw.events)) return [];
    const events = m.raw.events.filter((e): e is string => typeof e === 'string' && own.has(e));
    const target: ConsumerTarget | undefined = str(m.raw.function)
      ? { kind: 'function', functionKey: str(m.raw.function)! }
      : str(m.raw.endpoint)
        ? { kind: 'endpoint', endpointKey: str(m.raw.endpoint)! }
        : undefined;
    return events.length && target ? [{ key: m.key, queue: appEventQueue(m.key), target, appEvents: events }] : [];
  });
}

/** The consumers well-formed enough to run; the schema reports the others. */
export function consumerModules(modules: readonly { type: string; key: string | undefined; raw: Record<string, unknown> }[]): ConsumerModule[] {
  return modules.flatMap((m): ConsumerModule[] => {
    const queue = str(m.raw.queue);
    if (m.type !== 'consumer' || !m.key || !queue) return [];
    const resolver = m.raw.resolver as Record<string, unknown> | undefined;
    const target: ConsumerTarget | undefined = str(m.raw.function)
      ? { kind: 'function', functionKey: str(m.raw.function)! }
      : str(m.raw.endpoint)
        ? { kind: 'endpoint', endpointKey: str(m.raw.endpoint)! }
        : resolver && str(resolver.function) && str(resolver.method)
          ? { kind: 'resolver', functionKey: str(resolver.function)!, method: str(resolver.method)! }
          : undefined;
    return target ? [{ key: m.key, queue, target }] : [];
  });
}
