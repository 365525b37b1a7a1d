import type { IncomingMessage } from 'node:http';
import { Refusal } from './refusal';

/** Reads a request body, refusing (413) as soon as it passes `limit` bytes. */
export async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw new Refusal(413, `body over ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Refusal(413, `body over ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** A JSON object body of a control API; 400 with a reason when it is not one. */
export async function readJsonObject(request: IncomingMessage, limit = 1024 * 1024): Promise<Record<string, unknown>> {
  const raw = (await readBody(request, limit)).toString('utf8');
  if (raw.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new Refusal(400, 'the body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Refusal(400, 'the body must be a JSON object');
  return value as Record<string, unknown>;
}

/** Reads an application/x-www-form-urlencoded body (the HTML forms of the consent and admin pages). */
export async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams((await readBody(request, 64 * 1024)).toString('utf8'));
}
