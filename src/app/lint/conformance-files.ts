import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConformanceFileError, loadConformanceFile, loadWaivers, WAIVERS_FILE } from '../conformance-file';
import type { ForgeApp } from '../forge-app';
import { finding, type Finding } from '../findings';
import { YamlFile, type DataPath } from '../yaml-file';
import type { HarnessNames } from './rule';

/**
 * The app's conformance.yaml and conformance.waivers.yaml, read exactly as the run reads them:
 * what would stop the run is an error here, so a partner sees it before starting one. An example
 * or a waiver for a route the manifest does not have never applies, which is worth a warning.
 */
export function conformanceFiles(app: ForgeApp, { checkIds, platformStates }: HarnessNames): Finding[] {
  const findings: Finding[] = [];
  const read = <T>(load: () => T): T | undefined => {
    try {
      return load();
    } catch (error) {
      if (!(error instanceof ConformanceFileError)) throw error;
      for (const problem of [error, ...error.others])
        findings.push(
          finding('CONFORMANCE-FILE', {
            file: problem.file,
            ...(problem.at && { at: problem.at }),
            message: problem.detail.replace(/\.$/, ''),
            hint: `The conformance run refuses to start until this is fixed; docs/partners.md#conformanceyaml shows every field of ${problem.file}.`,
          }),
        );
      return undefined;
    }
  };
  const routeKeys = app.apiRoutes.map((route) => route.key);
  const unknownRoute = (file: YamlFile, path: DataPath, what: string, { key = false } = {}) =>
    finding('CONFORMANCE-UNKNOWN-ROUTE', {
      file: file.relativePath,
      at: file.positionOf(path, { key }),
      message: `${what} names no apiRoute module, so it never applies`,
      hint: `Name an apiRoute module key: ${routeKeys.join(', ') || '(the manifest has none)'}.`,
    });

  const conformance = read(() => loadConformanceFile(app.dir, platformStates));
  if (conformance?.source) {
    for (const key of Object.keys(conformance.examples)) {
      if (!routeKeys.includes(key)) findings.push(unknownRoute(conformance.source, ['examples', key], `examples.${key}`, { key: true }));
    }
  }
  const waivers = read(() => loadWaivers(app.dir, checkIds));
  if (waivers?.some((w) => w.route !== undefined && !routeKeys.includes(w.route))) {
    const file = YamlFile.parse(WAIVERS_FILE, readFileSync(join(app.dir, WAIVERS_FILE), 'utf8'));
    waivers.forEach((waiver, index) => {
      if (waiver.route !== undefined && !routeKeys.includes(waiver.route))
        findings.push(unknownRoute(file, ['waivers', index, 'route'], `the waiver of ${waiver.check} for route ${waiver.route}`));
    });
  }
  return findings;
}
