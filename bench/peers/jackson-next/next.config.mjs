import { fileURLToPath } from 'node:url';

/**
 * Bench S13's "Jackson as its service ships" host (README, _Beside BoxyHQ Jackson_): of the
 * service's next.config.js (ory/polis v26.2.0), the settings that act on an API request, namely
 * its locale set-up (pages-router i18n, one locale) and the three headers it adds to every
 * answer. Its `output: 'standalone'` is left out: the service starts that copy's server.js, which
 * runs the same server (`startServer`) as `next start` does here. So are its webpack ignores of
 * optional database drivers, which matter only when webpack bundles the library; here Next.js
 * leaves it in node_modules (the pages router's default).
 *
 * The bench installs this app in a folder inside Jackson's cache folder, whose node_modules hold
 * Jackson's library: that parent is the app's root for Next.js's file tracing.
 */
export default {
  outputFileTracingRoot: fileURLToPath(new URL('..', import.meta.url)),
  reactStrictMode: true,
  i18n: { defaultLocale: 'en', locales: ['en'] },
  async headers() {
    return [
      {
        source: '/(.*?)',
        headers: [
          { key: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains;' },
          { key: 'X-Frame-Options', value: 'SAMEORIGIN' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
        ],
      },
    ];
  },
};
