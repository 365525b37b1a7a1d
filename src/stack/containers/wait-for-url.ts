import type { WaitStrategy } from 'testcontainers';

/**
 * Waits until a URL answers. With host networking testcontainers' own HTTP wait needs a port
 * binding and its port wait returns at once (environment.md), so the harness polls itself.
 */
export class WaitForUrl implements WaitStrategy {
  private timeoutMs = 30_000;
  private timeoutSet = false;

  constructor(private readonly url: () => string) {}

  async waitUntilReady(): Promise<void> {
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      const ok = await fetch(this.url()).then((r) => r.status < 500, () => false);
      if (ok) return;
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
