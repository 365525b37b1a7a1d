import { Refusal } from '../../http/refusal';
import type { GatewayStep } from './step';
import { urlSite } from './url-site';

/** The site must exist (by cloudId, or by the host of a site-gateway URL) and have this app environment installed. */
export const installation: GatewayStep<'installation'> = async (call, { profile, directory, app }) => {
  const url = call.url;
  const reject = (reason: string) => Refusal.gateway('installation', profile.refusals.notInstalled, reason);
  const site = await urlSite(call, directory);
  if (!site) throw reject(url.cloudId ? `no site ${url.cloudId}` : `no site answers to the host ${url.host}`);
  if (url.appId !== app.id || url.envId !== app.envId) throw reject(`app ${url.appId}_${url.envId} is not the app under test`);
  const found = await directory.findInstallation(site.cloudId, url.appId, url.envId);
  if (!found) throw reject(`the app is not installed on ${site.cloudId}`);
  if (found.product !== url.product) throw reject(`the app is installed in ${found.product}, not ${url.product}`);
  call.site = site;
  call.installation = found;
};
