import type { ForgeApp } from '../forge-app';
import { finding, type Finding, type FindingId } from '../findings';
import type { DataPath } from '../yaml-file';

/**
 * The names the harness defines that an app's files may use: check ids (waivers) and the
 * platform's provider states (which an app's own states may not take). Passed in, so the app
 * layer depends on nothing above it.
 */
export interface HarnessNames {
  checkIds: readonly string[];
  platformStates: readonly string[];
}

/** One lint rule: reads the app model, returns its findings. Rules never throw for bad input. */
export type LintRule = (app: ForgeApp, names: HarnessNames) => Finding[] | Promise<Finding[]>;

/** A finding located in manifest.yml at `path` (at its key with `key: true`). */
export function inManifest(app: ForgeApp, id: FindingId, path: DataPath, message: string, hint: string, { key = false } = {}): Finding {
  return finding(id, { file: app.manifestFile.relativePath, at: app.manifestFile.positionOf(path, { key }), message, hint });
}
