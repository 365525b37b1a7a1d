import type Provider from 'oidc-provider';
import type { AdminDirectory } from '../admin/directory';
import { readForm } from '../http/body';
import { sendHtml } from '../http/respond';
import type { Router } from '../http/router';
import type { GrantSites } from './grant-sites';
import { consentPage, loginPage, messagePage } from './pages';
import { type PlatformApp, scopeNamespace } from '../model';

interface InteractionOptions {
  provider: Provider;
  directory: AdminDirectory;
  app: PlatformApp;
  grantSites: GrantSites;
}

type Details = Awaited<ReturnType<Provider['interactionDetails']>>;

/**
 * The login and consent pages behind oidc-provider's interactions (facts.md §8). Consent offers only
 * sites where the user is a member and the app is installed; unticked scopes are explicitly
 * rejected on the grant (adaptation 3), and the chosen site is remembered (adaptation 2).
 */
export function addInteractionRoutes(router: Router, { provider, directory, app, grantSites }: InteractionOptions): void {
  const namespace = scopeNamespace(app);
  const eligibleSites = (accountId: string) => directory.sitesOf(accountId).filter((site) => directory.findInstallation(site.cloudId, app.id, app.envId));
  const requestedScopes = (details: Details) => {
    const missing = details.prompt.details as { missingOIDCScope?: string[]; missingResourceScopes?: Record<string, string[]> };
    return [...Object.values(missing.missingResourceScopes ?? {}).flat(), ...(missing.missingOIDCScope ?? [])];
  };
  const details = async (request: Parameters<Provider['interactionDetails']>[0], response: Parameters<Provider['interactionDetails']>[1]) => {
    try {
      return await provider.interactionDetails(request, response);
    } catch {
      return undefined;
    }
  };
  const expired = (response: Parameters<typeof sendHtml>[0]) =>
    sendHtml(response, 400, messagePage('This sign-in has expired', 'Start again from the app that sent you here.'));

  router
    .on('GET', '/interaction/:uid', async ({ request, response, params }) => {
      const interaction = await details(request, response);
      if (!interaction || interaction.uid !== params.uid) return expired(response);
      if (interaction.prompt.name === 'login') return sendHtml(response, 200, loginPage(interaction.uid, directory.allUsers()));
      const accountId = interaction.session!.accountId;
      sendHtml(
        response,
        200,
        consentPage({
          uid: interaction.uid,
          appName: app.name,
          user: directory.user(accountId),
          sites: eligibleSites(accountId),
          scopes: requestedScopes(interaction),
          customScopes: app.customScopes,
          droppedCustomScopes: interaction.params.sns !== namespace,
        }),
      );
    })
    .on('POST', '/interaction/:uid/login', async ({ request, response }) => {
      const interaction = await details(request, response);
      if (!interaction) return expired(response);
      const accountId = (await readForm(request)).get('accountId') ?? '';
      if (!directory.allUsers().some((u) => u.accountId === accountId)) {
        return sendHtml(response, 400, loginPage(interaction.uid, directory.allUsers(), 'Choose one of these users.'));
      }
      await provider.interactionFinished(request, response, { login: { accountId } }, { mergeWithLastSubmission: false });
    })
    .on('POST', '/interaction/:uid/consent', async ({ request, response }) => {
      const interaction = await details(request, response);
      if (!interaction || interaction.prompt.name !== 'consent') return expired(response);
      const accountId = interaction.session!.accountId;
      const form = await readForm(request);
      const cloudId = form.get('cloudId') ?? '';
      if (!eligibleSites(accountId).some((s) => s.cloudId === cloudId)) {
        return sendHtml(response, 403, messagePage('Access denied', 'Only members of a site where the app is installed can grant it access on that site.'));
      }
      const ticked = new Set(form.getAll('scope'));
      const grant = interaction.grantId
        ? (await provider.Grant.find(interaction.grantId))!
        : new provider.Grant({ accountId, clientId: interaction.params.client_id as string });
      const missing = interaction.prompt.details as { missingOIDCScope?: string[]; missingResourceScopes?: Record<string, string[]> };
      const split = (scopes: string[]) => [scopes.filter((s) => ticked.has(s)).join(' '), scopes.filter((s) => !ticked.has(s)).join(' ')] as const;
      if (missing.missingOIDCScope) {
        const [granted, rejected] = split(missing.missingOIDCScope);
        if (granted) grant.addOIDCScope(granted);
        if (rejected) grant.rejectOIDCScope(rejected);
      }
      for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
        const [granted, rejected] = split(scopes);
        if (granted) grant.addResourceScope(resource, granted);
        if (rejected) grant.rejectResourceScope(resource, rejected);
      }
      const grantId = await grant.save();
      grantSites.set(grantId, { cloudId, sns: interaction.params.sns === namespace ? namespace : undefined });
      await provider.interactionFinished(request, response, { consent: { grantId } }, { mergeWithLastSubmission: true });
    })
    .on('POST', '/interaction/:uid/abort', async ({ request, response }) => {
      if (!(await details(request, response))) return expired(response);
      await provider.interactionFinished(
        request,
        response,
        { error: 'access_denied', error_description: 'The user declined access.' },
        { mergeWithLastSubmission: false },
      );
    });
}
