import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { buildImage, imageExists } from './docker';

export const IMAGE_LABEL = 'forge-conformance.image';

/** An image made of this machine's own files: no registry is reachable, so images are built here. */
export interface ScratchImage {
  /** The image's repository, e.g. `forge-conformance/node`. */
  repository: string;
  /** The readable start of its tag (a digest of its files follows). */
  version: string;
  /** Executables by their path here and their path in the image; the libraries each links come along. */
  binaries: Record<string, string>;
  /** Folders copied to the same path, as they are. */
  folders?: string[];
  /** The Dockerfile's own lines after the files (ENV, ENTRYPOINT, …). */
  instructions: string[];
  /** The value of the image's IMAGE_LABEL (what kind of image it is). */
  kind: string;
}

/** The shared libraries a binary loads, as ldd lists them (absolute paths). */
function sharedLibraries(binary: string): string[] {
  const result = spawnSync('ldd', [binary], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`ldd ${binary} failed: ${result.stderr.trim()}`);
  return [...result.stdout.matchAll(/(\/\S+\.so[.\d]*)/g)].map((m) => m[1]!);
}

const filesUnder = (folder: string): string[] =>
  readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });

/**
 * Builds `FROM scratch` an image holding exactly these binaries, the libraries they link and
 * these folders, with a `/tmp` and an `/etc/passwd` naming root. Tagged by a digest of its files,
 * keyed on path, size and modification time (as build caches are) rather than content, so an
 * unchanged image is not rebuilt at all and checking costs no hashing of large binaries.
 */
export function ensureScratchImage(image: ScratchImage): { tag: string; built: boolean; ms: number } {
  const started = performance.now();
  const binaries = Object.entries(image.binaries).map(([from, to]) => [realpathSync(from), to] as const);
  const libraries = [...new Set(binaries.flatMap(([binary]) => sharedLibraries(binary)))];
  const folderFiles = (image.folders ?? []).flatMap(filesUnder);
  const digest = createHash('sha256').update(image.instructions.join('\n'));
  for (const file of [...binaries.map(([binary, to]) => `${binary}\0${to}`), ...libraries, ...folderFiles]) {
    const path = file.split('\0')[0]!;
    const { size, mtimeMs } = statSync(realpathSync(path));
    digest.update(`${file}\0${size}\0${mtimeMs}\n`);
  }
  const tag = `${image.repository}:${image.version}-${digest.digest('hex').slice(0, 12)}`;
  if (imageExists(tag)) return { tag, built: false, ms: performance.now() - started };

  buildImage(tag, ['FROM scratch', 'COPY rootfs/ /', `LABEL ${IMAGE_LABEL}=${image.kind}`, ...image.instructions], (context) => {
    const copy = (file: string, to = file) => {
      mkdirSync(join(context, 'rootfs', dirname(to)), { recursive: true });
      cpSync(realpathSync(file), join(context, 'rootfs', to));
    };
    for (const [binary, to] of binaries) copy(binary, to);
    for (const library of libraries) copy(library);
    for (const file of folderFiles) copy(file);
    mkdirSync(join(context, 'rootfs/tmp'), { recursive: true });
    mkdirSync(join(context, 'rootfs/etc'), { recursive: true });
    writeFileSync(join(context, 'rootfs/etc/passwd'), 'root:x:0:0:root:/tmp:/bin/false\n');
  });
  return { tag, built: true, ms: performance.now() - started };
}
