import { hashPassword } from '../../src/platform/crypto/secrets';
import { listeningServer } from './listen';
import { adminSession, createTestApp, scimToken, type TestApp } from './test-app';

export { HttpBrowser } from '../../bench/support/http-browser';

/** The app listening on a real loopback port whose PUBLIC_BASE_URL is that address. */
export interface ListeningApp {
  t: TestApp;
  baseUrl: string;
  admin: string;
  scim: string;
  close(): Promise<void>;
}

export async function startListeningApp(
  name: string,
  env: Record<string, string> = {},
  /** A second server of the same deployment: same database and PUBLIC_BASE_URL, its own port. */
  sharing?: ListeningApp,
): Promise<ListeningApp & { ownUrl: string }> {
  const { server, url: ownUrl } = await listeningServer();
  const baseUrl = sharing?.baseUrl ?? ownUrl;
  const t = await createTestApp(
    name,
    { PUBLIC_BASE_URL: baseUrl, ...env },
    { dbName: sharing?.t.dbName },
  ).catch((error: unknown) => {
    server.close(); // nothing else holds it yet
    throw error;
  });
  server.on('request', t.app);
  return {
    t,
    baseUrl,
    ownUrl,
    admin: await adminSession(t),
    scim: await scimToken(t),
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await t.close();
    },
  };
}

/** A SCIM user with a password already set (as after the welcome journey). */
export async function createUserWithPassword(
  app: ListeningApp,
  userName: string,
  password: string,
  tenantScim = app.scim,
): Promise<string> {
  const res = await app.t
    .http()
    .post('/scim/v2/Users')
    .set('Authorization', `Bearer ${tenantScim}`)
    .set('Content-Type', 'application/scim+json')
    .send({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName,
      name: { givenName: 'Ada', familyName: 'Lovelace' },
      emails: [{ value: userName, primary: true }],
    });
  if (res.status !== 201) throw new Error(`SCIM create: ${res.status} ${JSON.stringify(res.body)}`);
  const id = (res.body as { id: string }).id;
  await app.t.ctx.directory.users.collection.updateOne({ _id: id } as never, {
    $set: { passwordHash: await hashPassword(password) },
  });
  return id;
}
