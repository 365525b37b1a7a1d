import type { Product } from '../admin/directory';

/** The product scope a caller needs besides the route's scopes (platform.md §3). */
export const PRODUCT_SCOPE: Record<Product, string> = {
  jira: 'read:forge-app:jira',
  confluence: 'read:forge-app:confluence',
};

export const PRODUCT_SCOPE_TEXT: Record<string, { displayName: string; description: string }> = {
  'read:forge-app:jira': { displayName: 'Call Forge app REST APIs in Jira', description: 'Call the REST APIs of Forge apps installed in Jira on your behalf.' },
  'read:forge-app:confluence': { displayName: 'Call Forge app REST APIs in Confluence', description: 'Call the REST APIs of Forge apps installed in Confluence on your behalf.' },
  offline_access: { displayName: 'Stay connected', description: 'Keep access after you close the app, without asking you again (refresh tokens).' },
};

/** The audience of 3LO access tokens, and the absolute resource oidc-provider needs for it. */
export const AUDIENCE = 'api.atlassian.com';
export const RESOURCE = 'https://api.atlassian.com';
