import { relative, sep } from 'node:path';
import type { ForgeApp } from '../forge-app';
import { finding, type Finding } from '../findings';
import { resolveHandler } from '../handler-reference';
import { exportedNames, ModuleParseError } from '../module-exports';
import { inManifest } from './rule';

/** Every function's handler must be a file under the source directory that exports it. */
export async function handlerExports(app: ForgeApp): Promise<Finding[]> {
  const exportsByFile = new Map<string, Promise<Set<string>>>();
  const findings = await Promise.all(
    app.functions.map(async (fn): Promise<Finding[]> => {
      const where = [...fn.path, 'handler'];
      const resolution = resolveHandler(app, fn.handler);
      if (resolution.kind === 'invalid') {
        return [
          inManifest(
            app,
            'HANDLER-FILE-MISSING',
            where,
            `function "${fn.key}": handler ${resolution.reason}`,
            'Write the handler as <module>.<export>, e.g. index.handler for export `handler` of src/index.ts.',
          ),
        ];
      }
      if (resolution.kind === 'no-file') {
        return [
          inManifest(
            app,
            'HANDLER-FILE-MISSING',
            where,
            `function "${fn.key}": handler "${fn.handler}" needs ${resolution.tried[0]!.replace(/\.ts$/, '.{ts,tsx,js,mjs,cjs,jsx}')}, which does not exist`,
            `Create that file with \`export const ${resolution.exportName} = …\`, or point the handler at an existing module under ${resolution.sourceDir}/.`,
          ),
        ];
      }
      const shownFile = relative(app.dir, resolution.file).split(sep).join('/');
      if (!exportsByFile.has(resolution.file)) exportsByFile.set(resolution.file, exportedNames(resolution.file));
      try {
        const names = await exportsByFile.get(resolution.file)!;
        if (names.has(resolution.exportName)) return [];
        const others = [...names].filter((n) => n !== 'default');
        return [
          inManifest(
            app,
            'HANDLER-EXPORT-MISSING',
            where,
            `function "${fn.key}": ${shownFile} does not export "${resolution.exportName}"${others.length ? ` (it exports ${others.join(', ')})` : ''}`,
            `Export it by name (\`export const ${resolution.exportName} = async (request, context) => …\`) or fix the handler reference; a default export does not count.`,
          ),
        ];
      } catch (error) {
        if (!(error instanceof ModuleParseError)) throw error;
        return [
          finding('HANDLER-UNPARSABLE', {
            file: shownFile,
            at: { line: error.line, column: error.column },
            message: `${shownFile} cannot be parsed: ${error.message} (line ${error.line}, column ${error.column})`,
            hint: `Fix the syntax error; function "${fn.key}" cannot be loaded until then.`,
          }),
        ];
      }
    }),
  );
  // One unparsable file is reported once, however many functions point at it.
  const seen = new Set<string>();
  return findings.flat().filter((f) => f.id !== 'HANDLER-UNPARSABLE' || (!seen.has(f.file) && seen.add(f.file)));
}
