/** The function runtime as a service of its own: the app's handlers behind POST /invoke. */
import { FunctionRuntime } from '../runtime/function-runtime';
import { startRuntimeServer } from '../runtime/runtime-server';
import { roleMain } from './role';

export interface RuntimeConfig {
  appDir: string;
  /** The app environment's variables (facts.md §10). */
  variables: Record<string, string>;
  port: number;
  controlKey: string;
}

await roleMain<RuntimeConfig>('runtime', async (config) => {
  const runtime = new FunctionRuntime({ appDir: config.appDir, variables: config.variables, onLog: (line) => console.log(`[app] ${line}`) });
  await runtime.start();
  const server = await startRuntimeServer(runtime, config.controlKey, config.port);
  return { url: server.url, stop: async () => void (await Promise.all([server.stop(), runtime.stop()])) };
});
