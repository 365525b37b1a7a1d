import { basename } from 'node:path';
import { PRODUCT_SCOPE } from './products';
import { API_ROUTE_OPERATIONS, type ForgeApp } from './forge-app';

export interface ScopeMappingDocument {
  app: { name: string; id: string | null };
  productScopes: readonly string[];
  routes: { key: string; operation: string; path: string; scopes: ScopeEntry[] }[];
  scopes: (ScopeEntry & { routes: { key: string; operation: string; path: string }[] })[];
}

interface ScopeEntry {
  name: string;
  displayName: string | null;
  description: string | null;
}

/**
 * The mapping of REST APIs to scopes that Marketplace asks partners to publish: every route with
 * the scopes it requires, and every scope with the routes it guards.
 */
export function scopeMapping(app: ForgeApp): ScopeMappingDocument {
  const declared = new Map(app.customScopes.map((s) => [s.name, s]));
  const entry = (name: string): ScopeEntry => ({
    name,
    displayName: declared.get(name)?.displayName ?? null,
    description: declared.get(name)?.description ?? null,
  });
  const routes = [...app.apiRoutes]
    .sort((a, b) => a.routePath.localeCompare(b.routePath) || API_ROUTE_OPERATIONS.indexOf(a.operation) - API_ROUTE_OPERATIONS.indexOf(b.operation))
    .map((r) => ({ key: r.key, operation: r.operation, path: r.routePath, scopes: r.scopes.map(entry) }));
  const names = [...new Set([...app.customScopes.map((s) => s.name), ...routes.flatMap((r) => r.scopes.map((s) => s.name))])];
  return {
    app: { name: basename(app.dir), id: app.appId ?? null },
    // Every call also needs one of these, whatever the route (facts.md §3).
    productScopes: Object.values(PRODUCT_SCOPE),
    routes,
    scopes: names.map((name) => ({
      ...entry(name),
      routes: routes.filter((r) => r.scopes.some((s) => s.name === name)).map(({ key, operation, path }) => ({ key, operation, path })),
    })),
  };
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (text: string) => `\`${text}\``;

export function scopeMappingMarkdown(doc: ScopeMappingDocument): string {
  const lines = [
    `# REST API scopes: ${doc.app.name}`,
    '',
    ...(doc.app.id ? [`App: ${code(doc.app.id)}`, ''] : []),
    "Every call to this app's REST API needs a 3LO access token that holds the scopes listed for its route",
    `and the product scope ${doc.productScopes.map(code).join(' or ')} for the product the app is installed in.`,
    '',
    '## Routes',
    '',
  ];
  if (doc.routes.length === 0) lines.push('The app exposes no REST API routes.', '');
  else {
    lines.push('| Operation | Path | Scopes required |', '| --- | --- | --- |');
    for (const r of doc.routes) {
      lines.push(`| ${r.operation} | ${code(r.path)} | ${r.scopes.map((s) => `${cell(s.displayName ?? s.name)} (${code(s.name)})`).join('<br>')} |`);
    }
    lines.push('');
  }
  lines.push('## Scopes', '');
  for (const s of doc.scopes) {
    lines.push(`### ${cell(s.displayName ?? s.name)}`, '', `Scope: ${code(s.name)}`, '');
    if (s.description) lines.push(s.description, '');
    lines.push(s.routes.length ? 'Guards:' : 'Guards no route.', ...s.routes.map((r) => `- ${r.operation} ${code(r.path)}`), '');
  }
  return lines.join('\n');
}
