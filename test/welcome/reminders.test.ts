import { connectDatabase } from '../../src/platform/db/connect';
import { createContext } from '../../src/app/context';
import type { JobSource } from '../../src/platform/workers/outbox-worker';
import { linkIn, startWelcomeHarness, type WelcomeHarness } from '../support/welcome-harness';
import { drain, outboxSources } from './reminder-support';

const DAY = 86_400_000;
/** The injected clock: real time plus however far a test has moved it. */
let offsetMs = 0;
const now = () => new Date(Date.now() + offsetMs);
const advance = (ms: number) => {
  offsetMs += ms;
};

let h: WelcomeHarness;
let sources: { welcome: JobSource; reminder: JobSource };
const run = () => drain(sources.welcome, sources.reminder);

beforeAll(async () => {
  h = await startWelcomeHarness('reminders', {}, { now });
  // The tests drive the outbox themselves, on the injected clock.
  await h.worker.stop();
  sources = outboxSources(h.t.ctx);
  await h.setSwitch('sendWelcomeEmail', true);
  expect((await setReminderDays(3)).status).toBe(200);
});
afterAll(async () => h.close());

function setReminderDays(days: unknown) {
  return h.t
    .http()
    .patch('/api/identity-manager/reminders')
    .set('Authorization', `Bearer ${h.admin}`)
    .send({ remindAfterDays: days });
}

type SgBody = {
  subject?: string;
  from?: { email: string; name?: string };
  personalizations: Array<{ to: Array<{ email: string }>; subject?: string }>;
  categories?: string[];
};
const messagesTo = (address: string) =>
  h.sendgrid.accepted
    .map((m) => m.body as SgBody)
    .filter((b) => b.personalizations[0]!.to[0]!.email === address);
const remindersTo = (address: string) =>
  messagesTo(address).filter((b) => b.categories?.includes('welcome-reminder'));

async function welcomed(userName: string, extra: Record<string, unknown> = {}) {
  const { status, id } = await h.createScimUser(userName, extra);
  expect(status).toBe(201);
  await run();
  expect(messagesTo(userName)).toHaveLength(1);
  return id!;
}

describe('the reminder setting', () => {
  it('takes whole days shorter than the link lifetime, or null for off, and is audited', async () => {
    const fresh = await h.t
      .http()
      .get('/api/identity-manager/reminders')
      .set('Authorization', `Bearer ${h.admin}`);
    expect(fresh.body).toMatchObject({ remindAfterDays: 3, maxDays: 6, linkTtlHours: 168 });
    for (const bad of [0, -1, 2.5, '3', 7, 30, true]) {
      const res = await setReminderDays(bad);
      expect(res.status).toBe(400);
    }
    expect(JSON.stringify((await setReminderDays(7)).body)).toMatch(
      /shorter than the welcome link's lifetime \(168 hours\): at most 6/,
    );
    const wrongShape = await h.t
      .http()
      .patch('/api/identity-manager/reminders')
      .set('Authorization', `Bearer ${h.admin}`)
      .send({ remindAfterDays: 3, extra: 1 });
    expect(wrongShape.status).toBe(400);
    expect((await setReminderDays(null)).body).toMatchObject({ remindAfterDays: null });
    expect((await setReminderDays(3)).body).toMatchObject({ remindAfterDays: 3 });
    const audit = await h.t.ctx.tenantModels.Audit.find({
      action: 'identity-manager.welcomeReminderDays',
    })
      .sort({ at: 1 })
      .lean();
    expect(audit.map((a) => a.after)).toEqual(
      expect.arrayContaining([{ welcomeReminderDays: null }, { welcomeReminderDays: 3 }]),
    );
  });

  it('a tenant that never turned it on is off', async () => {
    await h.t.ctx.tenants.ensureTenant('other');
    const tenant = await h.t.ctx.tenantModels.Tenant.findById('other').lean();
    expect(tenant?.welcomeReminderDays ?? null).toBeNull();
  });
});

describe('reminders', () => {
  it('one reminder goes out N days after the welcome email was accepted, with the same link and sender name', async () => {
    const texts = await h.t
      .http()
      .put('/api/identity-manager/email-texts/welcome/en')
      .set('Authorization', `Bearer ${h.admin}`)
      .send({ senderName: '{tenantName} IT' });
    expect(texts.status).toBe(200);
    const id = await welcomed('remind-me@example.test');
    const first = linkIn(messagesTo('remind-me@example.test')[0]);
    const pending = await h.t
      .http()
      .get(`/api/admin/users/${id}/welcome-email`)
      .set('Authorization', `Bearer ${h.admin}`);
    expect((pending.body as { explanation: string }).explanation).toMatch(
      /; a reminder goes out on \d{4}-/,
    );
    advance(3 * DAY - 60_000);
    await run();
    expect(remindersTo('remind-me@example.test')).toHaveLength(0);
    advance(120_000);
    await run();
    const reminders = remindersTo('remind-me@example.test');
    expect(reminders).toHaveLength(1);
    expect(linkIn(reminders[0])).toBe(first);
    for (const message of messagesTo('remind-me@example.test'))
      expect(message.from?.name).toBe('Default IT');
    const reset = await h.t
      .http()
      .delete('/api/identity-manager/email-texts/welcome/en')
      .set('Authorization', `Bearer ${h.admin}`);
    expect(reset.status).toBe(200);
    advance(DAY);
    await run();
    expect(remindersTo('remind-me@example.test')).toHaveLength(1);
    // The first email's link still works.
    const token = first.split('/').pop()!;
    expect((await h.t.http().get(`/welcome/${token}`)).status).toBe(200);
    const status = await h.t
      .http()
      .get(`/api/admin/users/${id}/welcome-email`)
      .set('Authorization', `Bearer ${h.admin}`);
    const body = status.body as { explanation: string; timeline: Array<{ event: string }> };
    expect(body.timeline.map((e) => e.event)).toContain('reminder-sent');
    expect(body.explanation).toMatch(/a reminder was sent on/);
  });

  it('to a user of a tenant on single sign-on it says to sign in with the company account, as the welcome email did', async () => {
    const Tenant = h.t.ctx.tenantModels.Tenant;
    await Tenant.updateOne({ _id: 'default' }, { $set: { signInMode: 'sso' } });
    h.t.ctx.tenants.forgetTenant('default');
    try {
      await welcomed('remind-sso@example.test');
      advance(3 * DAY + 60_000);
      await run();
      const [welcome, reminder] = messagesTo('remind-sso@example.test').map((m) =>
        JSON.stringify(m),
      );
      expect(welcome).toContain('Sign in with your company account');
      expect(reminder).toContain('welcome-reminder');
      expect(reminder).toContain('Sign in with your company account');
      expect(reminder).toContain('sign in for the first time with your company account');
    } finally {
      await Tenant.updateOne({ _id: 'default' }, { $set: { signInMode: 'password' } });
      h.t.ctx.tenants.forgetTenant('default');
    }
  });

  it('is never sent after the first sign-in', async () => {
    const id = await welcomed('signed-in@example.test');
    const signIn = await h.t
      .http()
      .post(`/api/users/${id}/sign-ins`)
      .set('Authorization', `Bearer ${h.scim}`);
    expect(signIn.status).toBe(201);
    advance(3 * DAY + 60_000);
    await run();
    expect(remindersTo('signed-in@example.test')).toHaveLength(0);
  });

  it('after a resend the new generation starts its own clock and its reminder carries the new link', async () => {
    const id = await welcomed('resent@example.test');
    advance(2 * DAY);
    const resend = await h.t
      .http()
      .post(`/api/admin/users/${id}/welcome-email`)
      .set('Authorization', `Bearer ${h.admin}`);
    expect(resend.status).toBe(202);
    await run();
    const second = linkIn(messagesTo('resent@example.test')[1]);
    advance(DAY + 60_000);
    await run();
    expect(remindersTo('resent@example.test')).toHaveLength(0);
    advance(2 * DAY);
    await run();
    const reminders = remindersTo('resent@example.test');
    expect(reminders).toHaveLength(1);
    expect(linkIn(reminders[0])).toBe(second);
  });

  it('is not sent to inactive users', async () => {
    const id = await welcomed('inactive@example.test');
    const patch = await h.t
      .http()
      .patch(`/scim/v2/Users/${id}`)
      .set('Authorization', `Bearer ${h.scim}`)
      .send({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'replace', path: 'active', value: false }],
      });
    expect(patch.status).toBe(200);
    advance(3 * DAY + 60_000);
    await run();
    expect(remindersTo('inactive@example.test')).toHaveLength(0);
  });

  it('is not sent once the link has expired', async () => {
    await welcomed('expired@example.test');
    advance(7 * DAY + 60_000);
    await run();
    expect(remindersTo('expired@example.test')).toHaveLength(0);
  });

  it('follows only a welcome email that was sent: a user created with the switch off gets none', async () => {
    await h.setSwitch('sendWelcomeEmail', false);
    const { id } = await h.createScimUser('switch-off@example.test');
    await h.setSwitch('sendWelcomeEmail', true);
    advance(3 * DAY + 60_000);
    await run();
    expect(messagesTo('switch-off@example.test')).toHaveLength(0);
    expect((await h.user(id!)).welcome.state).toBe('off');
  });

  it('is not sent while the tenant has reminders off', async () => {
    await welcomed('setting-off@example.test');
    expect((await setReminderDays(null)).status).toBe(200);
    advance(3 * DAY + 60_000);
    await run();
    expect(remindersTo('setting-off@example.test')).toHaveLength(0);
    expect((await setReminderDays(3)).status).toBe(200);
    // Reminders are looked for at most once a minute (WELCOME_REMINDER_SCAN_SECONDS).
    await run();
    expect(remindersTo('setting-off@example.test')).toHaveLength(0);
    advance(60_000);
    await run();
    expect(remindersTo('setting-off@example.test')).toHaveLength(1);
  });

  it('each tenant has its own number of days', async () => {
    await h.t.ctx.tenants.ensureTenant('acme', 'Acme');
    await h.t.ctx.tenantModels.Tenant.updateOne(
      { _id: 'acme' },
      { $set: { sendWelcomeEmail: true, welcomeReminderDays: 2 } },
    );
    h.t.ctx.tenants.forgetTenant('acme');
    const acmeToken = (await h.t.ctx.tenants.createScimToken('acme', 'Okta')).token;
    const created = await h.t
      .http()
      .post('/scim/v2/Users')
      .set('Authorization', `Bearer ${acmeToken}`)
      .send({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'two-days@acme.test',
        emails: [{ value: 'two-days@acme.test', type: 'work', primary: true }],
      });
    expect(created.status).toBe(201);
    await welcomed('three-days@example.test');
    expect(messagesTo('two-days@acme.test')).toHaveLength(1);
    advance(2 * DAY + 60_000);
    await run();
    expect(remindersTo('two-days@acme.test')).toHaveLength(1);
    expect(remindersTo('three-days@example.test')).toHaveLength(0);
    advance(DAY);
    await run();
    expect(remindersTo('three-days@example.test')).toHaveLength(1);
  });

  it('two processes racing over the same due reminders send each exactly once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await welcomed(`race${i}@example.test`));
    advance(3 * DAY + 60_000);
    const conn = await connectDatabase({
      uri: process.env.TEST_MONGODB_URI!,
      dbName: h.t.dbName,
      logger: h.t.ctx.logger,
      attempts: 3,
    });
    try {
      const other = createContext({
        config: h.t.ctx.config,
        logger: h.t.ctx.logger,
        conn,
        appSecret: h.t.ctx.appSecret,
        now,
      });
      const theirs = outboxSources(other);
      const [a, b] = await Promise.all([drain(sources.reminder), drain(theirs.reminder)]);
      expect(a + b).toBeGreaterThanOrEqual(12);
      for (let i = 0; i < 12; i++) expect(remindersTo(`race${i}@example.test`)).toHaveLength(1);
      for (const id of ids)
        expect((await h.user(id)).welcome.reminder).toMatchObject({ state: 'sent' });
    } finally {
      await conn.close();
    }
  });
});
