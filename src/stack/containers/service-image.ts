import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { StackStartError } from '../stack-start-error';
import type { ContainerSpec } from '../../platform/services/container-service';
import { docker, imageExists, removeEarlierBuilds } from './docker';
import { IMAGE_LABEL } from './scratch-image';

/** Every file of a build context, in a stable order (for the image's content digest). */
function contextFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (name === 'node_modules' || name === '.git') return [];
      return statSync(path).isDirectory() ? contextFiles(path) : [path];
    });
}

/** The images a Dockerfile builds on: its FROM lines, less those naming one of its own earlier stages. */
function baseImages(instructions: string[]): string[] {
  const stages = new Set<string>();
  const images: string[] = [];
  for (const line of instructions) {
    const from = /^FROM\s+(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (!from) continue;
    if (!stages.has(from[1]!.toLowerCase())) images.push(from[1]!);
    if (from[2]) stages.add(from[2].toLowerCase());
  }
  return images;
}

/** The local image ID of each of `images`, or undefined for one that is not here. */
const localImageId = (image: string): string | undefined =>
  image === 'scratch' ? 'scratch' : spawnSync('docker', ['image', 'inspect', '--format', '{{.Id}}', image], { encoding: 'utf8' }).stdout.trim() || undefined;

/**
 * Builds an app's container service from its own Dockerfile and build context, as the partner
 * ships it. When its base images are here (loaded with `docker load`), the Dockerfile is built
 * unchanged, RUN steps and all, with no network. Otherwise, since no registry can be reached, a
 * single-stage Dockerfile without RUN steps is built with one substitution: its `FROM` becomes
 * the harness's Node image. Anything else is refused with a sentence saying what to load. Tagged
 * by a digest of the context and the bases: unchanged, not rebuilt.
 */
export function ensureServiceImage(spec: ContainerSpec, baseTag: string): string {
  const dockerfile = readFileSync(join(spec.context, spec.dockerfile), 'utf8');
  const instructions = dockerfile
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const bases = baseImages(instructions);
  const missing = bases.filter((image) => !localImageId(image));
  const run = instructions.find((l) => /^RUN\s/i.test(l));
  if (missing.length && (run || bases.length !== 1)) {
    const why = run ? `"${run.slice(0, 60)}" needs it` : 'a multi-stage build cannot be substituted';
    throw new StackStartError(
      `service ${spec.serviceKey}: its Dockerfile builds on ${missing.join(', ')}, not available here and not pullable (no registry can be reached), and ${why}: load the image with "docker load -i <file>", or drop the RUN steps`,
    );
  }
  const digest = createHash('sha256').update(missing.length ? baseTag : bases.map(localImageId).join('\n'));
  for (const file of contextFiles(spec.context)) digest.update(relative(spec.context, file)).update(readFileSync(file));
  const tag = `forge-conformance/service-${spec.serviceKey}:${digest.digest('hex').slice(0, 12)}`;
  if (imageExists(tag)) return tag;
  // Substituted: the harness image's entry point is node itself; the partner's CMD names its own command.
  const built = missing.length ? dockerfile.replace(/^\s*FROM\s+\S+.*$/im, `FROM ${baseTag}\nENTRYPOINT []\nENV PATH=/usr/local/bin`) : dockerfile;
  try {
    docker(['build', '--quiet', '--network', 'none', '--label', `${IMAGE_LABEL}=service`, '--tag', tag, '--file', '-', spec.context], { input: built });
  } catch (error) {
    throw new StackStartError(`service ${spec.serviceKey}: ${(error as Error).message}: fix its Dockerfile or build context`);
  }
  removeEarlierBuilds(tag);
  return tag;
}
