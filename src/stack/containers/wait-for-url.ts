import { spawnSync } from 'node:child_process';
import type { WaitStrategy } from 'testcontainers';

/** The part of dockerode's container the wait needs. */
interface WatchedContainer {
  id: string;
  inspect(): Promise<{ Name: string; State: { Running: boolean; ExitCode: number } }>;
}

/** The last line a container wrote (either stream), for saying why it stopped. */
function lastLogLine(id: string): string {
  const logs = spawnSync('docker', ['logs', '--tail', '5', id], { encoding: 'utf8' });
  return `${logs.stdout}${logs.stderr}`.trim().split('\n').at(-1) ?? '';
}

/**
 * Waits until a URL answers. With host networking testcontainers' own HTTP wait needs a port
 * binding and its port wait returns at once (facts.md §9), so the harness polls itself. A
 * container that exits while starting fails the wait at once, with its last line, rather than
 * when the timeout runs out.
 */
export class WaitForUrl implements WaitStrategy {
  private timeoutMs = 30_000;
  private timeoutSet = false;

  constructor(private readonly url: () => string) {}

  async waitUntilReady(container?: WatchedContainer): Promise<void> {
    const deadline = Date.now() + this.timeoutMs;
    for (let attempt = 1; ; attempt++) {
      const ok = await fetch(this.url()).then(
        (r) => r.status < 500,
        () => false,
      );
      if (ok) return;
      if (container && attempt % 10 === 0) {
        const { Name, State } = await container.inspect();
        if (!State.Running)
          throw new Error(`container ${Name.replace(/^\//, '')} exited (code ${State.ExitCode}) before ${this.url()} answered: ${lastLogLine(container.id)}`);
      }
      if (Date.now() > deadline) throw new Error(`${this.url()} did not answer within ${this.timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  withStartupTimeout(ms: number): this {
    this.timeoutMs = ms;
    this.timeoutSet = true;
    return this;
  }

  isStartupTimeoutSet(): boolean {
    return this.timeoutSet;
  }

  getStartupTimeout(): number {
    return this.timeoutMs;
  }
}
