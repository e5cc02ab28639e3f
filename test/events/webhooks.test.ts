import { Webhook } from 'standardwebhooks';
import { createOutbox } from '../../src/app/build-application';
import { adminSession, createTestApp, scimToken, type TestApp } from '../support/test-app';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';
import { waitFor } from '../support/welcome-harness';
import { newUser, patchOp, scimClient } from './events-support';

jest.setTimeout(60_000);

let t: TestApp;
let admin: string;
let receiver: WebhookReceiver;
let worker: ReturnType<typeof createOutbox>;
let scim: ReturnType<typeof scimClient>;

beforeAll(async () => {
  t = await createTestApp('webhooks', {
    WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
    OUTBOX_POLL_MS: '20',
    OUTBOX_RETRY_BASE_MS: '20',
    WEBHOOK_DISABLE_AFTER_MINUTES: '1',
  });
  admin = await adminSession(t);
  scim = scimClient(t, await scimToken(t));
  receiver = await startWebhookReceiver();
  worker = createOutbox(t.ctx);
  worker.start();
});
afterAll(async () => {
  await worker.stop();
  await receiver.close();
  await t.close();
});
beforeEach(() => {
  receiver.received.length = 0;
  receiver.answer(() => 204);
});

const api = () => ({
  post: (path: string, body: unknown = {}) =>
    t
      .http()
      .post(`/api/admin${path}`)
      .set('Authorization', `Bearer ${admin}`)
      .send(body as object),
  get: (path: string) => t.http().get(`/api/admin${path}`).set('Authorization', `Bearer ${admin}`),
  patch: (path: string, body: unknown) =>
    t
      .http()
      .patch(`/api/admin${path}`)
      .set('Authorization', `Bearer ${admin}`)
      .send(body as object),
});

interface Delivered {
  id: string;
  type: string;
  resourceId: string;
  version: number | null;
}

async function createEndpoint(
  body: Record<string, unknown> = {},
): Promise<{ id: string; secret: string }> {
  const res = await api()
    .post('/webhooks', { url: receiver.url, ...body })
    .expect(201);
  return res.body as { id: string; secret: string };
}

/**
 * The messages signed with `secret`, verified. Others are skipped: a deleted endpoint's last
 * batch may still arrive at the shared receiver.
 */
const verified = (secret: string) =>
  receiver.received.flatMap((m) => {
    try {
      return [new Webhook(secret).verify(m.body, m.headers) as Delivered];
    } catch {
      return [];
    }
  });

describe('webhooks', () => {
  it('delivers every event signed the Standard Webhooks way, in order per resource, with webhook-id = event id', async () => {
    const { id: endpointId, secret } = await createEndpoint();
    expect(secret).toMatch(/^whsec_/);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await scim.post('/Users', newUser(`hook${i}@example.test`)).expect(201);
      ids.push((res.body as { id: string }).id);
    }
    for (const id of ids) {
      await scim
        .patch(`/Users/${id}`, patchOp({ op: 'replace', path: 'title', value: 'Engineer' }))
        .expect(200);
    }
    await waitFor(
      async () => receiver.received.length,
      (n) => n >= 6,
    );
    const events = verified(secret);
    expect(events).toHaveLength(6);
    for (const id of ids) {
      expect(events.filter((e) => e.resourceId === id).map((e) => [e.type, e.version])).toEqual([
        ['user.created', 1],
        ['user.updated', 2],
      ]);
    }
    expect(receiver.received.map((m) => m.headers['webhook-id'])).toEqual(events.map((e) => e.id));
    const log = (await api().get(`/webhooks/${endpointId}/deliveries`).expect(200)).body as {
      deliveries: Array<{ ok: boolean; status: number; latencyMs: number }>;
    };
    expect(log.deliveries).toHaveLength(6);
    expect(log.deliveries.every((d) => d.ok && d.status === 204 && d.latencyMs >= 0)).toBe(true);
    await t
      .http()
      .delete(`/api/admin/webhooks/${endpointId}`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(204);
  });

  it('only the chosen event types are sent', async () => {
    const { id, secret } = await createEndpoint({ types: ['user.deactivated'] });
    const user = (
      (await scim.post('/Users', newUser('filtered@example.test')).expect(201)).body as {
        id: string;
      }
    ).id;
    await scim
      .patch(`/Users/${user}`, patchOp({ op: 'replace', path: 'active', value: false }))
      .expect(200);
    await waitFor(
      async () => receiver.received.length,
      (n) => n >= 1,
    );
    expect(verified(secret).map((e) => e.type)).toEqual(['user.deactivated']);
    await t
      .http()
      .delete(`/api/admin/webhooks/${id}`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(204);
  });

  it('a failing receiver gets retries with the same webhook-id; the log shows status, latency and the response excerpt', async () => {
    const { id, secret } = await createEndpoint();
    // Only this test's messages count (a deleted endpoint's last batch may still arrive).
    const mine = () => receiver.received.filter((m) => m.body.includes('retry@example.test'));
    let refusals = 0;
    receiver.answer((m) => (m.body.includes('retry@example.test') && refusals++ < 2 ? 503 : 200));
    await scim.post('/Users', newUser('retry@example.test')).expect(201);
    await waitFor(
      async () => mine().length,
      (n) => n >= 3,
    );
    const ids = new Set(mine().map((m) => m.headers['webhook-id']));
    expect(ids.size).toBe(1);
    const last = mine()[2]!;
    expect((new Webhook(secret).verify(last.body, last.headers) as Delivered).type).toBe(
      'user.created',
    );
    const log = (await api().get(`/webhooks/${id}/deliveries`).expect(200)).body as {
      deliveries: Array<{ ok: boolean; status: number; responseExcerpt: string; attempt: number }>;
    };
    expect(log.deliveries.map((d) => [d.ok, d.status, d.attempt])).toEqual([
      [true, 200, 3],
      [false, 503, 2],
      [false, 503, 1],
    ]);
    expect(log.deliveries[1]!.responseExcerpt).toBe('receiver says no (503)');
    await t
      .http()
      .delete(`/api/admin/webhooks/${id}`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(204);
  });

  it('a failure holds back only its own resource: other resources go on, its later events wait', async () => {
    const { id, secret } = await createEndpoint();
    let refused = false;
    const refusedIndex = new Set<number>();
    receiver.answer((m, i) => {
      if (!refused && m.body.includes('held-a@example.test')) {
        refused = true;
        refusedIndex.add(i);
        return 503;
      }
      return 204;
    });
    const created = await scim.post('/Users', newUser('held-a@example.test')).expect(201);
    const a = (created.body as { id: string }).id;
    await scim
      .patch(`/Users/${a}`, patchOp({ op: 'replace', path: 'title', value: 'Later' }))
      .expect(200);
    const other = await scim.post('/Users', newUser('held-b@example.test')).expect(201);
    const b = (other.body as { id: string }).id;
    const accepted = () =>
      receiver.received
        .filter((m, i) => !refusedIndex.has(i) && m.body.includes('held-'))
        .map((m) => new Webhook(secret).verify(m.body, m.headers) as Delivered);
    const firstOf = (resource: string, type: string) =>
      accepted().findIndex((e) => e.resourceId === resource && e.type === type);
    await waitFor(
      async () => [firstOf(a, 'user.updated'), firstOf(b, 'user.created')],
      (found) => found.every((i) => i >= 0),
    );
    expect(refused).toBe(true);
    expect(firstOf(a, 'user.created')).toBeGreaterThanOrEqual(0);
    expect(firstOf(a, 'user.created')).toBeLessThan(firstOf(a, 'user.updated'));
    expect(firstOf(b, 'user.created')).toBeGreaterThanOrEqual(0);
    await t
      .http()
      .delete(`/api/admin/webhooks/${id}`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(204);
  });

  it('"send test event" and "redeliver": a signed test message; a redelivery repeats the webhook-id', async () => {
    const { id, secret } = await createEndpoint();
    const test = (await api().post(`/webhooks/${id}/test`).expect(200)).body as {
      id: string;
      ok: boolean;
      messageId: string;
    };
    expect(test.ok).toBe(true);
    expect(verified(secret)[0]!.type).toBe('webhook.test');
    const again = (await api().post(`/webhooks/${id}/deliveries/${test.id}/redeliver`).expect(200))
      .body as { messageId: string };
    expect(again.messageId).toBe(test.messageId);
    expect(verified(secret).map((e) => e.id)).toEqual([test.messageId, test.messageId]);
    await t
      .http()
      .delete(`/api/admin/webhooks/${id}`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(204);
  });

  it('rotating the secret: during the overlap a message verifies with the old and the new secret', async () => {
    const { id, secret: old } = await createEndpoint();
    const rotated = (
      await api().post(`/webhooks/${id}/rotate-secret`, { overlapMinutes: 60 }).expect(200)
    ).body as {
      secret: string;
      secrets: Array<{ expiresAt: string | null }>;
    };
    expect(rotated.secret).not.toBe(old);
    expect(rotated.secrets.filter((s) => s.expiresAt === null)).toHaveLength(1);
    await api().post(`/webhooks/${id}/test`).expect(200);
    expect(verified(old)).toHaveLength(1);
    expect(verified(rotated.secret)).toHaveLength(1);
    await t
      .http()
      .delete(`/api/admin/webhooks/${id}`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(204);
  });

  it('an endpoint failing for longer than WEBHOOK_DISABLE_AFTER_MINUTES is disabled, and the administrator sees why', async () => {
    const { id } = await createEndpoint();
    receiver.answer(() => 500);
    await t.ctx.conn.collection('webhook_endpoints').updateOne({ _id: id } as never, {
      $set: { failingSince: new Date(Date.now() - 5 * 60_000), attempts: 40 },
    });
    await scim.post('/Users', newUser('never-heard@example.test')).expect(201);
    const endpoint = await waitFor(
      async () =>
        (
          (await api().get('/webhooks').expect(200)).body as {
            endpoints: Array<{ id: string; status: string; disabledReason: string | null }>;
          }
        ).endpoints.find((e) => e.id === id)!,
      (e) => e.status === 'disabled',
    );
    expect(endpoint.disabledReason).toMatch(/failing since .* last error: HTTP 500/);
    receiver.answer(() => 204);
    await api().patch(`/webhooks/${id}`, { enabled: true }).expect(200);
    await waitFor(
      async () => receiver.received.filter((m) => m.body.includes('never-heard')).length,
      (n) => n >= 2,
    );
  });
});

describe('webhook targets on loopback and private networks (SSRF)', () => {
  let strict: TestApp;
  let strictAdmin: string;
  beforeAll(async () => {
    strict = await createTestApp('webhooks-ssrf');
    strictAdmin = await adminSession(strict);
  });
  afterAll(() => strict.close());

  it.each([
    'http://127.0.0.1:8080/hook',
    'http://localhost/hook',
    'http://[::1]/hook',
    'http://10.1.2.3/hook',
    'http://172.16.0.1/hook',
    'http://192.168.1.1/hook',
    'http://169.254.169.254/latest/meta-data',
    'http://0x7f000001/hook',
    'http://[::ffff:127.0.0.1]/hook',
    'ftp://example.com/hook',
    'http://user:pass@example.com/hook',
  ])('refuses %s unless allowed by configuration', async (url) => {
    const res = await strict
      .http()
      .post('/api/admin/webhooks')
      .set('Authorization', `Bearer ${strictAdmin}`)
      .send({ url })
      .expect(400);
    expect((res.body as { error: { code: string } }).error.code).toMatch(
      /^(webhook_target_refused|invalid_url)$/,
    );
  });
});
