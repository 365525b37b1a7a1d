/**
 * The harness's layers, lowest first; a folder may import only from its own layer and those
 * below. Tests (`*.test.ts`) may import from any layer, and nothing imports them. No cycles,
 * type-only imports included. Checked by `npm test` (src/layers.test.ts), so a backward import
 * or a cycle fails CI with the rule it breaks.
 */
const LAYERS = [['common'], ['app'], ['platform'], ['stack'], ['conformance'], ['pact', 'hostile'], ['report'], ['run', 'nightly', 'build', 'mutate'], ['cli']];

const folder = (names) => `^src/(${names.join('|')})/`;
const layerRules = LAYERS.flatMap((names, index) => {
  const above = LAYERS.slice(index + 1).flat();
  return above.length === 0
    ? []
    : [
        {
          name: `${names.join('-')}-imports-no-layer-above`,
          comment: `src/${names.join(', src/')} sit below src/${above.join(', src/')}: pass what is needed down instead of importing it`,
          severity: 'error',
          from: { path: folder(names), pathNot: '\\.test\\.ts$' },
          to: { path: folder(above) },
        },
      ];
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'a cycle makes two modules one: break it by moving the shared piece down',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'platform-components-stay-apart',
      comment:
        'a platform component talks to another over HTTP; what they share lives in src/platform/{http,invocation} or model.ts and profile.ts, and only roles/ starts components',
      severity: 'error',
      from: { path: '^src/platform/(gateway|proxy|auth|admin|runtime|services|storage|events|sql)/', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/platform/roles/' },
    },
    {
      name: 'the-product-is-not-imported-by-its-tests-helpers',
      comment: 'src/ never imports the test tree (suites/, fixtures/, contracts/, bench/)',
      severity: 'error',
      from: { path: '^src/', pathNot: '\\.test\\.ts$' },
      to: { path: '^(suites|fixtures|contracts|bench)/' },
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '(^|/)node_modules/|^fixtures/apps/|^dist/' },
  },
};
