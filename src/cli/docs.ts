/** The `docs` command: the Marketplace scope-mapping document. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { AppLoadError } from '../app/app-load-error';
import { lintApp } from '../app/lint';
import { loadApp } from '../app/load-app';
import { stopCompiler } from '../app/module-exports';
import { scopeMapping, scopeMappingMarkdown } from '../app/scope-mapping';
import { EXIT, parseCommandLine, UsageError } from './command';
import { displayPath, type Terminal } from './terminal';
import { HARNESS_NAMES } from '../pact/harness-names';

export async function docsCommand(args: string[], terminal: Terminal): Promise<number> {
  const { values, positionals } = parseCommandLine(args, { out: { type: 'string' }, json: { type: 'boolean' } }, 1);
  if (values.out === '') throw new UsageError('--out needs a file name');
  const app = loadApp(positionals[0] ?? '.');
  const syntax = app.manifestFile.syntaxErrors[0] ?? app.customScopesFile?.syntaxErrors[0];
  if (syntax) {
    const file = app.manifestFile.syntaxErrors.length ? app.manifestFile : app.customScopesFile!;
    throw new AppLoadError(
      `${file.relativePath}:${syntax.line}:${syntax.column}: ${syntax.message}; fix it (see \`forge-conformance lint\`) before documenting scopes.`,
    );
  }
  const errors = (await lintApp(app, HARNESS_NAMES).finally(stopCompiler)).filter((f) => f.severity === 'error').length;
  if (errors) terminal.error(`warning: the app has ${errors} lint error(s); the document describes the manifest as written (run \`forge-conformance lint\`).`);

  const doc = scopeMapping(app);
  const asJson = values.json || (values.out !== undefined && extname(values.out).toLowerCase() === '.json');
  const text = asJson ? `${JSON.stringify(doc, null, 2)}\n` : scopeMappingMarkdown(doc);
  if (values.out === undefined) {
    terminal.out.write(text);
    return EXIT.ok;
  }
  const target = resolve(values.out);
  try {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  } catch (error) {
    throw new AppLoadError(`cannot write ${values.out} (${(error as NodeJS.ErrnoException).code ?? 'error'}): choose a path you can write to.`);
  }
  terminal.print(`Wrote the scope mapping of ${doc.routes.length} routes and ${doc.scopes.length} scopes to ${displayPath(target)}`);
  return EXIT.ok;
}
