/** The control plane as one process: the admin plane and the 3LO server, which share the directory. */
import { loadApp } from '../../app/load-app';
import { AdminDirectory } from '../admin/directory';
import { startAdminServer } from '../admin/server';
import { platformAppOf } from '../auth/app-identity';
import { startAuthServer } from '../auth/server';
import type { PlatformProfile } from '../profile';
import { roleMain } from './role';

export interface ControlConfig {
  appDir: string;
  profile: PlatformProfile;
  adminPort: number;
  authPort: number;
  testControls: boolean;
  redirectUris?: string[];
  controlKey: string;
}

await roleMain<ControlConfig>('control', async (config) => {
  const app = platformAppOf(loadApp(config.appDir))!;
  const directory = new AdminDirectory();
  const admin = await startAdminServer({ directory, app, controlKey: config.controlKey, port: config.adminPort });
  const auth = await startAuthServer({
    app,
    directory,
    profile: config.profile,
    testControls: config.testControls,
    redirectUris: config.redirectUris,
    controlKey: config.controlKey,
    port: config.authPort,
  });
  return { url: `${admin.url} ${auth.url}`, stop: async () => void (await Promise.all([admin.stop(), auth.stop()])) };
});
