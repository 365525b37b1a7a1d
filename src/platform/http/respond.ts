/** Writing JSON, HTML and redirects (and, for the pages that write HTML, the one escaping of it). */
import type { ServerResponse } from 'node:http';

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  response.end(text);
}

export function sendHtml(response: ServerResponse, status: number, html: string): void {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html), 'cache-control': 'no-store' });
  response.end(html);
}

export function redirect(response: ServerResponse, location: string, status = 303): void {
  response.writeHead(status, { location, 'content-length': 0 });
  response.end();
}

export { html } from '../../common/html';
