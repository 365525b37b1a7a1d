/**
 * A Pact mock server built from a pact file, for a consumer to test its client against the
 * answers a provider promised: the platform's own pacts (contracts/platform/), or an app's.
 * It is pact-core's own mock server, on 127.0.0.1, holding the file's interactions with their
 * matching rules, so a request the pact does not allow is a mismatch, never a silent answer.
 */
import type { MatchingResult } from '@pact-foundation/pact-core';
import { AppLoadError } from '../app/app-load-error';
import { readPact } from '../app/pact-file';

interface Part {
  headers?: Record<string, string[]>;
  body?: { content: unknown; contentType?: string; encoded?: false | 'base64' | string };
  matchingRules?: Record<string, unknown>;
}
interface HttpInteraction {
  type?: string;
  description: string;
  providerStates?: { name: string; params?: Record<string, unknown> }[];
  request: Part & { method: string; path: string; query?: Record<string, string[]> };
  response: Part & { status: number };
}

export interface PactMock extends AsyncDisposable {
  /** Where the mock listens: the base URL the consumer's client is given. */
  url: string;
  /** The interactions the mock holds (after the `given` filter). */
  interactions: string[];
  /** Requests the pact does not allow, each as one sentence (a promised interaction left uncalled is not one: a mock is a stub). */
  mismatches(): string[];
  stop(): void;
}

const bodyText = (body: NonNullable<Part['body']>) => (typeof body.content === 'string' ? body.content : JSON.stringify(body.content));

/**
 * Starts a mock holding the pact's HTTP interactions, or only those given a state that `given`
 * matches (like pact-stub-server's `--provider-state`): a pact often has several interactions
 * for one request that differ only by state, and a consumer test picks the one it wants.
 */
export async function startPactMock(file: string, { given }: { given?: string | RegExp } = {}): Promise<PactMock> {
  process.env.PACT_DO_NOT_TRACK ??= 'true';
  // Read and checked once; the interactions then as the pact file has them.
  const pact = readPact(file) as unknown as { consumer: { name: string }; provider?: { name?: string }; interactions: HttpInteraction[] };
  const all = pact.interactions.filter((i) => (i.type ?? 'Synchronous/HTTP') === 'Synchronous/HTTP');
  const wanted = (i: HttpInteraction) =>
    given === undefined || (i.providerStates ?? []).some((s) => (typeof given === 'string' ? s.name === given : given.test(s.name)));
  const interactions = all.filter(wanted);
  if (interactions.length === 0)
    throw new AppLoadError(`${file} has no HTTP interaction${given === undefined ? '' : ` given a state matching ${String(given)}`}`);

  const { makeConsumerPact } = await import('@pact-foundation/pact-core');
  const mock = makeConsumerPact(pact.consumer.name, pact.provider?.name ?? 'provider', 5, 'error');
  for (const i of interactions) {
    const built = mock.newInteraction(i.description);
    built.uponReceiving(i.description);
    for (const state of i.providerStates ?? []) built.givenWithParams(state.name, JSON.stringify(state.params ?? {}));
    built.withRequest(i.request.method, i.request.path);
    for (const [name, values] of Object.entries(i.request.query ?? {})) values.forEach((v, index) => built.withQuery(name, index, v));
    for (const [name, values] of Object.entries(i.request.headers ?? {})) values.forEach((v, index) => built.withRequestHeader(name, index, v));
    if (i.request.body) built.withRequestBody(bodyText(i.request.body), i.request.body.contentType ?? 'application/json');
    if (i.request.matchingRules) built.withRequestMatchingRules(JSON.stringify(i.request.matchingRules));
    built.withStatus(i.response.status);
    for (const [name, values] of Object.entries(i.response.headers ?? {})) values.forEach((v, index) => built.withResponseHeader(name, index, v));
    if (i.response.body) built.withResponseBody(bodyText(i.response.body), i.response.body.contentType ?? 'application/json');
    if (i.response.matchingRules) built.withResponseMatchingRules(JSON.stringify(i.response.matchingRules));
  }
  const port = mock.createMockServer('127.0.0.1', 0);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    mock.cleanupMockServer(port);
  };
  return {
    url: `http://127.0.0.1:${port}`,
    interactions: interactions.map((i) => i.description),
    mismatches: () => mock.mockServerMismatches(port).flatMap(describeMismatch),
    stop,
    [Symbol.asyncDispose]: async () => stop(),
  };
}

/** One sentence per request the pact does not allow. */
function describeMismatch(result: MatchingResult): string[] {
  if (!('type' in result)) return [result.error];
  switch (result.type) {
    case 'request-not-found':
      return [`${result.method} ${result.path}: no interaction of the pact expects this request`];
    case 'request-mismatch':
      return [`${result.method} ${result.path}: ${result.mismatches.map((m) => ('mismatch' in m ? m.mismatch : m.type)).join('; ')}`];
    default:
      return [];
  }
}
