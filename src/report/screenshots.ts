/**
 * The pictures a certificate shows of the app as people meet it: the consent screen a user sees
 * before the app may call its REST API, and the Connected apps page where a site admin switches
 * its REST APIs. Taken by the conformance run in Chromium (suites/screenshots.spec.ts) into the
 * run folder; the certificate says why when there are none.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SCREENSHOTS = [
  { file: 'consent.png', caption: 'The consent screen: the app asks a user for its scopes, each with its text' },
  { file: 'connected-apps.png', caption: "The Connected apps page: where a site admin turns the app's REST APIs on or off" },
] as const;

/** Left in the screenshots folder when none could be taken: one sentence why. */
export const NOT_TAKEN_FILE = 'not-taken.txt';

export interface Screenshots {
  /** File names under screenshots/, in SCREENSHOTS order. */
  taken: string[];
  /** Why there are none (or fewer), when so. */
  missing?: string;
}

export function screenshotsIn(runDir: string, target: string): Screenshots {
  const dir = join(runDir, 'screenshots');
  const taken = SCREENSHOTS.filter((s) => existsSync(join(dir, s.file))).map((s) => s.file);
  if (taken.length === SCREENSHOTS.length) return { taken };
  const why = existsSync(join(dir, NOT_TAKEN_FILE))
    ? readFileSync(join(dir, NOT_TAKEN_FILE), 'utf8').trim()
    : target === 'remote'
      ? 'a real deployment is not screenshot: its consent screen and admin pages are behind Atlassian logins'
      : 'the run took none (it stopped before, or ran only some checks)';
  return { taken, missing: why };
}

/** A screenshot as an image the page carries itself: opening the certificate loads nothing. */
export const inlinePng = (runDir: string, file: string) => `data:image/png;base64,${readFileSync(join(runDir, 'screenshots', file)).toString('base64')}`;
