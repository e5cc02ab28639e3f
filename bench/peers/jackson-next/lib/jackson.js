import jackson from '@boxyhq/saml-jackson';

/**
 * One Jackson per process, started by the first request that needs it, as the service's
 * lib/jackson.ts does. The options are the bench's own, the same for every S13 host
 * (bench/peers/jackson-server.ts): JACKSON_DATABASE_URL and PORT come from the bench.
 */
export default function jacksonInstance() {
  if (!globalThis.benchJackson) {
    globalThis.benchJackson = jackson({
      externalUrl: `http://127.0.0.1:${process.env.PORT}`,
      samlPath: '/api/oauth/saml',
      scimPath: '/api/scim/v2.0',
      db: { engine: 'sql', type: 'postgres', url: process.env.JACKSON_DATABASE_URL },
      noAnalytics: true,
    });
  }
  return globalThis.benchJackson;
}
