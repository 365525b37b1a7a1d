import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { CustomScope, ForgeApp } from '../../app/forge-app';
import type { Product } from '../admin/directory';

/** The app under test as the platform knows it: ids, name and the custom scopes it declares. */
export interface PlatformApp {
  /** The uuid of `app.id` (ari:cloud:ecosystem::app/<uuid>). */
  id: string;
  /** The product the app is installed in by default: Confluence for Confluence apps, Jira otherwise. */
  product: Product;
  /** The environment's id; deterministic per app so URLs stay the same across restarts. */
  envId: string;
  name: string;
  customScopes: readonly CustomScope[];
}

/** `<appId>.<envId>`: the `sns` parameter, and the prefix of the app's scopes in tokens. */
export const scopeNamespace = (app: Pick<PlatformApp, 'id' | 'envId'>) => `${app.id}.${app.envId}`;

export function appUuid(appAri: string | undefined): string | undefined {
  return /^ari:cloud:ecosystem::app\/([0-9a-f-]{36})$/i.exec(appAri ?? '')?.[1]?.toLowerCase();
}

/** A stable environment id for the app's development environment. */
export function developmentEnvironmentId(appId: string): string {
  const hex = createHash('sha256').update(`${appId}/development`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Confluence when the manifest has Confluence modules or listens to Confluence events; Jira otherwise. */
export function productOf(app: Pick<ForgeApp, 'modules'>): Product {
  const confluence = app.modules.some((m) => m.type.startsWith('confluence:') || (Array.isArray(m.raw.events) && m.raw.events.some((e) => String(e).includes(':confluence:'))));
  return confluence ? 'confluence' : 'jira';
}

/** The platform's view of a loaded app; undefined when its manifest has no usable app.id. */
export function platformAppOf(app: ForgeApp): (PlatformApp & { dir: string }) | undefined {
  const id = appUuid(app.appId);
  if (!id) return undefined;
  return { id, envId: developmentEnvironmentId(id), product: productOf(app), name: basename(app.dir), customScopes: app.customScopes, dir: app.dir };
}
