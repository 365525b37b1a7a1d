import { createHash } from 'node:crypto';
import type { CustomScope } from '../app/forge-app';
import type { Product } from '../app/products';

/**
 * The platform's shared terms: the products an app is installed in and the scope a caller needs
 * for each, the audience of tokens, and the app under test as the platform knows it. Every
 * component and both stacks take them from here.
 */
export { PRODUCT_SCOPE, PRODUCTS, type Product } from '../app/products';

/** The audience of 3LO access tokens, and the absolute resource oidc-provider needs for it. */
export const AUDIENCE = 'api.atlassian.com';
export const RESOURCE = 'https://api.atlassian.com';

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
