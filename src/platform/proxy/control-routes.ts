/** The proxy's control API: invocations registered with it, service addresses, the logs (traffic, storage, events). Only the stack's control key opens it. */
import { readJsonObject } from '../http/body';
import { Refusal } from '../http/refusal';
import { sendHtml, sendJson } from '../http/respond';
import { Router } from '../http/router';
import type { InvocationRegistry, LiveInvocation } from '../invocation/registry';
import type { FetchBudget } from './fetch-budget';
import type { EventsService } from '../events/events-service';
import { installationData, installationPage } from './installation-data';
import type { SqlService } from '../sql/sql-service';
import type { StorageService } from '../storage/storage-service';
import type { TrafficLog } from './traffic-log';

export function proxyControlRoutes(
  controlKey: string,
  {
    registry,
    budget,
    services,
    traffic,
    storage,
    events,
    sql,
  }: {
    registry: InvocationRegistry;
    budget: FetchBudget;
    services: Record<string, string>;
    traffic: TrafficLog;
    storage: StorageService | undefined;
    events: { service: EventsService; drain(timeoutMs: number): Promise<number> } | undefined;
    sql?: SqlService;
  },
): Router {
  return (
    new Router(controlKey)
      .control('POST', '/_internal/invocations', async ({ request, response }) => {
        const body = await readJsonObject(request);
        if (typeof body.invocationId !== 'string') throw new Refusal(400, 'invocationId is required');
        registry.start(body as unknown as LiveInvocation);
        sendJson(response, 201, { registered: body.invocationId });
      })
      .control('PUT', '/_internal/services/:key', async ({ request, response, params }) => {
        const { url } = await readJsonObject(request);
        if (typeof url !== 'string') throw new Refusal(400, 'url is required');
        services[params.key!] = url;
        sendJson(response, 200, { service: params.key, url });
      })
      .control('DELETE', '/_internal/invocations/:id', ({ response, params }) => {
        registry.finish(params.id!);
        budget.forget(params.id!);
        sendJson(response, 200, { finished: params.id });
      })
      .control('GET', '/_observe/traffic', ({ response, url }) =>
        sendJson(response, 200, traffic.query({ invocationId: url.searchParams.get('invocationId') ?? undefined })),
      )
      .control('GET', '/_observe/coverage', ({ response }) => sendJson(response, 200, traffic.methodCoverage()))
      .control('GET', '/_observe/storage', ({ response, url }) =>
        sendJson(response, 200, storage?.calls(url.searchParams.get('invocationId') ?? undefined) ?? []),
      )
      // `up`'s view of what an installation keeps, as a page (the key may come as ?key=) and as data.
      .page('GET', '/_observe/installations/:id', async ({ response, params }) =>
        sendHtml(response, 200, installationPage(await installationData(params.id!, { storage, events: events?.service, sql }))),
      )
      .control('GET', '/_observe/installations/:id/data', async ({ response, params }) =>
        sendJson(response, 200, await installationData(params.id!, { storage, events: events?.service, sql })),
      )
      // `up --seed`: one item of the seed file into an installation's store, checked as an app's write is.
      .control('POST', '/_internal/installations/:id/seed', async ({ request, response, params }) => {
        const item = await readJsonObject(request, 1024 * 1024);
        if (item.kind === 'sql') {
          // A statement runs as the app's would through the DDL endpoint, which runs DDL, writes and queries alike.
          if (!sql) throw new Refusal(400, 'the app declares no sql module, or this platform runs no Forge SQL');
          if (typeof item.value !== 'string') throw new Refusal(400, 'value is the statement, as text');
          await sql.run(params.id!, { endpoint: 'ddl', query: item.value, params: [] }).catch((error: unknown) => {
            throw error instanceof Refusal ? new Refusal(400, error.reason) : error;
          });
          sendJson(response, 201, { seeded: item.key });
          return;
        }
        if (!storage) throw new Refusal(503, 'this platform runs no storage');
        if (item.kind !== 'key' && item.kind !== 'secret' && item.kind !== 'entity') throw new Refusal(400, 'kind is key, secret, entity or sql');
        storage.seed(params.id!, item as Parameters<StorageService['seed']>[1]);
        sendJson(response, 201, { seeded: item.key });
      })
      .control('GET', '/_observe/sql', ({ response, url }) => sendJson(response, 200, sql?.statements(url.searchParams.get('invocationId') ?? undefined) ?? []))
      .control('GET', '/_observe/events', ({ response, url }) =>
        sendJson(response, 200, events?.service.calls(url.searchParams.get('invocationId') ?? undefined) ?? []),
      )
      // Waits (at most timeoutMs, capped) for every queued event to be delivered or given up on.
      .control('POST', '/_internal/events/drain', async ({ request, response }) => {
        const { timeoutMs } = await readJsonObject(request);
        const wait = typeof timeoutMs === 'number' && timeoutMs >= 0 ? Math.min(timeoutMs, 600_000) : 0;
        sendJson(response, 200, { unsettled: events ? await events.drain(wait) : 0 });
      })
  );
}
