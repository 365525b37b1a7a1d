/** Variables a Playwright runner sets for its own workers: a run started inside another runner (the self-tests) must not inherit them. */
const RUNNER_STATE = /^(TEST_|PW_|PLAYWRIGHT_)/;

/** Removes them, in place; returns the same object. */
export function withoutRunnerState(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  for (const name of Object.keys(env)) if (RUNNER_STATE.test(name)) delete env[name];
  return env;
}
