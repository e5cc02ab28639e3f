import { createOutbox } from '../../src/app/build-application';
import type { UserDoc } from '../../src/directory/users/user-model';
import { adminSession, createTestApp, scimToken, type TestApp } from './test-app';
import { startSendgridStandIn, STAND_IN_API_KEY, type SendgridStandIn } from './sendgrid-stand-in';

export interface WelcomeHarness {
  t: TestApp;
  sendgrid: SendgridStandIn;
  worker: ReturnType<typeof createOutbox>;
  scim: string;
  admin: string;
  createScimUser(
    userName: string,
    extra?: Record<string, unknown>,
  ): Promise<{ status: number; id?: string }>;
  setSwitch(name: 'sendWelcomeEmail' | 'sendLoginEmailsToNewUsers', value: boolean): Promise<void>;
  user(id: string): Promise<UserDoc>;
  /** Polls the database until `predicate` holds for the user (no fixed sleeps). */
  waitForUser(id: string, predicate: (u: UserDoc) => boolean, timeoutMs?: number): Promise<UserDoc>;
  close(): Promise<void>;
}

export async function waitFor<T>(
  read: () => Promise<T>,
  predicate: (v: T) => boolean,
  timeoutMs = 15_000,
  pollMs = 20,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (predicate(value)) return value;
    if (Date.now() > deadline)
      throw new Error(
        `condition not reached within ${timeoutMs} ms: ${JSON.stringify(value)?.slice(0, 500)}`,
      );
    await new Promise((r) => setTimeout(r, pollMs)); // poll interval, not a fixed wait
  }
}

/** The real app with the SendGrid transport pointed at the local stand-in, and its outbox worker. */
export async function startWelcomeHarness(
  name: string,
  env: Record<string, string> = {},
  options: { now?: () => Date } = {},
): Promise<WelcomeHarness> {
  const sendgrid = await startSendgridStandIn();
  const t = await createTestApp(
    name,
    {
      EMAIL_TRANSPORT: 'sendgrid',
      SENDGRID_API_KEY: STAND_IN_API_KEY,
      SENDGRID_API_BASE_URL: sendgrid.url,
      EMAIL_FROM: 'no-reply@example.test',
      OUTBOX_RETRY_BASE_MS: '20',
      OUTBOX_POLL_MS: '50',
      ...env,
    },
    options,
  );
  const worker = createOutbox(t.ctx);
  worker.start();
  const scim = await scimToken(t);
  const admin = await adminSession(t);
  const harness: WelcomeHarness = {
    t,
    sendgrid,
    worker,
    scim,
    admin,
    async createScimUser(userName, extra = {}) {
      const res = await t
        .http()
        .post('/scim/v2/Users')
        .set('Authorization', `Bearer ${scim}`)
        .set('Content-Type', 'application/scim+json')
        .send({
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
          userName,
          name: { givenName: 'Test', familyName: 'User' },
          emails: [
            {
              value: userName.includes('@') ? userName : `${userName}@example.test`,
              type: 'work',
              primary: true,
            },
          ],
          active: true,
          ...extra,
        });
      return { status: res.status, id: (res.body as { id?: string }).id };
    },
    async setSwitch(switchName, value) {
      const path =
        switchName === 'sendWelcomeEmail'
          ? '/api/identity-manager/settings'
          : '/api/admin/preferences';
      const res = await t
        .http()
        .patch(path)
        .set('Authorization', `Bearer ${admin}`)
        .send({ [switchName]: value });
      if (res.status !== 200)
        throw new Error(`switch ${switchName}: ${res.status} ${JSON.stringify(res.body)}`);
    },
    async user(id) {
      const doc = await t.ctx.directory.users.findById('default', id);
      if (!doc) throw new Error(`no user ${id}`);
      return doc;
    },
    waitForUser(id, predicate, timeoutMs) {
      return waitFor(() => harness.user(id), predicate, timeoutMs);
    },
    async close() {
      await worker.stop();
      await sendgrid.close();
      await t.close();
    },
  };
  return harness;
}

/** The link in an accepted SendGrid message's text part. */
export function linkIn(body: unknown, kind: 'welcome' | 'reset-password' = 'welcome'): string {
  const content = (body as { content?: Array<{ type: string; value: string }> }).content ?? [];
  const text = content.find((c) => c.type === 'text/plain')?.value ?? '';
  const match = new RegExp(`https?://[^\\s]+/${kind}/[A-Za-z0-9_-]+`).exec(text);
  if (!match) throw new Error(`no ${kind} link in: ${text.slice(0, 300)}`);
  return match[0];
}
