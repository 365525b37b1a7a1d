/** Running one platform component as a process of its own. */
/** The environment variable carrying a role's configuration (JSON) into its process or container. */
export const ROLE_CONFIG = 'FORGE_CONFORMANCE_ROLE';

/**
 * Runs one platform component as a process of its own, as the containers target does: reads its
 * configuration, starts, prints one "listening" line, and stops cleanly on SIGTERM or SIGINT.
 */
export async function roleMain<Config>(name: string, start: (config: Config) => Promise<{ url: string; stop(): Promise<void> }>): Promise<void> {
  try {
    const config = JSON.parse(process.env[ROLE_CONFIG] ?? '{}') as Config;
    const running = await start(config);
    const stop = async () => {
      await running.stop();
      process.exit(0);
    };
    process.once('SIGTERM', () => void stop());
    process.once('SIGINT', () => void stop());
    console.log(`forge-conformance ${name} listening on ${running.url}`);
  } catch (error) {
    console.error(`forge-conformance ${name} could not start: ${(error as Error).message}`);
    process.exit(1);
  }
}
