import { CHECK_IDS } from '../../checks/catalogue';
import { ConformanceFileError, CONFORMANCE_FILE, loadConformanceFile, loadWaivers, type ConformanceFile } from '../conformance-file';
import type { ForgeApp } from '../forge-app';
import { finding, type Finding } from '../findings';

/**
 * The app's conformance.yaml and conformance.waivers.yaml, read exactly as the run reads them:
 * what would stop the run is an error here, so a partner sees it before starting one. An example
 * keyed by a route the manifest does not have is never used, which is worth a warning.
 */
export function conformanceFiles(app: ForgeApp): Finding[] {
  const findings: Finding[] = [];
  const read = <T>(load: () => T): T | undefined => {
    try {
      return load();
    } catch (error) {
      if (!(error instanceof ConformanceFileError)) throw error;
      findings.push(finding('CONFORMANCE-FILE', {
        file: error.file,
        ...(error.at && { at: error.at }),
        message: error.detail.replace(/\.$/, ''),
        hint: `The conformance run refuses to start until this is fixed; the README shows every field of ${error.file}.`,
      }));
      return undefined;
    }
  };
  const conformance = read(() => loadConformanceFile(app.dir));
  read(() => loadWaivers(app.dir, CHECK_IDS));
  return [...findings, ...unknownExampleRoutes(app, conformance)];
}

function unknownExampleRoutes(app: ForgeApp, conformance: ConformanceFile | undefined): Finding[] {
  const source = conformance?.source;
  if (!source) return [];
  const routeKeys = app.apiRoutes.map((route) => route.key);
  return Object.keys(conformance.examples).filter((key) => !routeKeys.includes(key)).map((key) => finding('CONFORMANCE-EXAMPLE-UNKNOWN-ROUTE', {
    file: CONFORMANCE_FILE,
    at: source.positionOf(['examples', key], { key: true }),
    message: `examples.${key} names no apiRoute module, so the matrix never uses it`,
    hint: `Key each example by an apiRoute module key: ${routeKeys.join(', ') || '(the manifest has none)'}.`,
  }));
}
