/** What a pact verification needs of the platform it verifies through: the provider side of each interaction. */
import type { IncomingMessage } from 'node:http';

/**
 * One kind of provider the platform plays: the app behind the apiRoute gateway (gateway-side.ts),
 * or the Outbound Proxy as a container service sees it (proxy-side.ts). The verifier tells it
 * each interaction's states as pact-core sets them up, then hands it the interaction's request to
 * make real: a site, a token, a live invocation, whatever the states say.
 */
export interface ProviderSide {
  /** Where pact-core sends the interactions' requests. */
  readonly baseUrl: string;
  /** Why interactions given a state fail whatever their response: the state is unknown, or its setup failed. */
  readonly stateProblems: ReadonlyMap<string, string>;
  /** The interaction's request has been made real: its states are spent, the next interaction starts afresh. */
  reset(): void;
  /** One of the interaction's provider states, with its params (Pact V3+); an unknown one is remembered, to fail the interaction. */
  given(state: string, params: Record<string, unknown>): void;
  /** Makes the interaction's request real, in place (its URL, its credentials); or says why it cannot be made. */
  prepare(request: IncomingMessage): Promise<string | undefined>;
}

/** A sentence listing state names, for "the platform's states are …". */
export const quoted = (names: readonly string[]) => names.map((s) => `"${s}"`).join(', ');
