/** What the consent page says of the scopes that are not the app's own. */
export const PRODUCT_SCOPE_TEXT: Record<string, { displayName: string; description: string }> = {
  'read:forge-app:jira': { displayName: 'Call Forge app REST APIs in Jira', description: 'Call the REST APIs of Forge apps installed in Jira on your behalf.' },
  'read:forge-app:confluence': {
    displayName: 'Call Forge app REST APIs in Confluence',
    description: 'Call the REST APIs of Forge apps installed in Confluence on your behalf.',
  },
  offline_access: { displayName: 'Stay connected', description: 'Keep access after you close the app, without asking you again (refresh tokens).' },
};
