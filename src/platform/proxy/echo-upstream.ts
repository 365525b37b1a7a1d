import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A real loopback upstream that echoes what it received, and counts every request. */
export interface Echo {
  host: string;
  received: { method: string; url: string; headers: IncomingHttpHeaders; bytes: number }[];
  close(): Promise<void>;
}

export async function startEcho(): Promise<Echo> {
  const received: Echo['received'] = [];
  const server = createServer((request, response) => {
    let bytes = 0;
    request.on('data', (chunk: Buffer) => (bytes += chunk.length));
    request.on('end', () => {
      received.push({ method: request.method!, url: request.url!, headers: request.headers, bytes });
      if (request.url === '/redirect') return void response.writeHead(302, { location: 'https://elsewhere.example.com/' }).end();
      if (request.url === '/slow') return void setTimeout(() => response.end('late'), 2_000);
      const body = JSON.stringify({ method: request.method, url: request.url, bytes, headers: request.headers });
      response.writeHead(201, { 'content-type': 'application/json', 'x-upstream': 'echo', 'content-length': Buffer.byteLength(body) });
      response.end(request.method === 'HEAD' ? undefined : body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { host: `127.0.0.1:${(server.address() as AddressInfo).port}`, received, close: () => new Promise((r) => server.close(() => r())) };
}
