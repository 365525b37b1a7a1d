/**
 * The function host without a network, where the operating system allows it: started in a
 * network namespace of its own (Linux's `unshare`, in a user namespace, so no privilege is
 * needed where those are enabled), where no address answers, not even loopback. Its only way
 * out is the egress proxy's Unix socket, which the runtime's own requests use. So what the
 * in-process interception cannot reach (a process the app spawns, Node's raw bindings, UDP)
 * reaches nothing either. Elsewhere hosts run as before, and docs/platform.md says what that leaves open.
 */
import { spawnSync } from 'node:child_process';

let available: boolean | undefined;

/** Whether hosts can be started without a network on this machine (checked once: `unshare -rn true`). */
export function hostIsolationAvailable(): boolean {
  available ??= process.platform === 'linux' && spawnSync('unshare', ['-rn', 'true'], { stdio: 'ignore', timeout: 5_000 }).status === 0;
  return available;
}

/** The argument that tells a host the proxy's socket (host.ts takes it out of `process.argv` before the app's code runs). */
export const PROXY_SOCKET_ARG = '--forge-conformance-proxy-socket';

/** What `fork` needs to start a host without a network: `unshare` runs Node, which keeps the IPC channel it inherits. */
export function isolatedFork(execArgv: readonly string[]): { execPath: string; execArgv: string[] } {
  return { execPath: 'unshare', execArgv: ['-rn', process.execPath, ...execArgv] };
}

/** In the host: the proxy's socket, if it was given one, taken out of the arguments the app sees. */
export function takeProxySocket(): string | undefined {
  const at = process.argv.indexOf(PROXY_SOCKET_ARG);
  if (at < 0) return undefined;
  const [, socket] = process.argv.splice(at, 2);
  return socket;
}
