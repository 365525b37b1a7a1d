import { MAX_CUSTOM_SCOPES } from '../custom-scopes-schema';
import type { ForgeApp } from '../forge-app';
import { finding, type Finding } from '../findings';
import { allScopeNames } from './scope-names';

/** Forge allows at most 20 custom scopes per app and environment, declared or used. */
export function scopeCount(app: ForgeApp): Finding[] {
  const names = allScopeNames(app);
  if (names.length <= MAX_CUSTOM_SCOPES) return [];
  const file = app.customScopesFile ?? app.manifestFile;
  return [
    finding('SCOPES-TOO-MANY', {
      file: file.relativePath,
      at: file.positionOf(app.customScopesFile ? ['scopes'] : ['modules', 'apiRoute'], { key: true }),
      message: `the app uses ${names.length} custom scopes; Forge allows ${MAX_CUSTOM_SCOPES} per app and environment`,
      hint: 'Merge scopes that guard the same logical permission (e.g. one write:employee:custom for create and update). Scopes cannot be deleted once deployed, so plan names before the first deploy.',
    }),
  ];
}
