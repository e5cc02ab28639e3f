import http from 'node:http';
import { freePort } from '../../src/platform/db/engine/run-command';
import { hashPassword } from '../../src/platform/crypto/secrets';
import { adminSession, createTestApp, scimToken, type TestApp } from './test-app';

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
  const port = await freePort();
  const ownUrl = `http://127.0.0.1:${port}`;
  const baseUrl = sharing?.baseUrl ?? ownUrl;
  const t = await createTestApp(
    name,
    { PUBLIC_BASE_URL: baseUrl, ...env },
    { dbName: sharing?.t.dbName },
  );
  const server = http.createServer(t.app);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
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

/**
 * A browser without a browser: follows the provider's redirects with a cookie jar and answers
 * the login form, as a person would. Returns the URL the provider finally sends it to.
 */
export class HttpBrowser {
  private readonly jar = new Map<string, string>();
  /** Origins it follows redirects on (one deployment's servers); `origin` is where forms come from. */
  readonly origins = new Set<string>();
  constructor(private readonly origin: string) {
    this.origins.add(origin);
  }

  private remember(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  private cookie() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: this.cookie() },
    });
    this.remember(res);
    return res;
  }

  /** Follows redirects on our origin; stops at the first page (200) or at another origin. */
  async follow(url: string): Promise<{ url: string; res: Response }> {
    let current = url;
    for (let i = 0; i < 10; i++) {
      if (!this.origins.has(new URL(current).origin)) return { url: current, res: new Response() };
      const res = await this.request(current);
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) return { url: current, res };
      current = new URL(location, current).href;
    }
    throw new Error('too many redirects');
  }

  /** Posts the interaction's login form; follows on to wherever the provider sends the browser. */
  async signIn(pageUrl: string, html: string, email: string, password: string) {
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`no sign-in form on ${pageUrl}`);
    const res = await this.request(new URL(action.replace(/&amp;/g, '&'), pageUrl).href, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: this.origin,
        'sec-fetch-site': 'same-origin',
      },
      body: new URLSearchParams({ email, password }).toString(),
    });
    const location = res.headers.get('location');
    if (res.status !== 303 || !location) return { url: pageUrl, res };
    return this.follow(new URL(location, pageUrl).href);
  }
}
