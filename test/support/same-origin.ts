import type { Test } from 'supertest';

/** The origin of the test PUBLIC_BASE_URL (test-app.ts `testConfig`). */
export const TEST_ORIGIN = 'https://scim.example.test';

/**
 * What a browser adds to a form post or a fetch made by one of our own pages: our origin in
 * `Origin` and `Sec-Fetch-Site: same-origin`. Supertest sends neither, and without them a
 * cookie-borne write or a public form is refused (src/tenants/same-origin.ts).
 */
export const fromOwnPage = (req: Test, origin = TEST_ORIGIN): Test =>
  req.set('Origin', origin).set('Sec-Fetch-Site', 'same-origin');
