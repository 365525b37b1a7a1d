/**
 * A platform container's command: `<image> control|gateway|runtime|proxy` starts that role. One
 * image serves every role, so a harness change is one build, and the roles share one bundle.
 * Each role reads its configuration from the environment (role.ts).
 */
export {};

const ROLES: Record<string, () => Promise<unknown>> = {
  control: () => import('./control'),
  gateway: () => import('./gateway'),
  runtime: () => import('./runtime'),
  proxy: () => import('./proxy'),
};

const role = process.argv[2] ?? '';
if (ROLES[role]) await ROLES[role]();
else {
  console.error(`forge-conformance platform: unknown role "${role}": run the image with one of ${Object.keys(ROLES).join(', ')}`);
  process.exit(2);
}
