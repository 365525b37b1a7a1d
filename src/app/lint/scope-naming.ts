import type { ForgeApp } from '../forge-app';
import { finding, type Finding } from '../findings';
import { allScopeNames, scopeLocation } from './scope-names';

const VERBS = new Set([
  'read',
  'write',
  'create',
  'update',
  'delete',
  'manage',
  'admin',
  'execute',
  'run',
  'view',
  'edit',
  'approve',
  'submit',
  'export',
  'import',
  'send',
  'trigger',
  'configure',
  'search',
]);
const CATCH_ALL = new Set(['all', 'any', 'everything', 'full', 'full-access', 'fullaccess', 'api', 'app', 'access', 'data', '*']);

/** Atlassian's advice: verb + noun (`read:employee:custom`), and no catch-all scopes. */
export function scopeNaming(app: ForgeApp): Finding[] {
  return allScopeNames(app).flatMap((name) => {
    const [verb, ...rest] = name.replace(/:custom$/, '').split(':');
    const problem =
      rest.length === 0
        ? 'has no verb:noun form'
        : !VERBS.has(verb!.toLowerCase())
          ? `starts with "${verb}", which is not a verb such as read, write or delete`
          : rest.some((part) => CATCH_ALL.has(part.toLowerCase()))
            ? 'is a catch-all scope'
            : undefined;
    return problem === undefined
      ? []
      : [
          finding('SCOPE-NAMING', {
            ...scopeLocation(app, name),
            message: `${name} ${problem}`,
            hint: 'Name scopes verb:noun:custom after one logical permission, e.g. read:employee:custom or delete:employee:custom.',
          }),
        ];
  });
}
