/** The arguments an apiRoute function is invoked with, and reading the result it returns. */
import { validateHeaderName, validateHeaderValue, type IncomingMessage } from 'node:http';
import { nameMap } from '../http/request-target';
import { functionContext } from '../invocation/function-context';
import type { CallWith } from './call';

/** Headers as the function receives them: lower-case names, every value a list (facts.md §5). */
export function headerLists(request: IncomingMessage, { drop }: { drop: (name: string) => boolean }): Record<string, string[]> {
  const lists = nameMap<string[]>();
  for (let i = 0; i < request.rawHeaders.length; i += 2) {
    const name = request.rawHeaders[i]!.toLowerCase();
    if (drop(name)) continue;
    (lists[name] ??= []).push(request.rawHeaders[i + 1]!);
  }
  return lists;
}

/** `x-slauth-*` style patterns from the profile, as one predicate. */
export function headerMatcher(patterns: readonly string[]): (name: string) => boolean {
  const regexes = patterns.map(
    (p) =>
      new RegExp(
        `^${p
          .toLowerCase()
          .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
          .replace(/\*/g, '.*')}$`,
      ),
  );
  return (name) => regexes.some((r) => r.test(name));
}

/** The first argument of an apiRoute function, shaped like the captured real call (facts.md §5). */
export function invocationPayload(call: CallWith<'url' | 'parsedTarget' | 'route' | 'site' | 'body'>, headers: Record<string, string[]>) {
  const queryParameters = nameMap<string[]>();
  for (const [name, value] of call.url.query) (queryParameters[name] ??= []).push(value);
  return {
    method: call.request.method,
    headers,
    queryParameters,
    body: call.body.length > 0 ? call.body.toString('utf8') : null,
    path: call.parsedTarget.path,
    userPath: null,
    call: { functionKey: call.route.key },
    context: { cloudId: call.site.cloudId, moduleKey: call.route.key, userAccess: { enabled: true } },
  };
}

/** The second argument: the documented function context (function-reference/arguments). */
export function handlerContext(call: CallWith<'url' | 'route' | 'site' | 'installation' | 'token'>, envId: string) {
  return functionContext({
    product: call.url.product,
    cloudId: call.site.cloudId,
    installationId: call.installation.id,
    moduleKey: call.route.key,
    envId,
    accountId: call.token.accountId,
  });
}

export interface FunctionResponse {
  statusCode: number;
  headers: Record<string, string[]>;
  body: string | undefined;
  statusText: string | undefined;
}

/** The handler's result, if it has the documented shape; otherwise why not. */
export function readFunctionResponse(value: unknown): FunctionResponse | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return `the handler returned ${value === null ? 'null' : typeof value}, not an object`;
  const result = value as Record<string, unknown>;
  const { statusCode, body, headers, statusText } = result;
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    return `statusCode is ${statusCode === undefined ? 'missing' : JSON.stringify(statusCode)}, not an HTTP status`;
  }
  if (body !== undefined && body !== null && typeof body !== 'string') return `body is a ${Array.isArray(body) ? 'array' : typeof body}, not a string`;
  if (statusText !== undefined && (typeof statusText !== 'string' || !/^[\t \x21-\x7e\x80-\xff]*$/.test(statusText))) return 'statusText is not a line of text';
  const lists = nameMap<string[]>();
  if (headers !== undefined && headers !== null) {
    if (typeof headers !== 'object' || Array.isArray(headers)) return 'headers is not an object';
    for (const [name, v] of Object.entries(headers)) {
      const values = Array.isArray(v) ? v : [v];
      if (!values.every((x) => typeof x === 'string')) return `header ${name} is not a string or a list of strings`;
      try {
        validateHeaderName(name);
        for (const value of values) validateHeaderValue(name, value);
      } catch {
        return `header ${JSON.stringify(name)} is not a valid HTTP header name and value`;
      }
      lists[name] = values as string[];
    }
  }
  return { statusCode, headers: lists, body: (body as string | null | undefined) ?? undefined, statusText: statusText as string | undefined };
}
