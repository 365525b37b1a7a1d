/**
 * The platform could not be started, for a reason the user can fix on their side: no Docker
 * engine answers, a service's base image must be loaded. The message is one sentence saying
 * what to do; commands print it as it is and exit 2 ("could not run"), like AppLoadError.
 */
export class StackStartError extends Error {
  override name = 'StackStartError';
}
