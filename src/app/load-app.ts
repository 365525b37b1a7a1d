/** Loading an app directory into the app model, refusing what is no Forge app with one sentence. */
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppLoadError } from './app-load-error';
import { isRecord } from '../common/is-record';
import { readCustomScopes, readManifest, type ForgeApp } from './forge-app';
import { YamlFile } from './yaml-file';

export const MANIFEST_FILE = 'manifest.yml';
export const CUSTOM_SCOPES_FILE = 'custom-scopes.yaml';

/** Other tools' manifests that people point us at by mistake, told apart by a top-level key. */
const FOREIGN_MANIFESTS: [test: (data: Record<string, unknown>) => boolean, looksLike: string][] = [
  [(d) => 'applications' in d, 'a Cloud Foundry manifest (`applications:`)'],
  [(d) => 'apiVersion' in d && 'kind' in d, 'a Kubernetes resource (`apiVersion:` and `kind:`)'],
  [(d) => 'services' in d && !('app' in d), 'a Docker Compose file (`services:`)'],
  [(d) => '_schema-version' in d, 'an SAP multi-target application descriptor (`_schema-version:`)'],
  [(d) => 'baseUrl' in d && 'key' in d, 'an Atlassian Connect descriptor (`baseUrl:` and `key:`)'],
];

/**
 * Reads an app directory into the app model. Throws AppLoadError when there is nothing to check
 * (no directory, no manifest, not a Forge manifest); syntax errors inside the app's files are
 * not thrown: they are findings, kept on the returned files.
 */
export function loadApp(appDir: string): ForgeApp {
  const dir = resolve(appDir);
  const stat = statSync(dir, { throwIfNoEntry: false });
  if (!stat) throw new AppLoadError(`${appDir} does not exist: give the path of a Forge app directory (the one holding manifest.yml).`);
  if (!stat.isDirectory()) throw new AppLoadError(`${appDir} is a file, not a directory: give the directory that holds manifest.yml.`);

  const manifestText = readText(dir, MANIFEST_FILE);
  if (manifestText === undefined) {
    throw new AppLoadError(`${appDir} has no ${MANIFEST_FILE}: give the directory you run \`forge deploy\` in.`);
  }
  const manifestFile = YamlFile.parse(MANIFEST_FILE, manifestText);
  const data = manifestFile.data;
  if (manifestFile.syntaxErrors.length === 0) assertForgeManifest(data, join(appDir, MANIFEST_FILE));

  const scopesText = readText(dir, CUSTOM_SCOPES_FILE);
  const customScopesFile = scopesText === undefined ? undefined : YamlFile.parse(CUSTOM_SCOPES_FILE, scopesText);

  return {
    dir,
    manifestFile,
    customScopesFile,
    ...readManifest(isRecord(data) ? data : {}),
    customScopes: readCustomScopes(customScopesFile?.data),
  };
}

function readText(dir: string, name: string): string | undefined {
  const path = join(dir, name);
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return undefined;
  if (!stat.isFile()) throw new AppLoadError(`${name} in ${dir} is not a regular file: replace it with the YAML file itself.`);
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new AppLoadError(`cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}): check its permissions.`);
  }
}

function assertForgeManifest(data: unknown, shownPath: string): asserts data is Record<string, unknown> {
  if (!isRecord(data)) {
    throw new AppLoadError(`${shownPath} is not a Forge manifest: it is empty or not a YAML mapping; a Forge manifest starts with \`app:\` and \`modules:\`.`);
  }
  if ('app' in data || 'modules' in data) return;
  const looksLike = FOREIGN_MANIFESTS.find(([test]) => test(data))?.[1];
  throw new AppLoadError(
    `${shownPath} is not a Forge manifest${looksLike ? `: it looks like ${looksLike}` : ': it has neither `app:` nor `modules:`'}; point forge-conformance at a Forge app directory.`,
  );
}
