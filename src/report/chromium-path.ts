/** Debian's Chromium (facts.md §9): Playwright's own browser download cannot run on these machines. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
