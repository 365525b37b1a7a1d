import type { IncomingMessage, ServerResponse } from 'node:http';
import { requireControlKey } from './control-key';
import { Refusal } from './refusal';
import { decodeComponent, nameMap, parseRequestTarget } from './request-target';

export interface RouteContext {
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  /** Values of the `:name` segments of the matched pattern, decoded. */
  params: Record<string, string>;
}

type Handler = (context: RouteContext) => unknown | Promise<unknown>;

/**
 * A small method + path router for the platform's own endpoints. `on` serves anyone; `control`
 * serves only the harness (the request must carry the stack's control key), and `page` does too,
 * for a browser, with the key also accepted as `?key=`. Handlers throw a
 * Refusal to refuse; the server (serve.ts) answers it.
 */
export class Router {
  private readonly routes: { method: string; pattern: RegExp; names: string[]; handler: Handler; control: 'no' | 'header' | 'page' }[] = [];

  /** `controlKey`: the stack's secret, required by every `control` route. */
  constructor(private readonly controlKey?: string) {}

  on(method: string, path: string, handler: Handler): this {
    return this.add(method, path, handler, 'no');
  }

  control(method: string, path: string, handler: Handler): this {
    return this.add(method, path, handler, 'header');
  }

  /** A control route a browser opens: the key may also come as `?key=`, since a page cannot set a header. */
  page(method: string, path: string, handler: Handler): this {
    return this.add(method, path, handler, 'page');
  }

  private add(method: string, path: string, handler: Handler, control: 'no' | 'header' | 'page'): this {
    if (control !== 'no' && this.controlKey === undefined)
      throw new Error(`a control route (${method} ${path}) needs a router made with the stack's control key`);
    const names: string[] = [];
    const pattern = new RegExp(`^${path.replace(/:(\w+)/g, (_, name: string) => (names.push(name), '([^/]+)'))}$`);
    this.routes.push({ method, pattern, names, handler, control });
    return this;
  }

  /** Handles the request when a route matches its path; resolves false when none does. */
  async handle(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
    const target = parseRequestTarget(request.url);
    if (!target) throw new Refusal(400, 'the request target is neither a path nor an absolute URL');
    const matching = this.routes.filter((r) => r.pattern.test(target.path));
    if (matching.length === 0) return false;
    const url = new URL(`http://platform.invalid${target.path}?${target.query}`);
    // A control path answers nothing, not even which methods it has, without the key.
    if (matching.some((r) => r.control !== 'no')) requireControlKey(request, url, this.controlKey!, { page: matching.every((r) => r.control === 'page') });
    const route = matching.find((r) => r.method === request.method);
    if (!route) throw new Refusal(405, `${request.method} is not allowed here`, undefined, { allow: matching.map((r) => r.method).join(', ') });
    const params = nameMap<string>();
    for (const [i, value] of route.pattern.exec(target.path)!.slice(1).entries()) {
      const decoded = decodeComponent(value!);
      if (decoded === undefined) throw new Refusal(400, `the path segment ${JSON.stringify(value)} is not valid percent-encoding`);
      params[route.names[i]!] = decoded;
    }
    await route.handler({ request, response, url, params });
    return true;
  }
}
