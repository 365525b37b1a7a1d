/**
 * A handler defect without touching the app's own code: a module beside the handler's that loads
 * the original and wraps it, and the function's `handler:` pointed at the wrapper. The wrapper
 * speaks the function contract (a request in, `{statusCode, headers, body}` out) and the platform
 * cannot tell it from the app's code, which is what a mutant must be.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { ApiRoute, ForgeApp } from '../app/forge-app';
import { resolveHandler } from '../app/handler-reference';
import { editManifest } from './manifest-edit';

/** Helpers every wrapper body may use: `handler` (the original), `token(request)`, `send(url, init)`. */
const PRELUDE = `
const token = (request) => String(request?.headers?.authorization?.[0] ?? '').replace(/^Bearer\\s+/i, '');
const send = (url, init) => fetch(url, init).then((r) => r.arrayBuffer()).catch(() => undefined);
`;

/**
 * Wraps the function behind `route` in the copy: `body` is the wrapper's code, run with `request`,
 * `context` and the helpers above in scope. Undefined when the route's handler cannot be found.
 */
export function wrapRouteHandler(app: ForgeApp, route: ApiRoute, body: string): ((copy: string) => void) | undefined {
  const fn = app.functions.find((f) => f.key === route.function);
  if (!fn) return undefined;
  const resolved = resolveHandler(app, fn.handler);
  if (resolved.kind !== 'found') return undefined;
  const index = app.functions.indexOf(fn);
  const sourceDir = dirname(resolved.file);
  const original = `./${relative(sourceDir, resolved.file).split('\\').join('/')}`;
  const moduleDir = dirname(fn.handler.slice(0, fn.handler.lastIndexOf('.')));
  const wrapperName = `forge-conformance-mutant-${index}`;
  return (copy) => {
    const copiedDir = join(copy, relative(app.dir, sourceDir));
    writeFileSync(
      join(copiedDir, `${wrapperName}.mjs`),
      [
        `// A mutant of ${fn.handler}, written by forge-conformance mutate.`,
        `const loaded = await import(${JSON.stringify(original)});`,
        `const handler = loaded[${JSON.stringify(resolved.exportName)}] ?? loaded.default?.[${JSON.stringify(resolved.exportName)}];`,
        PRELUDE,
        `export const ${resolved.exportName} = async (request, context) => {\n  ${body}\n};`,
        '',
      ].join('\n'),
    );
    const reference = `${moduleDir === '.' ? '' : `${moduleDir}/`}${wrapperName}.${resolved.exportName}`;
    editManifest(copy, (manifest) => manifest.setIn([...fn.path, 'handler'], reference));
  };
}
