import type { EventDoc } from '../../src/events/event-models';
import { startWelcomeHarness, waitFor, type WelcomeHarness } from '../support/welcome-harness';

let h: WelcomeHarness;

beforeAll(async () => {
  h = await startWelcomeHarness('welcome-events');
  await h.setSwitch('sendWelcomeEmail', true);
});
afterAll(() => h.close());

const eventsOf = async (id: string) =>
  (await h.t.ctx.directory.events.Event.collection
    .find({ resourceId: id })
    .sort({ position: 1 })
    .toArray()) as unknown as EventDoc[];

const sendgridEvent = (id: string, event: string, eventId: string) => ({
  tenantId: 'default',
  userId: id,
  generation: '1',
  kind: 'welcome',
  email: 'mail@example.test',
  event,
  timestamp: Math.floor(Date.now() / 1000),
  sg_message_id: `m-${id}.filter`,
  sg_event_id: eventId,
  ...(event === 'bounce' ? { reason: '550 5.1.1 no such mailbox', type: 'bounce' } : {}),
});

describe('welcome email and sign-in events', () => {
  it('sent, then delivered (once, though SendGrid repeats it), then the first sign-in (only the first)', async () => {
    const { id } = await h.createScimUser('welcomed@example.test');
    await h.waitForUser(id!, (u) => u.welcome.state === 'sent');
    const post = (body: unknown) =>
      h.t
        .http()
        .post('/webhooks/sendgrid/events')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify(body));
    await post([sendgridEvent(id!, 'delivered', 'd1')]).expect(200);
    await post([sendgridEvent(id!, 'delivered', 'd1')]).expect(200);
    const signIn = () =>
      h.t.http().post(`/api/users/${id}/sign-ins`).set('Authorization', `Bearer ${h.scim}`);
    await signIn().expect(201);
    await signIn().expect(201);
    const events = await waitFor(
      () => eventsOf(id!),
      (list) => list.some((e) => e.type === 'user.first_sign_in'),
    );
    expect(events.map((e) => e.type)).toEqual([
      'user.created',
      'welcome_email.sent',
      'welcome_email.delivered',
      'user.first_sign_in',
    ]);
    expect(events[1]!.data).toMatchObject({ id, generation: 1 });
    expect(events[3]!.data).toMatchObject({ id, method: 'sso' });
  });

  it('a bounce is welcome_email.bounced with the reason', async () => {
    const { id } = await h.createScimUser('bounced@example.test');
    await h.waitForUser(id!, (u) => u.welcome.state === 'sent');
    await h.t
      .http()
      .post('/webhooks/sendgrid/events')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify([sendgridEvent(id!, 'bounce', 'b1')]))
      .expect(200);
    const events = await waitFor(
      () => eventsOf(id!),
      (list) => list.some((e) => e.type === 'welcome_email.bounced'),
    );
    expect(events.at(-1)!.data).toMatchObject({ id, reason: '550 5.1.1 no such mailbox' });
  });
});
