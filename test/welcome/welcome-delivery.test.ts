import { generateKeyPairSync, sign } from 'node:crypto';
import { deriveLinkToken } from '../../src/welcome/links/link-tokens';
import { redeemLink } from '../../src/welcome/links/inspect-link';
import { fromOwnPage } from '../support/same-origin';
import {
  linkIn,
  startWelcomeHarness,
  waitFor,
  type WelcomeHarness,
} from '../support/welcome-harness';

const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const publicKeyBase64 = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');

let h: WelcomeHarness;
beforeAll(async () => {
  h = await startWelcomeHarness('welcomedl', {
    SENDGRID_WEBHOOK_PUBLIC_KEY: publicKeyBase64,
    WELCOME_RESEND_LIMIT_PER_HOUR: '3',
  });
  await h.setSwitch('sendWelcomeEmail', true);
});
afterAll(async () => h.close());

type SgBody = {
  personalizations: Array<{ to: Array<{ email: string }> }>;
  custom_args: Record<string, string>;
};
const messagesTo = (address: string) =>
  h.sendgrid.accepted.filter(
    (m) => (m.body as SgBody).personalizations[0]!.to[0]!.email === address,
  );

describe('delivery under failures', () => {
  it('when SendGrid fails half of all sends with 500 or 429, every user still gets exactly one accepted message', async () => {
    h.sendgrid.failRate(0.5, [500, 429, 503]);
    const created = await Promise.all(
      Array.from({ length: 25 }, (_, i) => h.createScimUser(`flaky${i}@example.test`)),
    );
    expect(created.every((c) => c.status === 201)).toBe(true);
    for (const c of created) await h.waitForUser(c.id!, (u) => u.welcome.state === 'sent', 60_000);
    h.sendgrid.failRate(0, []);
    for (let i = 0; i < 25; i++) expect(messagesTo(`flaky${i}@example.test`)).toHaveLength(1);
    expect(h.sendgrid.requestCount).toBeGreaterThan(25);
  });

  it('a permanent 4xx fails the job and stores the reason for the administrator', async () => {
    h.sendgrid.failNext(1, 400);
    const { id } = await h.createScimUser('rejected@example.test');
    const user = await h.waitForUser(id!, (u) => u.welcome.state === 'failed');
    expect(String(user.welcome.lastError)).not.toHaveLength(0);
    const status = await h.t
      .http()
      .get(`/api/admin/users/${id}/welcome-email`)
      .set('Authorization', `Bearer ${h.admin}`);
    expect(status.body.explanation).toMatch(/^failed: /);
  });

  it('a user without any email address is failed with a clear reason, not retried forever', async () => {
    const res = await h.t
      .http()
      .post('/scim/v2/Users')
      .set('Authorization', `Bearer ${h.scim}`)
      .send({ userName: 'no-address' });
    const user = await h.waitForUser(res.body.id, (u) => u.welcome.state === 'failed');
    expect(user.welcome.lastError).toBe('the user has no email address');
  });
});

describe('resend and the first sign-in', () => {
  it('resends before the first sign-in with a new link, revokes the old one, and refuses after it', async () => {
    const { id } = await h.createScimUser('resend@example.test');
    await h.waitForUser(id!, (u) => u.welcome.state === 'sent');
    const firstLink = linkIn(messagesTo('resend@example.test')[0]!.body);

    const resend = await h.t
      .http()
      .post(`/api/admin/users/${id}/welcome-email`)
      .set('Authorization', `Bearer ${h.admin}`);
    expect(resend.status).toBe(202);
    await h.waitForUser(id!, (u) => u.welcome.state === 'sent' && u.welcome.generation === 2);
    const secondLink = linkIn(messagesTo('resend@example.test')[1]!.body);
    expect(secondLink).not.toBe(firstLink);

    const oldToken = firstLink.split('/').pop()!;
    expect((await redeemLink(h.t.ctx.Link, oldToken, 'welcome', new Date())).status).toBe(
      'revoked',
    );

    const signIn = await h.t
      .http()
      .post(`/api/users/${id}/sign-ins`)
      .set('Authorization', `Bearer ${h.scim}`);
    expect(signIn.status).toBe(201);
    expect(signIn.body.firstSignIn).toBe(true);
    expect(
      (await redeemLink(h.t.ctx.Link, secondLink.split('/').pop()!, 'welcome', new Date())).status,
    ).toBe('revoked');

    const refused = await h.t
      .http()
      .post(`/api/admin/users/${id}/welcome-email`)
      .set('Authorization', `Bearer ${h.admin}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/can no longer be sent.*password reset/i);
  });

  it('resending works while the switch is off, because the administrator asked', async () => {
    await h.setSwitch('sendWelcomeEmail', false);
    const { id } = await h.createScimUser('off-then-resend@example.test');
    expect((await h.user(id!)).welcome.state).toBe('off');
    await h.t
      .http()
      .post(`/api/admin/users/${id}/welcome-email`)
      .set('Authorization', `Bearer ${h.admin}`)
      .expect(202);
    await h.waitForUser(id!, (u) => u.welcome.state === 'sent');
    expect(messagesTo('off-then-resend@example.test')).toHaveLength(1);
    await h.setSwitch('sendWelcomeEmail', true);
  });

  it('answers 429 when one user is resent more often than the hourly limit', async () => {
    const { id } = await h.createScimUser('spam-me@example.test');
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push(
        (
          await h.t
            .http()
            .post(`/api/admin/users/${id}/welcome-email`)
            .set('Authorization', `Bearer ${h.admin}`)
        ).status,
      );
    }
    expect(statuses).toEqual([202, 202, 202, 429]);
  });

  it('the same generation always derives the same link, so a retried send repeats it', () => {
    const a = deriveLinkToken('secret-secret-secret-secret-secret', 'welcome', 'u1', 1, 'nonce');
    expect(deriveLinkToken('secret-secret-secret-secret-secret', 'welcome', 'u1', 1, 'nonce')).toBe(
      a,
    );
    expect(
      deriveLinkToken('secret-secret-secret-secret-secret', 'welcome', 'u1', 2, 'nonce'),
    ).not.toBe(a);
  });

  it('of 100 concurrent redemptions of one link exactly one succeeds', async () => {
    const { id } = await h.createScimUser('race@example.test');
    await h.waitForUser(id!, (u) => u.welcome.state === 'sent');
    const token = linkIn(messagesTo('race@example.test')[0]!.body).split('/').pop()!;
    const results = await Promise.all(
      Array.from({ length: 100 }, () => redeemLink(h.t.ctx.Link, token, 'welcome', new Date())),
    );
    expect(results.filter((r) => r.status === 'valid')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'used')).toHaveLength(99);
  });
});

describe('password reset', () => {
  it('answers byte-identically for a known and an unknown address, and emails only the known one', async () => {
    const { id } = await h.createScimUser('known@example.test');
    await h.waitForUser(id!, (u) => u.welcome.state === 'sent');
    const known = await h.t
      .http()
      .post('/api/password-reset')
      .send({ email: 'KNOWN@example.test' });
    const unknown = await h.t
      .http()
      .post('/api/password-reset')
      .send({ email: 'nobody@example.test' });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(known.text).toBe(unknown.text);
    await waitFor(
      async () => messagesTo('known@example.test').length,
      (n) => n === 2,
    );
    const reset = messagesTo('known@example.test')[1]!;
    expect((reset.body as { categories: string[] }).categories).toEqual(['password-reset']);
    expect(linkIn(reset.body, 'reset-password')).toMatch(/\/reset-password\//);
    expect(messagesTo('nobody@example.test')).toHaveLength(0);
  });
});

describe('the SendGrid Event Webhook', () => {
  function post(events: unknown[], timestamp = String(Math.floor(Date.now() / 1000))) {
    const body = JSON.stringify(events);
    const signature = sign(
      'sha256',
      Buffer.concat([Buffer.from(timestamp), Buffer.from(body)]),
      privateKey,
    ).toString('base64');
    return h.t
      .http()
      .post('/webhooks/sendgrid/events')
      .set('Content-Type', 'application/json')
      .set('X-Twilio-Email-Event-Webhook-Signature', signature)
      .set('X-Twilio-Email-Event-Webhook-Timestamp', timestamp)
      .send(body);
  }

  it('refuses unsigned and stale events when a key is configured', async () => {
    const unsigned = await h.t
      .http()
      .post('/webhooks/sendgrid/events')
      .set('Content-Type', 'application/json')
      .send('[]');
    expect(unsigned.status).toBe(403);
    const stale = await post([], String(Math.floor(Date.now() / 1000) - 600));
    expect(stale.status).toBe(403);
  });

  it('folds events by precedence, ignores duplicates, and explains the outcome to the administrator', async () => {
    const { id } = await h.createScimUser('events@example.test');
    await h.waitForUser(id!, (u) => u.welcome.state === 'sent');
    const args = { tenantId: 'default', userId: id, generation: '1', kind: 'welcome' };
    const t0 = Math.floor(Date.now() / 1000);
    const delivered = {
      ...args,
      email: 'events@example.test',
      event: 'delivered',
      timestamp: t0 + 2,
      sg_message_id: 'm1.filter',
      sg_event_id: 'e2',
    };
    const processed = {
      ...args,
      email: 'events@example.test',
      event: 'processed',
      timestamp: t0 + 1,
      sg_message_id: 'm1.filter',
      sg_event_id: 'e1',
    };
    expect((await post([delivered, processed])).body).toMatchObject({ stored: 2 });
    expect((await post([{ ...delivered, sg_event_id: 'retry-id' }])).body).toMatchObject({
      stored: 0,
      duplicates: 1,
    });
    const status = await h.t
      .http()
      .get(`/api/admin/users/${id}/welcome-email`)
      .set('Authorization', `Bearer ${h.admin}`);
    expect(status.body).toMatchObject({
      delivery: 'delivered',
      explanation: 'delivered, not opened yet',
      timesSent: 1,
    });
    expect(status.body.timeline.map((e: { event: string }) => e.event)).toEqual([
      'decided',
      'sent',
      'processed',
      'delivered',
    ]);

    await post([
      {
        ...args,
        event: 'bounce',
        timestamp: t0 + 3,
        reason: '550 5.1.1 no such user',
        bounce_classification: 'Invalid Address',
        type: 'bounce',
        sg_message_id: 'm1.filter',
      },
    ]);
    const bounced = await h.t
      .http()
      .get(`/api/admin/users/${id}/welcome-email`)
      .set('Authorization', `Bearer ${h.admin}`);
    expect(bounced.body.explanation).toBe('bounced: the mailbox does not exist');
  });

  it('an administrator sees each password-reset email of a user: who asked, sent, delivered or bounced, and whether its link was used', async () => {
    const { id } = await h.createScimUser('resetme@example.test');
    await h.waitForUser(id!, (u) => u.welcome.state === 'sent');
    const resets = () =>
      h.t
        .http()
        .get(`/api/admin/users/${id}/password-resets`)
        .set('Authorization', `Bearer ${h.admin}`);
    expect((await resets()).body).toEqual({
      userId: id,
      userName: 'resetme@example.test',
      emails: [],
    });

    await h.t
      .http()
      .post(`/api/admin/users/${id}/password-reset`)
      .set('Authorization', `Bearer ${h.admin}`)
      .expect(202);
    await waitFor(
      async () => messagesTo('resetme@example.test').length,
      (n) => n === 2,
    );
    await h.t
      .http()
      .post('/api/password-reset')
      .send({ email: 'resetme@example.test' })
      .expect(202);
    await waitFor(
      async () => messagesTo('resetme@example.test').length,
      (n) => n === 3,
    );
    // SendGrid has them; the outbox records each send just after the answer.
    await waitFor(
      () => h.t.ctx.MailJob.countDocuments({ userId: id, state: 'sent' }),
      (n) => n === 2,
    );
    const [, byAdmin, byUser] = messagesTo('resetme@example.test').map((m) => m.body as SgBody);
    const listed = (await resets()).body as {
      emails: Array<Record<string, unknown> & { id: string }>;
    };
    // Newest first; the job ids are the ones the messages carry to SendGrid.
    expect(listed.emails.map((e) => e.id)).toEqual([
      byUser!.custom_args.jobId,
      byAdmin!.custom_args.jobId,
    ]);
    expect(listed.emails[0]).toMatchObject({
      requestedBy: 'self-service',
      state: 'sent',
      delivery: null,
    });
    expect(listed.emails[1]).toMatchObject({
      requestedBy: 'administrator',
      state: 'sent',
      delivery: null,
      linkUsedAt: null,
    });
    for (const e of listed.emails) {
      expect(typeof e.requestedAt).toBe('string');
      expect(typeof e.sentAt).toBe('string');
      expect(typeof e.linkExpiresAt).toBe('string');
    }

    const t0 = Math.floor(Date.now() / 1000);
    const event = (args: Record<string, string>, extra: Record<string, unknown>) => ({
      ...args,
      email: 'resetme@example.test',
      sg_message_id: `${args.jobId}.filter`,
      ...extra,
    });
    await post([
      event(byAdmin!.custom_args, { event: 'processed', timestamp: t0, sg_event_id: 'r1' }),
      event(byAdmin!.custom_args, { event: 'delivered', timestamp: t0 + 1, sg_event_id: 'r2' }),
      event(byUser!.custom_args, {
        event: 'bounce',
        timestamp: t0 + 2,
        sg_event_id: 'r3',
        reason: '552 mailbox full',
        type: 'bounce',
      }),
    ]).expect(200);
    // The newer email's link works; the older one was superseded by it.
    const link = linkIn(byUser, 'reset-password');
    const token = link.split('/').pop()!;
    await fromOwnPage(h.t.http().post(`/reset-password/${token}`))
      .type('form')
      .send({ password: 'Fresh-Start-2026!', confirmPassword: 'Fresh-Start-2026!' })
      .expect((res) => expect([200, 303]).toContain(res.status));
    const after = (await resets()).body as { emails: Array<Record<string, unknown>> };
    expect(after.emails[0]).toMatchObject({
      delivery: { status: 'bounce', reason: '552 mailbox full' },
    });
    expect(typeof after.emails[0]!.linkUsedAt).toBe('string');
    expect(after.emails[1]).toMatchObject({
      delivery: { status: 'delivered' },
      linkUsedAt: null,
      linkRevokedReason: 'superseded',
    });

    const missing = await h.t
      .http()
      .get('/api/admin/users/no-such-user/password-resets')
      .set('Authorization', `Bearer ${h.admin}`);
    expect(missing.status).toBe(404);
  });
});
