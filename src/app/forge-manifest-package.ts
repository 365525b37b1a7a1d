import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The pieces of Atlassian's own `@forge/manifest` that lint relies on, so the rules are the
 * platform's and not a copy. Its package index pulls in Sentry and every validator (about 0.6 s),
 * which alone would break lint's one-second budget; the files below load in a fraction of that.
 * They are plain CommonJS files of the pinned version, reached by path because the package's
 * `exports` only names its index and schema.
 */
const require = createRequire(import.meta.url);
const manifestOut = dirname(require.resolve('@forge/manifest'));

export const manifestSchemaPath: string = require.resolve('@forge/manifest/schema.json');

interface ManifestPackage {
  getHandlersDirectory(manifest: unknown): string;
  newPermissionsValidator(): {
    isValidURL(url: string, allowGlobalUrl: boolean): boolean;
    hasPathComponent(url: string): boolean;
  };
}

/**
 * Each piece loaded when first used: the handlers directory is a file on its own, but the
 * permissions validator pulls in the package's utilities (and Sentry with them, about 0.1 s), which
 * only an app with backend egress needs.
 */
export function forgeManifest(): ManifestPackage {
  return {
    getHandlersDirectory: (manifest) =>
      (require(join(manifestOut, 'utils/get-handlers-directory.js')) as Pick<ManifestPackage, 'getHandlersDirectory'>).getHandlersDirectory(manifest),
    newPermissionsValidator: () => {
      const { PermissionsValidator } = require(join(manifestOut, 'validators/permissions-validator.js')) as {
        PermissionsValidator: new () => ReturnType<ManifestPackage['newPermissionsValidator']>;
      };
      return new PermissionsValidator();
    },
  };
}
