import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { buildImage, imageExists } from './docker';

export const IMAGE_LABEL = 'forge-conformance.image';

/** The shared libraries the Node binary loads, as ldd lists them (absolute paths). */
function sharedLibraries(binary: string): string[] {
  const result = spawnSync('ldd', [binary], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`ldd ${binary} failed: ${result.stderr.trim()}`);
  return [...result.stdout.matchAll(/(\/\S+\.so[.\d]*)/g)].map((m) => m[1]!);
}

/**
 * The base image every role runs on: `FROM scratch` with this machine's Node binary (the
 * pinned Node 24) and exactly the libraries it links, nothing else: no registry is reachable,
 * so images are built here. Tagged by a digest of its files, so an unchanged image is not rebuilt
 * at all.
 */
export function ensureBaseImage(nodeBinary: string = process.execPath): { tag: string; built: boolean; ms: number } {
  const started = performance.now();
  const binary = realpathSync(nodeBinary);
  const libraries = sharedLibraries(binary);
  // Keyed on path, size and modification time (as build caches are), not content: hashing the
  // 130 MB binary on every start would cost a third of a second.
  const digest = createHash('sha256');
  for (const file of [binary, ...libraries]) {
    const { size, mtimeMs } = statSync(realpathSync(file));
    digest.update(`${file}\0${size}\0${mtimeMs}\n`);
  }
  const tag = `forge-conformance/node:${process.versions.node}-${digest.digest('hex').slice(0, 12)}`;
  if (imageExists(tag)) return { tag, built: false, ms: performance.now() - started };

  buildImage(tag, ['FROM scratch', 'COPY rootfs/ /', 'ENV HOME=/tmp', `LABEL ${IMAGE_LABEL}=base`, 'ENTRYPOINT ["/usr/local/bin/node"]'], (context) => {
    const copy = (file: string, to = file) => {
      mkdirSync(join(context, 'rootfs', dirname(to)), { recursive: true });
      cpSync(realpathSync(file), join(context, 'rootfs', to));
    };
    copy(binary, '/usr/local/bin/node');
    for (const library of libraries) copy(library);
    mkdirSync(join(context, 'rootfs/tmp'), { recursive: true });
    mkdirSync(join(context, 'rootfs/etc'), { recursive: true });
    writeFileSync(join(context, 'rootfs/etc/passwd'), 'root:x:0:0:root:/tmp:/usr/local/bin/node\n');
  });
  return { tag, built: true, ms: performance.now() - started };
}
