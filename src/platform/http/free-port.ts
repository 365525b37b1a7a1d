import { createServer } from 'node:net';

/** Binds `port` on 127.0.0.1 (0: any free one) and lets it go again; rejects as listening would (EADDRINUSE). */
async function bindAndRelease(port: number): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', () => resolve()));
  const bound = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return bound;
}

/**
 * Ports below Linux's default ephemeral range (32768–60999). A port chosen now and bound later
 * (by another process, or after other servers start) must not be one the kernel can hand to a
 * server listening on port 0 meanwhile, which an ephemeral port could be: under parallel tests
 * that race showed as EADDRINUSE.
 */
const CHOSEN_PORTS = { from: 20_000, to: 32_767 };

/** A port on 127.0.0.1 that nothing listens on right now, for a process that binds it itself later. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = CHOSEN_PORTS.from + Math.floor(Math.random() * (CHOSEN_PORTS.to - CHOSEN_PORTS.from + 1));
    try {
      return await bindAndRelease(port);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
  return bindAndRelease(0);
}

/** Fails as listening would (EADDRINUSE) when one of `ports` is taken on 127.0.0.1: before a process elsewhere tries. */
export async function assertPortsFree(ports: number[]): Promise<void> {
  for (const port of ports) await bindAndRelease(port);
}
