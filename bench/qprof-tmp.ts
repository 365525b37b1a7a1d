import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { PROXY_AUTHORIZATION, proxyAuthorization } from '../src/platform/invocation/wire-names';
import { ProxyClient } from '../src/platform/proxy/proxy-client';
import { harnessInvocation } from '../src/stack/clients/harness-invocation';
import { controlKeyOf } from '../src/stack/connect';
import { startEmbeddedStack } from '../src/stack/embedded';
import { HARNESS_ROOT } from '../src/common/harness-root';
await using queues = await startEmbeddedStack({ app: join(HARNESS_ROOT, 'fixtures/apps/queue-probe') });
const pushers: string[] = [];
for (let k = 0; k < 4; k++) { const tenant = await queues.admin.createTenant(); const pusher = randomUUID(); pushers.push(pusher);
await new ProxyClient(queues.urls.proxy, controlKeyOf(queues)).startInvocation(harnessInvocation(queues, tenant, pusher, { routeKey: 'queue-probe' })); }
const body = JSON.stringify({ queueName: 'work', jobId: 'bench', type: 'avi:forge:app:event', schema: 'ari:cloud:ecosystem::forge/app-event-2', payload: [{ body: { record: 'bench:1' } }], time: '' });
const times: number[] = [];
for (let i = 0; i < Number(process.env.N ?? 600); i++) {
  const t = performance.now();
  const r = await fetch(`${queues.urls.proxy}/platform/events/webhook/queue/publish/{contextAri}/{environmentId}/{appId}/{appVersion}`, { method: 'POST', headers: { [PROXY_AUTHORIZATION]: proxyAuthorization(pushers[i % 4]!), 'content-type': 'application/json' }, body });
  if (r.status !== 201) throw new Error(String(r.status)); await r.arrayBuffer();
  const d = await fetch(`${queues.urls.proxy}/_internal/events/drain`, { method: 'POST', headers: { 'x-forge-conformance-control-key': controlKeyOf(queues), 'content-type': 'application/json' }, body: '{"timeoutMs":10000}' });
  await d.arrayBuffer();
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
console.log('p50', times[times.length >> 1]!.toFixed(3), 'ms');
