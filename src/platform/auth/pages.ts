/** The 3LO server's HTML pages: log in, consent, messages, the callback. */
import type { CustomScope } from '../../app/forge-app';
import type { Site, User } from '../admin/directory';
import { html } from '../http/respond';
import { PRODUCT_SCOPE_TEXT } from './product-scopes';

const layout = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${html(title)}</title>
<style>body{font:15px system-ui,sans-serif;margin:2rem auto;max-width:40rem;color:#172b4d}fieldset{border:1px solid #dfe1e6;margin:1rem 0}label{display:block;margin:.6rem 0}small{display:block;color:#5e6c84;margin-left:1.6rem}button{padding:.4rem 1rem;margin-right:.5rem}</style>
</head><body>${body}</body></html>`;

/** "Log in": pick one of the platform's users (there are no passwords in the emulator). */
export function loginPage(uid: string, users: User[], error?: string): string {
  const choices = users.map((u) => `<button type="submit" name="accountId" value="${html(u.accountId)}">${html(u.name)} (${html(u.email)})</button>`);
  return layout(
    'Log in',
    `<h1>Log in to continue</h1>
${error ? `<p role="alert">${html(error)}</p>` : ''}
${users.length ? `<form method="post" action="/interaction/${html(uid)}/login">${choices.join('<br>')}</form>` : '<p>There are no users yet: create one through the admin API.</p>'}`,
  );
}

export interface ConsentView {
  uid: string;
  appName: string;
  user: User;
  /** Sites where the user is a member and the app is installed. */
  sites: Site[];
  /** The scopes the app asks for, in request order. */
  scopes: string[];
  customScopes: readonly CustomScope[];
  /** Shown when the request did not name the app (no or unknown `sns`): custom scopes were dropped. */
  droppedCustomScopes: boolean;
}

/** The consent screen: pick the site; every requested scope, with its text, can be unticked. */
export function consentPage(view: ConsentView): string {
  if (view.sites.length === 0) {
    return layout(
      'Access denied',
      `<h1>${html(view.appName)} cannot be authorized</h1>
<p role="alert">${html(view.user.name)} is not a member of any site where ${html(view.appName)} is installed. Only members of such a site can grant it access.</p>
<form method="post" action="/interaction/${html(view.uid)}/abort"><button type="submit">Cancel</button></form>`,
    );
  }
  const describe = (name: string) => {
    const custom = view.customScopes.find((s) => s.name === name);
    return custom
      ? { displayName: custom.displayName ?? name, description: custom.description ?? '' }
      : (PRODUCT_SCOPE_TEXT[name] ?? { displayName: name, description: '' });
  };
  const scopes = view.scopes.map((name) => {
    const { displayName, description } = describe(name);
    return `<label><input type="checkbox" name="scope" value="${html(name)}" checked> ${html(displayName)} <code>${html(name)}</code><small>${html(description)}</small></label>`;
  });
  const sites = view.sites.map((s) => `<option value="${html(s.cloudId)}">${html(s.name)} (${html(s.url)})</option>`);
  return layout(
    `Authorize ${view.appName}`,
    `<h1>${html(view.appName)} wants access to your Atlassian account</h1>
<p>Logged in as ${html(view.user.name)}.</p>
${view.droppedCustomScopes ? '<p role="note">This app requested no supported scopes of its own: the request did not name it (missing sns).</p>' : ''}
<form method="post" action="/interaction/${html(view.uid)}/consent">
<label>Use app on <select name="cloudId">${sites.join('')}</select></label>
<fieldset><legend>This app will be able to</legend>${scopes.join('') || '<p>Nothing: no scopes were requested.</p>'}</fieldset>
<button type="submit">Accept</button>
</form>
<form method="post" action="/interaction/${html(view.uid)}/abort"><button type="submit">Cancel</button></form>`,
  );
}

export function messagePage(title: string, text: string): string {
  return layout(title, `<h1>${html(title)}</h1><p role="alert">${html(text)}</p>`);
}

/** Where the emulator's own redirect URI lands: shows the code, as a developer console would. */
export function callbackPage(params: URLSearchParams): string {
  const code = params.get('code');
  const error = params.get('error');
  return layout(
    'Authorization result',
    code
      ? `<h1>Authorization code</h1><p><output id="code">${html(code)}</output></p><p>State: <output id="state">${html(params.get('state') ?? '')}</output></p>`
      : `<h1>Authorization failed</h1><p role="alert"><output id="error">${html(error ?? 'no code')}</output> ${html(params.get('error_description') ?? '')}</p>`,
  );
}
