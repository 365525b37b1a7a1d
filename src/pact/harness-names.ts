/** The harness's own names an app's files may refer to, for the app layer's loaders and lint rules. */
import type { HarnessNames } from '../app/lint/rule';
import { CHECK_IDS } from '../conformance/catalogue';
import { PLATFORM_STATES } from './platform-state-names';

export const HARNESS_NAMES: HarnessNames = { checkIds: CHECK_IDS, platformStates: Object.values(PLATFORM_STATES) };
