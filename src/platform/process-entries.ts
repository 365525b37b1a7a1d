import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The harness's own processes (and the preload of the app's worker threads): what each runs from
 * source, and whether it loads partners' TypeScript (and so needs tsx even when the harness itself
 * is bundled). The image build bundles exactly these entries, under these names.
 */
export const PROCESS_ENTRIES = {
  /** A container's command: picks the role (control, gateway, runtime, proxy). */
  platform: { source: 'roles/main.ts', loadsPartnerTypeScript: false },
  /** The function host the runtime forks: runs the app's handlers unchanged. */
  host: { source: 'runtime/host.ts', loadsPartnerTypeScript: true },
  /** Loaded into every worker thread a function starts, before the app's code: routes its egress (worker-threads.ts). */
  'worker-egress': { source: 'runtime/worker-egress.ts', loadsPartnerTypeScript: false },
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

/**
 * The Node flags that load one of the harness's modules into a worker thread before its own code:
 * `--require`, the one preload Node runs in eval workers as well as file workers (`--import` runs
 * in file workers only). From source, through tsx's require hook; bundled, Node requires the ES module.
 */
export function workerPreload(name: ProcessEntryName): string[] {
  const { file } = processEntry(name);
  return bundled ? ['--require', file] : ['--require', fileURLToPath(import.meta.resolve('tsx/cjs')), '--require', file];
}
