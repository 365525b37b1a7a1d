import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppLoadError } from '../app/app-load-error';
import { readPact } from './pact-file';
import type { Stack } from '../stack/stack';
import { loadConformanceFile } from '../app/conformance-file';
import { loadApp } from '../app/load-app';
import { InteractionPlatform } from './platform-states';

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
 * conformance.yaml), and a token for exactly what they say (platform-states.ts); its
 * app-relative path gets that site's gateway prefix, and the call goes through the real gateway
 * pipeline to the app's unchanged handler. Resolves with the verdict of every interaction.
 */
export async function verifyPacts(stack: Stack, pactFiles: string[], { provider }: { provider?: string } = {}): Promise<InteractionVerdict[]> {
  process.env.PACT_DO_NOT_TRACK ??= 'true';
  const pacts = pactFiles.map(readPact);
  const { Verifier } = await import('@pact-foundation/pact');
  const platform = new InteractionPlatform(stack, { steps: loadConformanceFile(stack.app.dir).states, routes: loadApp(stack.app.dir).apiRoutes });
  const requestFilter = (request: IncomingMessage, response: ServerResponse, next: () => void) => {
    if ((request.url ?? '').startsWith(STATE_SETUP_PATH)) return next();
    void platform.prepare().then(
      (prepared) => {
        if ('refusal' in prepared) {
          response.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: prepared.refusal }));
          return;
        }
        request.url = `${prepared.prefix}${request.url ?? '/'}`;
        if (prepared.authorization) request.headers.authorization = prepared.authorization;
        else delete request.headers.authorization;
        next();
      },
      (error: Error) =>
        response
          .writeHead(500, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: `the platform could not be set up for this interaction: ${error.message}` })),
    );
  };
  const verifier = new Verifier({
    ...(provider && { provider }),
    providerBaseUrl: stack.urls.gateway,
    pactUrls: pactFiles,
    stateHandlers: platform.stateHandlers(),
    beforeEach: async () => platform.reset(),
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
    return verdictsOf(report, platform.stateProblems);
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
