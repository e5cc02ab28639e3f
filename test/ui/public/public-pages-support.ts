import { randomBytes } from 'node:crypto';
import { createOutbox } from '../../../src/app/build-application';
import type { UserDoc } from '../../../src/directory/users/user-model';
import type { LinkDoc, LinkPurpose } from '../../../src/welcome/links/link-model';
import { deriveLinkToken, linkIdOf } from '../../../src/welcome/links/link-tokens';
import { adminSession, createTestApp, scimToken, type TestApp } from '../../support/test-app';

export interface PagesFixture {
  t: TestApp;
  scim: string;
  admin: string;
  /** A distinct client address per call, so per-client limits of one test never reach another. */
  client(): string;
  createUser(userName: string, extra?: Record<string, unknown>): Promise<string>;
  user(id: string): Promise<UserDoc>;
  link(token: string): Promise<LinkDoc | null>;
  /** The welcome link of the user's current generation, made exactly as the outbox worker does. */
  welcomeToken(userId: string): Promise<string>;
  /** A link of any state for a user, written straight to the database. */
  insertLink(userId: string, purpose: LinkPurpose, fields?: Partial<LinkDoc>): Promise<string>;
  close(): Promise<void>;
}

/** Polls until `predicate` holds (no fixed sleeps); fails with the last value after the deadline. */
export async function pollUntil<T>(
  read: () => Promise<T>,
  predicate: (v: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (predicate(value)) return value;
    if (Date.now() > deadline)
      throw new Error(
        `condition not reached in ${timeoutMs} ms: ${JSON.stringify(value)?.slice(0, 300)}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The real application on a fresh database, the welcome switch on, an administrator and a SCIM token. */
export async function startPagesFixture(
  name: string,
  env: Record<string, string> = {},
): Promise<PagesFixture> {
  const t = await createTestApp(name, { OUTBOX_POLL_MS: '50', OUTBOX_RETRY_BASE_MS: '20', ...env });
  const scim = await scimToken(t);
  const admin = await adminSession(t);
  const switched = await t
    .http()
    .patch('/api/identity-manager/settings')
    .set('Authorization', `Bearer ${admin}`)
    .send({ sendWelcomeEmail: true });
  if (switched.status !== 200) throw new Error(`switch: ${switched.status}`);
  let clients = 0;
  const fixture: PagesFixture = {
    t,
    scim,
    admin,
    client: () => {
      clients += 1;
      return `10.${(clients >> 16) & 255}.${(clients >> 8) & 255}.${clients & 255}`;
    },
    async createUser(userName, extra = {}) {
      const res = await t
        .http()
        .post('/scim/v2/Users')
        .set('Authorization', `Bearer ${scim}`)
        .send({
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
          userName,
          emails: [{ value: userName, type: 'work', primary: true }],
          active: true,
          ...extra,
        });
      if (res.status !== 201)
        throw new Error(`create ${userName}: ${res.status} ${JSON.stringify(res.body)}`);
      return (res.body as { id: string }).id;
    },
    async user(id) {
      const doc = await t.ctx.directory.users.findById('default', id);
      if (!doc) throw new Error(`no user ${id}`);
      return doc;
    },
    link: (token) => t.ctx.Link.findById(linkIdOf(token)).lean<LinkDoc>(),
    async welcomeToken(userId) {
      const user = await fixture.user(userId);
      const welcome = user.welcome as { generation: number; nonce: string };
      const token = deriveLinkToken(
        t.ctx.appSecret,
        'welcome',
        userId,
        welcome.generation,
        welcome.nonce,
      );
      const now = new Date();
      await t.ctx.Link.updateOne(
        { _id: linkIdOf(token) },
        {
          $setOnInsert: {
            tenantId: 'default',
            userId,
            purpose: 'welcome',
            generation: welcome.generation,
            createdAt: now,
            expiresAt: new Date(now.getTime() + t.ctx.config.welcomeLinkTtlHours * 3_600_000),
          },
        },
        { upsert: true },
      );
      return token;
    },
    async insertLink(userId, purpose, fields = {}) {
      const token = deriveLinkToken(
        t.ctx.appSecret,
        purpose,
        userId,
        1,
        randomBytes(16).toString('base64url'),
      );
      const now = new Date();
      await t.ctx.Link.create({
        _id: linkIdOf(token),
        tenantId: 'default',
        userId,
        purpose,
        generation: 1,
        createdAt: now,
        expiresAt: new Date(now.getTime() + 3_600_000),
        ...fields,
      });
      return token;
    },
    close: () => t.close(),
  };
  return fixture;
}

/** Runs the real outbox worker until `done` holds, then stops it (releasing its leases). */
export async function runOutboxUntil<T>(
  t: TestApp,
  read: () => Promise<T>,
  done: (v: T) => boolean,
): Promise<T> {
  const worker = createOutbox(t.ctx);
  worker.start();
  try {
    return await pollUntil(read, done);
  } finally {
    await worker.stop();
  }
}

/** The messages the `outbox` transport stored for an address, oldest first. */
export async function outboxMessagesTo(
  t: TestApp,
  address: string,
): Promise<Array<{ text: string; subject: string }>> {
  const docs = await t.ctx.conn
    .collection('outbox_messages')
    .find({ to: address })
    .sort({ createdAt: 1 })
    .toArray();
  return docs.map((d) => ({ text: String(d.text), subject: String(d.subject) }));
}

/** The one-time link token in an email's text part. */
export function tokenInText(text: string, kind: 'welcome' | 'reset-password'): string {
  const match = new RegExp(`https://scim\\.example\\.test/${kind}/([A-Za-z0-9_-]{43})`).exec(text);
  if (!match?.[1]) throw new Error(`no ${kind} link in: ${text.slice(0, 300)}`);
  return match[1];
}

/** The set-password grant a page carries in its hidden field. */
export function grantIn(html: string): string {
  const match = /name="grant" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no grant field in the page');
  return match[1];
}

export const sessionCookieIn = (setCookie: string[] | string | undefined): string | undefined =>
  ([] as string[])
    .concat(setCookie ?? [])
    .find((c) => c.startsWith('__Host-sid=') && !c.startsWith('__Host-sid=;'));

export const STRONG_PASSWORD = 'Fjord-lantern-quietly-47';
