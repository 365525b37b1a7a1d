import type { ForgeApp } from '../forge-app';
import { finding, type Finding } from '../findings';
import type { YamlFile } from '../yaml-file';

/**
 * A YAML syntax error names file, line and column; nothing else can be checked in that file.
 * Only the first error of a file is reported: the ones after it are mostly its echoes.
 */
export function yamlSyntax(app: ForgeApp): Finding[] {
  const inFile = (file: YamlFile | undefined, id: 'MANIFEST-YAML-SYNTAX' | 'SCOPES-YAML-SYNTAX') =>
    (file?.syntaxErrors ?? []).slice(0, 1).map(({ message, line, column }) =>
      finding(id, {
        file: file!.relativePath,
        at: { line, column },
        message: `${message} (line ${line}, column ${column})`,
        hint: 'Fix the YAML at that line (indentation, an unclosed bracket or quote, a repeated key); the other checks run once it parses.',
      }),
    );
  return [...inFile(app.manifestFile, 'MANIFEST-YAML-SYNTAX'), ...inFile(app.customScopesFile, 'SCOPES-YAML-SYNTAX')];
}
