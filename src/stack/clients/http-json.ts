import { CONTROL_KEY_HEADER } from '../../platform/http/control-key';

/** A control-API call failed; the message says which call and what the component answered. */
export class ControlApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** JSON over HTTP to a platform component; `controlKey` for its control endpoints. */
export async function requestJson<T>(base: string, method: string, path: string, body?: unknown, controlKey?: string): Promise<T> {
  const response = await fetch(new URL(path, base), {
    method,
    headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...(controlKey && { [CONTROL_KEY_HEADER]: controlKey }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const parsed = text ? (JSON.parse(text) as unknown) : undefined;
  if (!response.ok) {
    const reason = parsed as { error?: string; error_description?: string; message?: string } | undefined;
    const detail = [reason?.error, reason?.error_description, reason?.message].filter(Boolean).join(': ') || text;
    throw new ControlApiError(response.status, `${method} ${path} answered ${response.status}: ${detail}`);
  }
  return parsed as T;
}
