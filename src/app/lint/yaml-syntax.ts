import type { ForgeApp } from '../forge-app';
import { finding, type Finding } from '../findings';
import type { YamlFile } from '../yaml-file';

/** A YAML syntax error names file, line and column; nothing else can be checked in that file. */
export function yamlSyntax(app: ForgeApp): Finding[] {
  const inFile = (file: YamlFile | undefined, id: 'MANIFEST-YAML-SYNTAX' | 'SCOPES-YAML-SYNTAX') =>
    (file?.syntaxErrors ?? []).map(({ message, line, column }) =>
      finding(id, {
        file: file!.relativePath,
        at: { line, column },
        message: `${file!.relativePath}:${line}:${column}: ${message}`,
        hint: 'Fix the YAML at that line (indentation, an unclosed bracket or quote, a repeated key); the other checks run once it parses.',
      }));
  return [...inFile(app.manifestFile, 'MANIFEST-YAML-SYNTAX'), ...inFile(app.customScopesFile, 'SCOPES-YAML-SYNTAX')];
}
