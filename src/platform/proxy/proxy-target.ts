/** Reading a proxied request's target: `/proxy/{host}{path}` and the service and product routes. */
import { isLoopback } from '../http/loopback';

/**
 * `/proxy/{target}` → the upstream URL. The target is host and path without a scheme
 * (`httpbin.org/status/200`); https is implied. Parsing is WHATWG URL's, once: the allow-list
 * judges and the forwarder connects to this same object, so `allowed.com@evil`, percent-encoded
 * or mixed-case hosts and trailing dots cannot mean one host to the check and another to the
 * connection.
 */
export function parseProxyTarget(pathAndQuery: string): URL | undefined {
  const match = /^\/proxy\/(.+)$/s.exec(pathAndQuery);
  if (!match) return undefined;
  const target = match[1]!;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target) || target.startsWith('/')) return undefined;
  try {
    const url = new URL(`https://${target}`);
    if (!url.hostname) return undefined;
    return url;
  } catch {
    return undefined;
  }
}

/**
 * The URL a `/proxy/{target}` request is judged and forwarded as. The target form has no scheme
 * (https implied, as the Forge Containers REST API documents it); a function's request to an
 * `http:` URL comes from the runtime with its scheme in `TARGET_SCHEME`, so the egress matcher
 * judges the scheme the app used, as Forge's runtime does (facts.md §6): an entry without a scheme
 * allows https only. Loopback hosts are the harness's own servers, always judged as https.
 */
export function egressUrl(pathAndQuery: string, scheme: string | string[] | undefined): URL | undefined {
  const url = parseProxyTarget(pathAndQuery);
  if (!url || scheme === undefined || isLoopback(url)) return url;
  if (scheme !== 'http') return undefined;
  const plain = new URL(url.href);
  plain.protocol = 'http:';
  return plain;
}

/**
 * A path on a platform-known origin (a container service, a product) → the URL it reaches, or
 * undefined. The path must start with exactly one `/`: `//host`, `/\host` and their kin would read
 * as a new authority to a URL parser, so they are refused rather than resolved; and the result
 * must keep the base's origin, whatever the parser does with the rest.
 */
export function parseServiceTarget(base: string, pathAndQuery: string | undefined): URL | undefined {
  const path = pathAndQuery ?? '/';
  if (!/^\/(?![/\\])/.test(path) || path.includes('\\')) return undefined;
  try {
    const origin = new URL(base).origin;
    const url = new URL(`${origin}${path}`);
    return url.origin === origin ? url : undefined;
  } catch {
    return undefined;
  }
}
