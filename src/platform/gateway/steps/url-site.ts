/** The site a call's URL names, looked up once per call whichever step asks first. */
import type { Site } from '../../admin/directory';
import type { DirectoryLookup } from '../../admin/directory-lookup';
import type { CallWith } from '../call';

/** By the URL's cloudId, or by the host of a site-gateway URL; undefined when no site answers. */
export async function urlSite(call: CallWith<'url'>, directory: DirectoryLookup): Promise<Site | undefined> {
  if (call.urlSite === undefined) {
    const { url } = call;
    call.urlSite = (url.cloudId ? await directory.findSite(url.cloudId) : await directory.siteByHost(url.host)) ?? null;
  }
  return call.urlSite ?? undefined;
}
