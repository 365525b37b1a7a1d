/** Messages between the gateway's side of the runtime and the host process running the app. */

import type { InvocationIdentity } from '../invocation/identity';

export type { InvocationIdentity };

export interface InvocationContext extends InvocationIdentity {
  functionKey: string;
  moduleKey: string;
  moduleType: string;
  /** Epoch milliseconds after which the platform abandons the invocation. */
  deadline: number;
  /** Where the function's outbound HTTP goes (the egress proxy), when there is one. */
  proxyUrl: string | undefined;
  traceId: string;
}

export interface InvokeMessage {
  type: 'invoke';
  id: number;
  /** Absolute path of the handler module, and the export to call. */
  file: string;
  exportName: string;
  payload: unknown;
  /** The second argument of the handler (facts.md §5). */
  handlerContext: unknown;
  context: InvocationContext;
}

export type HostMessage =
  | { type: 'ready' }
  | { type: 'pong'; id: number }
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; message: string; stack?: string };

export type ParentMessage = InvokeMessage | { type: 'ping'; id: number };

/** What became of one invocation. */
export type InvocationOutcome =
  | { kind: 'returned'; value: unknown; durationMs: number }
  | { kind: 'threw'; message: string; durationMs: number }
  | { kind: 'timed-out'; durationMs: number }
  | { kind: 'crashed'; reason: string; durationMs: number };
