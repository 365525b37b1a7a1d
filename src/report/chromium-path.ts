/** Debian's Chromium (environment.md): Playwright's own browser download cannot run on these machines. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
