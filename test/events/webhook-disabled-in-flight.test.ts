import { createOutbox } from '../../src/app/build-application';
import { adminSession, createTestApp, scimToken, type TestApp } from '../support/test-app';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';
import { waitFor } from '../support/welcome-harness';
import { newUser, patchOp, scimClient } from './events-support';

let t: TestApp;
let admin: string;
let receiver: WebhookReceiver;
let worker: ReturnType<typeof createOutbox>;

beforeAll(async () => {
  t = await createTestApp('webhook-disabled', {
    WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
    OUTBOX_POLL_MS: '20',
  });
  admin = await adminSession(t);
  receiver = await startWebhookReceiver();
  worker = createOutbox(t.ctx);
});
afterAll(async () => {
  await worker.stop();
  await receiver.close();
  await t.close();
});

const adminApi = (method: 'post' | 'patch', path: string, body: object) =>
  t.http()[method](`/api/admin${path}`).set('Authorization', `Bearer ${admin}`).send(body);

it('an endpoint disabled while a batch is in flight receives nothing more of that batch', async () => {
  const scim = scimClient(t, await scimToken(t));
  // One resource's events go one after another: five messages in one batch.
  const user = (await scim.post('/Users', newUser('inflight@example.test')).expect(201)).body as {
    id: string;
  };
  for (const title of ['One', 'Two', 'Three', 'Four']) {
    await scim
      .patch(`/Users/${user.id}`, patchOp({ op: 'replace', path: 'title', value: title }))
      .expect(200);
  }
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  receiver.answer(async (_message, index) => {
    if (index === 0) await held;
    return 204;
  });
  const endpoint = (await adminApi('post', '/webhooks', { url: receiver.url }).expect(201))
    .body as { id: string };
  worker.start();
  await waitFor(
    async () => receiver.received.length,
    (n) => n === 1,
  );
  await adminApi('patch', `/webhooks/${endpoint.id}`, { enabled: false }).expect(200);
  release();
  // The batch is over once its attempts are logged.
  const { Delivery } = (await import('../../src/events/webhooks/webhook-models')).webhookModels(
    t.ctx.conn,
  );
  await waitFor(
    () => Delivery.countDocuments({ endpointId: endpoint.id }),
    (n) => n > 0,
  );
  expect(receiver.received).toHaveLength(1);
  expect(await Delivery.countDocuments({ endpointId: endpoint.id })).toBe(1);
});
