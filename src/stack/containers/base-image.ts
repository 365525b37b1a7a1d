import { ensureScratchImage } from './scratch-image';

/**
 * The base image every role runs on: `FROM scratch` with this machine's Node binary (the pinned
 * Node 24) and exactly the libraries it links, nothing else.
 */
export function ensureBaseImage(nodeBinary: string = process.execPath): { tag: string; built: boolean; ms: number } {
  return ensureScratchImage({
    repository: 'forge-conformance/node',
    version: process.versions.node,
    binaries: { [nodeBinary]: '/usr/local/bin/node' },
    instructions: ['ENV HOME=/tmp', 'ENTRYPOINT ["/usr/local/bin/node"]'],
    kind: 'base',
  });
}
