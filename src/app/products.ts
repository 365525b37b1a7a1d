/**
 * The products an app is installed in, and the product scope a caller of its REST API needs in
 * each besides the route's own scopes (facts.md §3). The one place the scope is named.
 */
export type Product = 'jira' | 'confluence';
export const PRODUCTS: readonly Product[] = ['jira', 'confluence'];

/** The product scope a caller needs besides the route's scopes. */
export const PRODUCT_SCOPE: Record<Product, string> = {
  jira: 'read:forge-app:jira',
  confluence: 'read:forge-app:confluence',
};

const PRODUCT_NAME: Record<Product, string> = { jira: 'Jira', confluence: 'Confluence' };

/** What a consent screen says of each product scope. */
export const PRODUCT_SCOPE_TEXT: Record<string, { displayName: string; description: string }> = Object.fromEntries(
  PRODUCTS.map((product) => [
    PRODUCT_SCOPE[product],
    {
      displayName: `Call Forge app REST APIs in ${PRODUCT_NAME[product]}`,
      description: `Call the REST APIs of Forge apps installed in ${PRODUCT_NAME[product]} on your behalf.`,
    },
  ]),
);
