import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppLoadError } from '../app/app-load-error';
import { readPact } from './pact-file';
import type { Stack } from '../stack/stack';
import { loadConformanceFile } from '../app/conformance-file';
import { loadApp } from '../app/load-app';
import { GatewaySide } from './gateway-side';
import type { ProviderSide } from './provider-side';
import { ProxySide } from './proxy-side';

/** Where pact-js's verifier posts provider-state changes (its own path, not the provider's). */
const STATE_SETUP_PATH = '/_pactSetup';

/** What became of one interaction of a pact. */
export interface InteractionVerdict {
  consumer: string;
  description: string;
  states: string[];
  ok: boolean;
  /** Why not, one sentence each: where the response differs, or an unknown provider state. */
  problems: string[];
}

interface CoreReport {
  interactionResults?: {
    consumer: string;
    description: string;
    providerStates?: string[];
    result: string;
    mismatch?: { mismatches?: { mismatch?: string; path?: string }[] };
  }[];
}

/**
 * Verifies consumer pacts against the app through the emulated platform: each interaction gets a
 * site of its own, set up as its provider states say (the platform's, and the app's own from its
 * conformance.yaml), and a token for exactly what they say (gateway-side.ts); its app-relative
 * path gets that site's gateway prefix, and the call goes through the real gateway pipeline to
 * the app's unchanged handler. Resolves with the verdict of every interaction.
 */
export function verifyPacts(stack: Stack, pactFiles: string[]): Promise<InteractionVerdict[]> {
  const side = new GatewaySide(stack, { steps: loadConformanceFile(stack.app.dir).states, routes: loadApp(stack.app.dir).apiRoutes });
  return verifyThrough(side, pactFiles);
}

/** Verifies pacts in which the Outbound Proxy is the provider (a container service its consumer), against the stack's own proxy. */
export function verifyProxyPacts(stack: Stack, pactFiles: string[]): Promise<InteractionVerdict[]> {
  return verifyThrough(new ProxySide(stack), pactFiles);
}

/** pact-js's Verifier, with every state and request going through the provider side. */
export async function verifyThrough(side: ProviderSide, pactFiles: string[]): Promise<InteractionVerdict[]> {
  process.env.PACT_DO_NOT_TRACK ??= 'true';
  const pacts = pactFiles.map(readPact);
  const { Verifier } = await import('@pact-foundation/pact');
  const requestFilter = (request: IncomingMessage, response: ServerResponse, next: () => void) => {
    if ((request.url ?? '').startsWith(STATE_SETUP_PATH)) return next();
    const refuse = (why: string) => response.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: why }));
    void side.prepare(request).then(
      (refusal) => (refusal ? refuse(refusal) : next()),
      (error: Error) => refuse(`the platform could not be set up for this interaction: ${error.message}`),
    );
  };
  // pact-js looks a handler up by the state's name: every name gets one, so an unknown state is never silently skipped.
  const stateHandlers = new Proxy({} as Record<string, (params?: unknown) => Promise<void>>, {
    get: (_target, name) =>
      typeof name === 'string'
        ? async (params?: unknown) => side.given(name, typeof params === 'object' && params !== null ? (params as Record<string, unknown>) : {})
        : undefined,
  });
  const verifier = new Verifier({
    providerBaseUrl: side.baseUrl,
    pactUrls: pactFiles,
    stateHandlers,
    beforeEach: async () => side.reset(),
    requestFilter: requestFilter as never,
    logLevel: 'warn',
  });
  try {
    await verifier.verifyProvider();
  } catch (error) {
    // pact-core rejects with its whole report as JSON when interactions fail; anything else means it could not verify at all.
    const report = parseReport((error as Error).message);
    if (!report?.interactionResults?.length)
      throw new AppLoadError(`the pacts could not be verified: ${(error as Error).message.split('\n')[0]!.slice(0, 300)}`);
    return verdictsOf(report, side.stateProblems);
  }
  return pacts.flatMap((pact) =>
    pact.interactions.map((i) => ({
      consumer: pact.consumer.name,
      description: i.description,
      states: (i.providerStates ?? []).map((s) => s.name),
      ok: true,
      problems: [],
    })),
  );
}

const parseReport = (message: string): CoreReport | undefined => {
  try {
    return JSON.parse(message) as CoreReport;
  } catch {
    return undefined;
  }
};

/** Every interaction pact-core verified, with its outcome and, when it failed, why. */
function verdictsOf(report: CoreReport, stateProblems: ReadonlyMap<string, string>): InteractionVerdict[] {
  return (report.interactionResults ?? []).map((r) => {
    const states = r.providerStates ?? [];
    const problems = [
      ...states.flatMap((s) => stateProblems.get(s) ?? []),
      ...(r.mismatch?.mismatches ?? []).map((m) => `${m.path ? `${m.path}: ` : ''}${m.mismatch ?? 'differs'}`),
    ];
    return { consumer: r.consumer, description: r.description, states, ok: r.result === 'OK', problems: r.result === 'OK' ? [] : problems };
  });
}
