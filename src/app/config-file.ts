/**
 * The harness's own YAML configuration files (the deployment file, nightly.yaml): read once, a
 * mapping with `version: 1`, and every mistake one sentence at its line.
 */
import { isRecord } from '../common/is-record';
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { AppLoadError } from './app-load-error';
import { YamlFile, type SourcePosition } from './yaml-file';

/** The file says something the run cannot use: `file:line: what to fix`. */
export class ConfigFileError extends AppLoadError {
  override name = 'ConfigFileError';
  constructor(file: string, at: SourcePosition | undefined, detail: string) {
    super(`${file}${at ? `:${at.line}` : ''}: ${detail}`);
  }
}

export interface ConfigFile {
  data: Record<string, unknown>;
  /** The error for the value at `at`, located at its line. */
  fail(at: (string | number)[], what: string): ConfigFileError;
}

/** Reads a version 1 configuration file; `missing` says what the file should have been. */
export function readConfigFile(path: string, { missing }: { missing: string }): ConfigFile {
  const name = basename(path);
  if (!existsSync(path)) throw new ConfigFileError(path, undefined, `does not exist: ${missing}`);
  const file = YamlFile.parse(name, readFileSync(path, 'utf8'));
  const syntax = file.syntaxErrors[0];
  if (syntax) throw new ConfigFileError(name, syntax, `${syntax.message}; fix the YAML.`);
  const data = file.data;
  if (!isRecord(data)) throw new ConfigFileError(name, undefined, 'must be a YAML mapping with `version: 1`.');
  const fail = (at: (string | number)[], what: string) => new ConfigFileError(name, file.positionOf(at), `${at.join('.')} ${what}.`);
  if (data.version !== 1) throw fail(['version'], 'must be 1');
  return { data, fail };
}
