/** The app under test as the platform knows it, from the app model. */
import { basename } from 'node:path';
import type { ForgeApp } from '../../app/forge-app';
import { appUuid, developmentEnvironmentId, type PlatformApp, type Product } from '../model';

/** Confluence when the manifest has Confluence modules or listens to Confluence events; Jira otherwise. */
export function productOf(app: Pick<ForgeApp, 'modules'>): Product {
  const confluence = app.modules.some(
    (m) => m.type.startsWith('confluence:') || (Array.isArray(m.raw.events) && m.raw.events.some((e) => String(e).includes(':confluence:'))),
  );
  return confluence ? 'confluence' : 'jira';
}

/** The platform's view of a loaded app; undefined when its manifest has no usable app.id. */
export function platformAppOf(app: ForgeApp): (PlatformApp & { dir: string }) | undefined {
  const id = appUuid(app.appId);
  if (!id) return undefined;
  return { id, envId: developmentEnvironmentId(id), product: productOf(app), name: basename(app.dir), customScopes: app.customScopes, dir: app.dir };
}
