/**
 * There is no app to check: the directory or manifest is missing, or the manifest belongs to
 * another platform. The message is one sentence that says what to fix; commands print it as it
 * is and exit 2 ("could not run").
 */
export class AppLoadError extends Error {
  override name = 'AppLoadError';
}
