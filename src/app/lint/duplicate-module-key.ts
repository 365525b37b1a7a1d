import type { ForgeApp } from '../forge-app';
import type { Finding } from '../findings';
import { inManifest } from './rule';

/** Module keys are unique across the whole manifest, whatever the module type. */
export function duplicateModuleKey(app: ForgeApp): Finding[] {
  const first = new Map<string, (typeof app.modules)[number]>();
  return app.modules.flatMap((module) => {
    if (!module.key) return [];
    const earlier = first.get(module.key);
    if (!earlier) {
      first.set(module.key, module);
      return [];
    }
    const line = app.manifestFile.positionOf([...earlier.path, 'key']).line;
    return [
      inManifest(
        app,
        'MODULE-KEY-DUPLICATE',
        [...module.path, 'key'],
        `module key "${module.key}" is used again (first by ${earlier.type} on line ${line})`,
        'Give every module, of any type, its own key.',
      ),
    ];
  });
}
