import { createServer } from 'node:net';

/** Binds `port` on 127.0.0.1 (0: any free one) and lets it go again; rejects as listening would (EADDRINUSE). */
async function bindAndRelease(port: number): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', () => resolve()));
  const bound = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return bound;
}

/** A port on 127.0.0.1 that nothing listens on right now (for a process that binds it itself). */
export const freePort = (): Promise<number> => bindAndRelease(0);

/** Fails as listening would (EADDRINUSE) when one of `ports` is taken on 127.0.0.1: before a process elsewhere tries. */
export async function assertPortsFree(ports: number[]): Promise<void> {
  for (const port of ports) await bindAndRelease(port);
}
