/** What a handler module exports, read without running it. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { init as initCjsLexer, parse as parseCjs } from 'cjs-module-lexer';
import { init as initEsmLexer, parse as parseEsm } from 'es-module-lexer';
import { stop as stopEsbuild, transform, type Loader } from 'esbuild';

/** The extensions a handler module may have, in the order a reference is resolved. */
export const HANDLER_EXTENSIONS = ['ts', 'tsx', 'js', 'mjs', 'cjs', 'jsx'] as const;

export class ModuleParseError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    message: string,
  ) {
    super(message);
  }
}

/** Ends esbuild's compiler process, which would otherwise outlive a command that is done with it (another call starts a new one). */
export const stopCompiler = (): Promise<void> => stopEsbuild();

const LOADERS: Record<string, Loader> = { '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.tsx': 'tsx', '.jsx': 'jsx' };

/**
 * A module as JavaScript and its ES module lexing, without running it: TypeScript and JSX
 * compiled with esbuild (which drops imports used only as types), then es-module-lexer.
 */
export async function lexModule(file: string): Promise<{ source: string; code: string; esm: ReturnType<typeof parseEsm> }> {
  await initEsmLexer;
  const source = readFileSync(file, 'utf8');
  const loader = LOADERS[extname(file)];
  let code = source;
  if (loader) {
    try {
      code = (await transform(source, { loader, format: 'esm', sourcefile: file, logLevel: 'silent' })).code;
    } catch (error) {
      const first = (error as { errors?: { text: string; location?: { line: number; column: number } }[] }).errors?.[0];
      throw new ModuleParseError(file, first?.location?.line ?? 1, (first?.location?.column ?? 0) + 1, first?.text ?? String(error));
    }
  }
  try {
    return { source, code, esm: parseEsm(code, file) };
  } catch (error) {
    const { idx } = error as { idx?: number };
    const before = code.slice(0, idx ?? 0).split('\n');
    throw new ModuleParseError(file, before.length, (before.at(-1)?.length ?? 0) + 1, 'not valid JavaScript');
  }
}

/**
 * The names a module exports, found without running it: TypeScript and JSX are compiled with
 * esbuild, ES module exports read with es-module-lexer, CommonJS ones with cjs-module-lexer
 * (the lexer Node itself uses to expose CommonJS named exports). `export * from './x'` is
 * followed into relative modules.
 */
export async function exportedNames(file: string, seen = new Set<string>()): Promise<Set<string>> {
  const names = new Set<string>();
  if (seen.has(file)) return names;
  seen.add(file);
  await Promise.all([initEsmLexer, initCjsLexer()]);

  const { code, esm } = await lexModule(file);
  const [imports, exports, , hasModuleSyntax] = esm;
  const starSources: string[] = [];
  if (hasModuleSyntax) {
    for (const e of exports) names.add(e.n);
    for (const i of imports) {
      if (i.n && /^export\s*\*\s*from/.test(code.slice(i.ss, i.se))) starSources.push(i.n);
    }
  } else {
    const cjs = parseCjs(code);
    for (const name of cjs.exports) names.add(name);
    starSources.push(...cjs.reexports);
  }

  for (const specifier of starSources) {
    const target = specifier.startsWith('.') ? resolveRelative(dirname(file), specifier) : undefined;
    if (!target) continue;
    for (const name of await exportedNames(target, seen)) if (name !== 'default') names.add(name);
  }
  return names;
}

/** Resolves `./x`, `./x.js` (TypeScript style, meaning x.ts) and `./x/index`. */
export function resolveRelative(fromDir: string, specifier: string): string | undefined {
  const base = resolve(fromDir, specifier);
  const stem = base.replace(/\.(m|c)?js$/, '');
  const candidates = [base, ...HANDLER_EXTENSIONS.map((ext) => `${stem}.${ext}`), ...HANDLER_EXTENSIONS.map((ext) => `${base}/index.${ext}`)];
  return candidates.find((candidate) => existsSync(candidate) && extname(candidate) !== '');
}
