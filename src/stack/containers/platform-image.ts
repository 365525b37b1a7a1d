import { HARNESS_ROOT } from '../../common/harness-root';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { build } from 'esbuild';
import { BUNDLE_DEFINE, PROCESS_ENTRIES } from '../../platform/process-entries';
import { ensureBaseImage } from './base-image';
import { IMAGE_LABEL } from './scratch-image';
import { buildImage, imageExists } from './docker';
import { packageClosure, type InstalledPackage } from './package-closure';

/** Where the harness lives inside the image. */
export const IMAGE_HOME = '/opt/forge-conformance';

/**
 * The packages left out of the bundle and installed in the image instead, and why: the partner's
 * code imports the `@forge/*` packages as packages and must share one instance with the function
 * host (and `@forge/manifest` is read by file path); tsx is the loader that runs the partner's
 * TypeScript unchanged; @mswjs/interceptors loads its HTTP parser (a .wasm file) from beside its
 * own code.
 */
const UNBUNDLED = [/^@forge\//, /^tsx$/, /^@mswjs\/interceptors$/];

function unbundledPackages(): string[] {
  const { dependencies } = JSON.parse(readFileSync(join(HARNESS_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  return Object.keys(dependencies).filter((name) => UNBUNDLED.some((pattern) => pattern.test(name)));
}

async function bundlePlatform(external: string[]) {
  const { outputFiles } = await build({
    entryPoints: Object.fromEntries(Object.entries(PROCESS_ENTRIES).map(([name, { source }]) => [name, join(HARNESS_ROOT, 'src/platform', source)])),
    outdir: join(IMAGE_HOME, 'platform'),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node.split('.')[0]}`,
    external,
    define: BUNDLE_DEFINE,
    // The bundled CommonJS packages call require(); an ES module has none of its own.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    write: false,
    logLevel: 'silent',
  });
  return outputFiles;
}

/** The image with the unbundled packages installed: rebuilt only when they change, not with the harness. */
function ensurePackagesImage(baseTag: string, packages: InstalledPackage[]): string {
  const digest = createHash('sha256').update(baseTag);
  for (const pkg of packages) digest.update(`${relative(HARNESS_ROOT, pkg.dir)}@${pkg.version}\n`);
  const tag = `forge-conformance/platform-packages:${digest.digest('hex').slice(0, 12)}`;
  if (imageExists(tag)) return tag;
  buildImage(tag, [`FROM ${baseTag}`, `COPY node_modules/ ${IMAGE_HOME}/node_modules/`, `LABEL ${IMAGE_LABEL}=packages`], (context) => {
    for (const { dir } of packages) {
      const at = relative(HARNESS_ROOT, dir);
      if (at.startsWith('..')) throw new Error(`${dir} is installed outside the harness (${HARNESS_ROOT}): run npm ci in the harness`);
      // A package's own node_modules hold other packages, copied only when they are needed.
      cpSync(dir, join(context, at), { recursive: true, filter: (path) => !relative(dir, path).split(sep).includes('node_modules') });
    }
  });
  return tag;
}

/**
 * The image every platform role runs from: the base image (Node alone), the packages that stay
 * packages in `/opt/forge-conformance/node_modules`, and the harness's server code bundled with
 * esbuild into `/opt/forge-conformance/platform`. Its command picks the role. Each layer is tagged
 * by a digest of exactly what goes in, so an unchanged harness is not rebuilt, and a changed one
 * rebuilds only its bundle.
 */
export async function ensurePlatformImage(): Promise<{ tag: string; baseTag: string; built: boolean; ms: number }> {
  const started = performance.now();
  const base = ensureBaseImage();
  const unbundled = unbundledPackages();
  const packagesTag = ensurePackagesImage(base.tag, packageClosure(unbundled, HARNESS_ROOT));
  const bundle = await bundlePlatform(unbundled);
  const digest = createHash('sha256').update(packagesTag);
  for (const file of bundle) digest.update(file.path).update(file.contents);
  const tag = `forge-conformance/platform:${digest.digest('hex').slice(0, 12)}`;
  if (imageExists(tag)) return { tag, baseTag: base.tag, built: false, ms: performance.now() - started };

  const dockerfile = [
    `FROM ${packagesTag}`,
    `COPY platform/ ${IMAGE_HOME}/platform/`,
    `LABEL ${IMAGE_LABEL}=platform`,
    `ENTRYPOINT ["/usr/local/bin/node", "${IMAGE_HOME}/platform/platform.mjs"]`,
  ];
  buildImage(tag, dockerfile, (context) => {
    for (const file of bundle) {
      const target = join(context, relative(IMAGE_HOME, file.path));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, file.contents);
    }
  });
  return { tag, baseTag: base.tag, built: true, ms: performance.now() - started };
}
