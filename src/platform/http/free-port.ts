import { createServer } from 'node:net';

/** A port on 127.0.0.1 that nothing listens on right now (for a process that binds it itself). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Fails as listening would (EADDRINUSE) when one of `ports` is taken on 127.0.0.1: before a process elsewhere tries. */
export async function assertPortsFree(ports: number[]): Promise<void> {
  for (const port of ports) {
    const server = createServer();
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', () => resolve()));
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
