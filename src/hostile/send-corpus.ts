/** Sending the hostile corpus exactly as written, and judging each answer against its case. */
import { Agent, request } from 'node:http';
import type { Component, HostileCase } from './hostile-case';

type Outcome =
  { kind: 'answered'; status: number; headers: Record<string, string | string[] | undefined>; body: string } | { kind: 'no-answer'; reason: string };

/** What came back for one case: the answer, or why there was none, and how long it took. */
export type Answer = Outcome & { ms: number };

const TIMEOUT_MS = 10_000;

/** Sends one request exactly as written (node:http: any method, target and header) and reads the whole answer. */
function send(base: string, agent: Agent, { request: hostile }: HostileCase): Promise<Answer> {
  const started = performance.now();
  const { hostname, port } = new URL(base);
  return new Promise((resolve) => {
    let settled = false;
    const done = (outcome: Outcome) => {
      if (!settled) resolve({ ...outcome, ms: performance.now() - started });
      settled = true;
    };
    const body = hostile.body === undefined ? undefined : Buffer.from(hostile.body);
    let outgoing;
    try {
      outgoing = request(
        {
          hostname,
          port,
          agent,
          method: hostile.method,
          path: hostile.target,
          headers: { ...(body && { 'content-length': String(body.length) }), ...hostile.headers },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            done({ kind: 'answered', status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks).toString('latin1') }),
          );
          response.on('error', (error) => done({ kind: 'no-answer', reason: error.message }));
        },
      );
    } catch (error) {
      return done({ kind: 'no-answer', reason: `the client could not send it: ${(error as Error).message}` });
    }
    outgoing.setTimeout(TIMEOUT_MS, () => outgoing.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)));
    // A server may answer (413…) before reading a whole body: the answer still arrives after the write fails.
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      const wait = error.code === 'EPIPE' || error.code === 'ECONNRESET' ? 1_000 : 0;
      setTimeout(() => done({ kind: 'no-answer', reason: error.message }), wait);
    });
    outgoing.end(body);
  });
}

/**
 * Sends every case to its component, `concurrency` at a time, and gives the answers in the
 * corpus's order. Bounded: each request waits at most TIMEOUT_MS.
 */
export async function sendCorpus(cases: readonly HostileCase[], urls: Record<Component, string>, concurrency = 16): Promise<Answer[]> {
  const agents = new Map(Object.keys(urls).map((component) => [component, new Agent({ keepAlive: true, maxSockets: concurrency })]));
  const answers: Answer[] = new Array(cases.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < cases.length) {
        const index = next++;
        const hostileCase = cases[index]!;
        answers[index] = await send(urls[hostileCase.request.component], agents.get(hostileCase.request.component)!, hostileCase);
      }
    }),
  );
  for (const agent of agents.values()) agent.destroy();
  return answers;
}

/** Why an answer is not the refusal its case expected; undefined when it is. */
export function mismatch(hostileCase: HostileCase, answer: Answer, secrets: readonly string[]): string | undefined {
  if (answer.kind === 'no-answer') return `no answer: ${answer.reason}`;
  const { expect } = hostileCase;
  if (!expect.status.includes(answer.status)) return `status ${answer.status}, expected ${expect.status.join(' or ')}: ${answer.body.slice(0, 200)}`;
  if (expect.proxyError && answer.headers['forge-proxy-error'] !== expect.proxyError)
    return `forge-proxy-error ${String(answer.headers['forge-proxy-error'])}, expected ${expect.proxyError}`;
  if (expect.failureCategory && answer.headers['x-failure-category'] !== expect.failureCategory)
    return `x-failure-category ${String(answer.headers['x-failure-category'])}, expected ${expect.failureCategory}`;
  if (expect.bodyExcludes && answer.body.includes(expect.bodyExcludes)) return `the answer contains ${JSON.stringify(expect.bodyExcludes)}`;
  const leaked = secrets.find((secret) => answer.body.includes(secret) || JSON.stringify(answer.headers).includes(secret));
  if (leaked) return 'the answer contains a secret of the stack';
  return undefined;
}
