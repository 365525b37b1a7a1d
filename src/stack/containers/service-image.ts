import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ContainerSpec } from '../../platform/services/container-service';
import { docker, imageExists, removeEarlierBuilds } from './docker';
import { IMAGE_LABEL } from './base-image';

/** Every file of a build context, in a stable order (for the image's content digest). */
function contextFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === '.git') return [];
    return statSync(path).isDirectory() ? contextFiles(path) : [path];
  });
}

/**
 * Builds an app's container service from its own Dockerfile and build context, as the partner
 * ships it, with one substitution: its `FROM` becomes the harness's local Node image, because no
 * registry can be reached. Steps that need the partner's base image (RUN, which needs a shell)
 * are refused with a sentence saying so. Tagged by a digest of the context: unchanged, not rebuilt.
 */
export function ensureServiceImage(spec: ContainerSpec, baseTag: string): string {
  const dockerfile = readFileSync(join(spec.context, spec.dockerfile), 'utf8');
  const instructions = dockerfile.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const run = instructions.find((l) => /^RUN\s/i.test(l));
  if (run) throw new Error(`service ${spec.serviceKey}: its Dockerfile has "${run.slice(0, 60)}", which needs its own base image (${instructions.find((l) => /^FROM\s/i.test(l)) ?? 'FROM'}); no registry can be reached here to pull it`);
  const digest = createHash('sha256').update(baseTag);
  for (const file of contextFiles(spec.context)) digest.update(relative(spec.context, file)).update(readFileSync(file));
  const tag = `forge-conformance/service-${spec.serviceKey}:${digest.digest('hex').slice(0, 12)}`;
  if (imageExists(tag)) return tag;
  // The harness image's entry point is node itself; the partner's CMD names its own command.
  const rewritten = dockerfile
    .replace(/^\s*FROM\s+\S+.*$/im, `FROM ${baseTag}\nENTRYPOINT []\nENV PATH=/usr/local/bin`)
    .concat(`\nLABEL ${IMAGE_LABEL}=service\n`);
  docker(['build', '--quiet', '--tag', tag, '--file', '-', spec.context], { input: rewritten });
  removeEarlierBuilds(tag);
  return tag;
}
