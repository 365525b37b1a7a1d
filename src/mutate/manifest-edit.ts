/** Edits a copy's manifest.yml in place through yaml's document model, so the rest of the file is kept as written. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, type Document } from 'yaml';

export function editManifest(copy: string, edit: (manifest: Document.Parsed) => void): void {
  const file = join(copy, 'manifest.yml');
  const manifest = parseDocument(readFileSync(file, 'utf8'));
  edit(manifest);
  writeFileSync(file, manifest.toString());
}
