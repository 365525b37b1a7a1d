import { html } from '../http/respond';
import type { Installation, Site } from './directory';

/**
 * The site admin's "Connected apps" page: one row per installed app, with its REST API switch.
 * `keyQuery` (`?key=…`) carries the control key on to the form, which a page cannot put in a header.
 */
export function connectedAppsPage(site: Site, installations: Installation[], app: { id: string; name: string }, keyQuery: string): string {
  const rows = installations.map((i) => {
    const state = i.restApiEnabled ? 'On' : 'Off';
    const action = i.restApiEnabled ? 'Turn off REST APIs' : 'Turn on REST APIs';
    const name = i.appId === app.id ? app.name : i.appId;
    return `<tr data-installation="${html(i.id)}">
      <td>${html(name)}</td><td>${html(i.product)}</td><td><code>${html(i.envId)}</code></td>
      <td><output aria-label="REST APIs of ${html(name)}">${state}</output></td>
      <td><form method="post" action="/sites/${html(encodeURIComponent(site.cloudId))}/connected-apps/${html(encodeURIComponent(i.id))}${html(keyQuery)}">
        <input type="hidden" name="enabled" value="${!i.restApiEnabled}">
        <button type="submit">${action}</button>
      </form></td></tr>`;
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Connected apps · ${html(site.name)}</title>
<style>body{font:15px system-ui,sans-serif;margin:2rem;color:#172b4d}table{border-collapse:collapse}td,th{padding:.5rem 1rem;border-bottom:1px solid #dfe1e6;text-align:left}button{padding:.35rem .8rem}</style>
</head><body>
<h1>Connected apps</h1>
<p>Site <strong>${html(site.name)}</strong> (<code>${html(site.url)}</code>). An app's REST APIs answer calls from outside Atlassian only while they are on; they are off until an admin turns them on.</p>
${rows.length ? `<table><thead><tr><th>App</th><th>Product</th><th>Environment</th><th>REST APIs</th><th></th></tr></thead><tbody>${rows.join('')}</tbody></table>` : '<p>No apps are installed on this site.</p>'}
</body></html>`;
}
