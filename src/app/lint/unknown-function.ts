import type { ForgeApp } from '../forge-app';
import type { Finding } from '../findings';
import { inManifest } from './rule';

/** Every `function:` reference, on a module or in its `resolver`, must name a modules.function key. */
export function unknownFunction(app: ForgeApp): Finding[] {
  const declared = new Set(app.functions.map((f) => f.key));
  return app.modules.flatMap((module) => {
    const resolver = module.raw.resolver as Record<string, unknown> | undefined;
    const references = [
      { path: [...module.path, 'function'], name: module.raw.function },
      { path: [...module.path, 'resolver', 'function'], name: resolver?.function },
    ];
    return references
      .filter((ref): ref is { path: (string | number)[]; name: string } => typeof ref.name === 'string' && !declared.has(ref.name))
      .map(({ path, name }) =>
        inManifest(
          app,
          'FUNCTION-UNKNOWN',
          path,
          `${module.type} "${module.key ?? '?'}" calls function "${name}", which modules.function does not declare`,
          declared.size > 0
            ? `Use one of: ${[...declared].join(', ')}; or add a modules.function entry with key "${name}".`
            : `Add a modules.function entry with key "${name}" and a handler such as index.handler.`,
        ),
      );
  });
}
