import { ControlApiError } from './http-json';

/**
 * Just enough of a browser for the login and consent pages: cookies, redirects and form posts.
 * It stops at the client's `/callback` redirect, leaving the code in the final URL.
 */
export class PageSession {
  private readonly cookies = new Map<string, string>();

  async follow(url: string, form?: Record<string, string | string[]>): Promise<Response> {
    let method = form ? 'POST' : 'GET';
    let body: string | undefined;
    if (form) {
      const params = new URLSearchParams();
      for (const [name, value] of Object.entries(form)) for (const v of [value].flat()) params.append(name, v);
      body = params.toString();
    }
    let current = url;
    for (let hops = 0; hops < 10; hops++) {
      const response = await fetch(current, {
        method,
        redirect: 'manual',
        headers: { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '), ...(body && { 'content-type': 'application/x-www-form-urlencoded' }) },
        ...(body && { body }),
      });
      for (const cookie of response.headers.getSetCookie()) {
        const [pair] = cookie.split(';');
        const at = pair!.indexOf('=');
        this.cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
      }
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) {
        Object.defineProperty(response, 'url', { value: current });
        return response;
      }
      current = new URL(location, current).href;
      // The redirect URI is the client's, not ours to load: stop there with the code in the URL.
      if (new URL(current).pathname === '/callback') {
        return Object.defineProperty(new Response(''), 'url', { value: current });
      }
      method = 'GET';
      body = undefined;
    }
    throw new ControlApiError(508, `too many redirects from ${url}`);
  }
}
