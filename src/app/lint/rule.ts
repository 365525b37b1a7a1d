import type { ForgeApp } from '../forge-app';
import { finding, type Finding, type FindingId } from '../findings';
import type { DataPath } from '../yaml-file';

/** One lint rule: reads the app model, returns its findings. Rules never throw for bad input. */
export type LintRule = (app: ForgeApp) => Finding[] | Promise<Finding[]>;

/** A finding located in manifest.yml at `path` (at its key with `key: true`). */
export function inManifest(app: ForgeApp, id: FindingId, path: DataPath, message: string, hint: string, { key = false } = {}): Finding {
  return finding(id, { file: app.manifestFile.relativePath, at: app.manifestFile.positionOf(path, { key }), message, hint });
}
