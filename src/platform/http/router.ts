import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from './http-error';
import { sendJson } from './respond';

export interface RouteContext {
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  /** Values of the `:name` segments of the matched pattern. */
  params: Record<string, string>;
}

type Handler = (context: RouteContext) => unknown | Promise<unknown>;

/**
 * A small method + path router for the platform's control APIs and pages. Handlers throw
 * HttpError to refuse; every error becomes a JSON response here, and nothing else does.
 */
export class Router {
  private readonly routes: { method: string; pattern: RegExp; names: string[]; handler: Handler }[] = [];

  on(method: string, path: string, handler: Handler): this {
    const names: string[] = [];
    const pattern = new RegExp(`^${path.replace(/:(\w+)/g, (_, name: string) => (names.push(name), '([^/]+)'))}$`);
    this.routes.push({ method, pattern, names, handler });
    return this;
  }

  /** Handles the request when a route matches; resolves false when none does. */
  async handle(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const matching = this.routes.filter((r) => r.pattern.test(url.pathname));
    if (matching.length === 0) return false;
    const route = matching.find((r) => r.method === request.method);
    try {
      if (!route) throw new HttpError(405, `${request.method} is not allowed here`, undefined, { allow: matching.map((r) => r.method).join(', ') });
      const values = route.pattern.exec(url.pathname)!.slice(1);
      const params = Object.fromEntries(route.names.map((name, i) => [name, decodeURIComponent(values[i]!)]));
      await route.handler({ request, response, url, params });
    } catch (error) {
      if (response.headersSent) response.destroy();
      else if (error instanceof HttpError) sendJson(response, error.status, error.body, error.headers);
      else sendJson(response, 500, { error: (error as Error).message ?? 'internal error' });
    }
    return true;
  }
}
