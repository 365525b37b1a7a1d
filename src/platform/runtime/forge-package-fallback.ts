import { createRequire, registerHooks } from 'node:module';
import { pathToFileURL } from 'node:url';
import { harnessCopyOf, packageNameOf } from '../../app/forge-package-copies';

/**
 * An app is run as it is checked out (facts.md §5): with its own node_modules when it has
 * them, and otherwise with the harness's copy of the @forge/* runtime packages, so a freshly
 * cloned app needs no install step. The harness's copy is resolved here, as `require` or `import`
 * would resolve it from the harness (an older copy where the app's package.json asks for an
 * older major: app/forge-package-copies.ts): handing the default resolver another parent covers only
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
        // The host runs in the app's folder: its package.json says which major it was written for.
        const name = packageNameOf(specifier);
        const copy = harnessCopyOf(name, process.cwd()) + specifier.slice(name.length);
        const url = context.conditions.includes('require') ? pathToFileURL(harnessRequire.resolve(copy)).href : import.meta.resolve(copy);
        return { url, shortCircuit: true };
      }
    },
  });
}
