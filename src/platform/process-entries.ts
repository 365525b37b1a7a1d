import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The harness's own processes: what each runs from source, and whether it loads partners'
 * TypeScript (and so needs tsx even when the harness itself is bundled). The image build bundles
 * exactly these entries, under these names.
 */
export const PROCESS_ENTRIES = {
  /** A container's command: picks the role (control, gateway, runtime, proxy). */
  platform: { source: 'roles/main.ts', loadsPartnerTypeScript: false },
  /** The function host the runtime forks: runs the app's handlers unchanged. */
  host: { source: 'runtime/host.ts', loadsPartnerTypeScript: true },
} as const;

export type ProcessEntryName = keyof typeof PROCESS_ENTRIES;

/** Defined as `true` by the image build's esbuild `define`; undeclared when running from source. */
declare const FORGE_CONFORMANCE_BUNDLED: boolean | undefined;
const bundled = typeof FORGE_CONFORMANCE_BUNDLED !== 'undefined' && FORGE_CONFORMANCE_BUNDLED;

/** The esbuild `define` that marks a bundle, so entries resolve to their bundled files. */
export const BUNDLE_DEFINE = { FORGE_CONFORMANCE_BUNDLED: 'true' } as const;

/**
 * How to start one of the harness's processes: from source through tsx, or, inside an image,
 * the bundled `<name>.mjs` beside this code. tsx is loaded only where TypeScript is still to be
 * compiled at run time.
 */
export function processEntry(name: ProcessEntryName): ProcessEntry {
  const here = dirname(fileURLToPath(import.meta.url));
  if (bundled) return bundledEntry(name, here);
  return { file: join(here, PROCESS_ENTRIES[name].source), execArgv: tsxImport() };
}

export interface ProcessEntry {
  file: string;
  execArgv: string[];
}

/** The bundled `<name>.mjs` in `dir` (the built CLI's dist/, or an image's), as the built CLI starts it: benches time that one. */
export function bundledEntry(name: ProcessEntryName, dir: string): ProcessEntry {
  return { file: join(dir, `${name}.mjs`), execArgv: PROCESS_ENTRIES[name].loadsPartnerTypeScript ? tsxImport() : [] };
}

const tsxImport = () => ['--import', import.meta.resolve('tsx')];
