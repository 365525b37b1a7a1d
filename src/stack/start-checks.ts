import { readStubFile, StubFileError, stubFilesOf } from '../platform/proxy/upstream-stubs';
import { appUpstreams, type StackOptions } from './stack';
import { StackStartError } from './stack-start-error';

/**
 * The stub sources a stack loads (those named, or the app's own `upstreams/`), every file read
 * before anything starts: a broken one is one sentence naming it, on either target, instead of
 * a proxy (process or container) that dies while the rest comes up.
 */
export function checkedUpstreams(options: Pick<StackOptions, 'upstreams'>, appDir: string): string[] {
  const upstreams = options.upstreams ?? appUpstreams(appDir);
  try {
    for (const file of stubFilesOf(upstreams)) readStubFile(file);
  } catch (error) {
    throw error instanceof StubFileError ? new StackStartError(error.message) : error;
  }
  return upstreams;
}

/**
 * Promise.all for starting components, except that it waits for every one, even when one fails,
 * so the ones that did start have registered themselves for stopping; then it fails with the
 * first failure. (Promise.all fails at once and leaves the slower ones running, unowned.)
 */
export async function allStarted<T extends readonly unknown[] | []>(starting: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const settled = (await Promise.allSettled(starting)) as PromiseSettledResult<unknown>[];
  const failed = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as { -readonly [K in keyof T]: Awaited<T[K]> };
}
