import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HARNESS_ROOT } from '../common/harness-root';

/** The harness's own version, as package.json states it; reports and certificates carry it. */
export const VERSION: string = JSON.parse(readFileSync(join(HARNESS_ROOT, 'package.json'), 'utf8')).version;
