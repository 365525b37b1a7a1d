import { AppLoadError } from '../app/app-load-error';
import { readPact } from '../app/pact-file';
import type { Stack } from '../stack/stack';
import { loadConformanceFile } from '../app/conformance-file';
import { loadApp } from '../app/load-app';
import { GatewaySide } from './gateway-side';
import type { ProviderSide } from './provider-side';
import { startVerificationFront } from './verification-front';
import { brokerVerifierOptions, type Broker, type BrokerVerification } from './broker';
import { ProxySide } from './proxy-side';
import { HARNESS_NAMES } from './harness-names';

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
  /** Failures before any interaction ran: a pact that would not load, a broker that did not answer. */
  errors?: { interaction?: string; mismatch?: { message?: string } }[];
  interactionResults?: {
    consumer: string;
    description: string;
    providerStates?: string[];
    result: string;
    mismatch?: { mismatches?: { mismatch?: string; path?: string }[]; error?: string; message?: string };
  }[];
}

/**
 * Verifies consumer pacts against the app through the emulated platform: each interaction gets a
 * site of its own, set up as its provider states say (the platform's, and the app's own from its
 * conformance.yaml), and a token for exactly what they say (gateway-side.ts); its app-relative
 * path gets that site's gateway prefix, and the call goes through the real gateway pipeline to
 * the app's unchanged handler. Resolves with the verdict of every interaction.
 */
export function verifyPacts(stack: Stack, source: PactSource): Promise<InteractionVerdict[]> {
  const side = new GatewaySide(stack, {
    steps: loadConformanceFile(stack.app.dir, HARNESS_NAMES.platformStates).states,
    routes: loadApp(stack.app.dir).apiRoutes,
  });
  return verifyThrough(side, source);
}

/** Verifies pacts in which the Outbound Proxy is the provider (a container service its consumer), against the stack's own proxy. */
export function verifyProxyPacts(stack: Stack, pactFiles: string[]): Promise<InteractionVerdict[]> {
  return verifyThrough(new ProxySide(stack), pactFiles);
}

/** Pact files, or the provider's pacts in a broker (with what to verify and whether to publish the results). */
export type PactSource = string[] | { broker: Broker; verification: BrokerVerification };

/** pact-core's verifier, with every state and request going through the provider side (verification-front.ts). */
export async function verifyThrough(side: ProviderSide, source: PactSource): Promise<InteractionVerdict[]> {
  process.env.PACT_DO_NOT_TRACK ??= 'true';
  if (Array.isArray(source)) for (const file of source) readPact(file);
  const { Verifier } = await import('@pact-foundation/pact-core');
  await using front = await startVerificationFront(side);
  const verifier = new Verifier({
    providerBaseUrl: front.url,
    ...(Array.isArray(source) ? { pactUrls: source } : brokerVerifierOptions(source.broker, source.verification)),
    providerStatesSetupUrl: front.stateUrl,
    providerStatesSetupTeardown: false,
    providerStatesSetupBody: true,
    logLevel: 'error',
  });
  // pact-core resolves with its report when every interaction holds, and rejects with it when one does not; anything else means it could not verify at all.
  const outcome = await verifier.verify().then(
    (report) => report,
    (error: Error) => error.message,
  );
  const report = parseReport(outcome);
  if (!report?.interactionResults?.length) {
    const why = report?.errors?.map((e) => e.mismatch?.message ?? e.interaction).find(Boolean) ?? outcome.split('\n')[0]!;
    throw new AppLoadError(`the pacts could not be verified: ${why.slice(0, 400)}`);
  }
  return verdictsOf(report, side.stateProblems);
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
    // A failure with no mismatch is pact-core's own (a state change or the request failed): say what it said.
    if (problems.length === 0) problems.push(`pact-core could not verify it: ${r.mismatch?.error ?? r.mismatch?.message ?? r.result}`);
    return { consumer: r.consumer, description: r.description, states, ok: r.result === 'OK', problems: r.result === 'OK' ? [] : problems };
  });
}
