import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Stack } from '../stack/stack';
import { InteractionPlatform, unknownStateSentence } from './platform-states';

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
 * site of its own and a token for exactly what its provider states say (platform-states.ts), its
 * app-relative path gets that site's gateway prefix, and the call goes through the real gateway
 * pipeline to the app's unchanged handler. Resolves with the verdict of every interaction.
 */
export async function verifyPacts(stack: Stack, pactFiles: string[], { provider }: { provider?: string } = {}): Promise<InteractionVerdict[]> {
  process.env.PACT_DO_NOT_TRACK ??= 'true';
  const { Verifier } = await import('@pact-foundation/pact');
  const platform = new InteractionPlatform(stack);
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
  let report: CoreReport | undefined;
  try {
    await verifier.verifyProvider();
  } catch (error) {
    // pact-core rejects with its whole report as JSON; anything else is a failure to verify at all.
    try {
      report = JSON.parse((error as Error).message) as CoreReport;
    } catch {
      throw error;
    }
  }
  return verdictsOf(pactFiles, report, platform.unknownStates);
}

/** Every interaction of the pacts with its outcome: all passed when pact-core reported nothing. */
function verdictsOf(pactFiles: string[], report: CoreReport | undefined, unknownStates: ReadonlySet<string>): InteractionVerdict[] {
  const unknown = (states: string[]) => states.filter((s) => unknownStates.has(s)).map((s) => unknownStateSentence(s));
  if (report?.interactionResults) {
    return report.interactionResults.map((r) => {
      const states = r.providerStates ?? [];
      const problems = [...unknown(states), ...(r.mismatch?.mismatches ?? []).map((m) => `${m.path ? `${m.path}: ` : ''}${m.mismatch ?? 'differs'}`)];
      return { consumer: r.consumer, description: r.description, states, ok: r.result === 'OK', problems: r.result === 'OK' ? [] : problems };
    });
  }
  return pactFiles.flatMap((file) => {
    const pact = JSON.parse(readFileSync(file, 'utf8')) as {
      consumer: { name: string };
      interactions: { description: string; providerStates?: { name: string }[] }[];
    };
    return pact.interactions.map((i) => ({
      consumer: pact.consumer.name,
      description: i.description,
      states: (i.providerStates ?? []).map((s) => s.name),
      ok: true,
      problems: [],
    }));
  });
}
