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
}

const str = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

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
