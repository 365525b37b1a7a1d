import { registerHooks } from 'node:module';

/**
 * An app is run as it is checked out (platform.md §5): with its own node_modules when it has
 * them, and otherwise with the harness's copy of the @forge/* runtime packages, so a freshly
 * cloned app needs no install step.
 */
export function resolveForgePackagesFromHarness(): void {
  const harness = import.meta.url;
  registerHooks({
    resolve(specifier, context, nextResolve) {
      try {
        return nextResolve(specifier, context);
      } catch (error) {
        if (!specifier.startsWith('@forge/')) throw error;
        return nextResolve(specifier, { ...context, parentURL: harness });
      }
    },
  });
}
