import { createRequire, registerHooks } from 'node:module';
import { pathToFileURL } from 'node:url';

/**
 * An app is run as it is checked out (facts.md §5): with its own node_modules when it has
 * them, and otherwise with the harness's copy of the @forge/* runtime packages, so a freshly
 * cloned app needs no install step. The harness's copy is resolved here, as `require` or `import`
 * would resolve it from the harness: handing the default resolver another parent covers only
 * `import`, not `require`.
 */
export function resolveForgePackagesFromHarness(): void {
  const harnessRequire = createRequire(import.meta.url);
  registerHooks({
    resolve(specifier, context, nextResolve) {
      try {
        return nextResolve(specifier, context);
      } catch (error) {
        if (!specifier.startsWith('@forge/')) throw error;
        const url = context.conditions.includes('require') ? pathToFileURL(harnessRequire.resolve(specifier)).href : import.meta.resolve(specifier);
        return { url, shortCircuit: true };
      }
    },
  });
}
