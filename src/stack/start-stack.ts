import type { Stack, StackOptions, StackTarget } from './stack';

/** The targets this machine can start; `remote` is a deployment that is already running. */
export type LocalTarget = Extract<StackTarget, 'embedded' | 'containers'>;

/**
 * The one way to start a stack for a target. Each target's code (and the containers target's
 * testcontainers) is loaded only when that target is asked for.
 */
export async function startStack(target: LocalTarget, options: StackOptions): Promise<Stack> {
  if (target === 'containers') return (await import('./containers/containers-stack')).startContainersStack(options);
  return (await import('./embedded')).startEmbeddedStack(options);
}
