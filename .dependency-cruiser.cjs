'use strict';
/**
 * The layering rules of src/ (README "Code layout"), checked in CI by `.ci/run`:
 *   platform  (config, db, logging, crypto, metrics, workers: shared machinery)
 *   directory, tenants, scim, mail, welcome, events, sign-in  (capabilities)
 *   admin, ui  (presentation over the capabilities)
 *   app, main.ts, cli.ts  (the composition root)
 * Each rule is named after what it protects.
 */
const CAPABILITIES = '(scim|directory|tenants|welcome|mail|events|admin|ui|sign-in)';

module.exports = {
  forbidden: [
    {
      name: 'no-import-cycles',
      comment: 'A cycle makes two modules one: neither can be understood, tested or moved alone.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'platform-is-the-floor',
      comment:
        'Shared machinery (outbox worker, leases, config, metrics) serves every capability and imports none.',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: `^src/(app|${CAPABILITIES})/` },
    },
    {
      name: 'capabilities-do-not-reach-into-the-composition-root',
      comment:
        'src/app builds the capabilities; a capability that imports it depends on everything. Declare a Deps type instead.',
      severity: 'error',
      from: { path: `^src/${CAPABILITIES}/` },
      to: { path: '^src/(app/|main\\.ts$|cli\\.ts$)' },
    },
    {
      name: 'sign-in-declares-its-deps',
      comment:
        'The sign-in capability is built from its SignInDeps only (issue 20): no app context, no admin or ui code.',
      severity: 'error',
      from: { path: '^src/sign-in/' },
      to: { path: '^src/(app|admin|ui)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/ui/admin/client/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
