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
