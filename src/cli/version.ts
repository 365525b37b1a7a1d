import { readFileSync } from 'node:fs';

/** The harness's own version, as package.json states it; reports and certificates carry it. */
export const VERSION: string = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;
