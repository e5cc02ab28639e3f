import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createOutbox } from '../../src/app/build-application';
import type { HostResolver } from '../../src/events/webhooks/target-guard';
import { adminSession, createTestApp, scimToken, type TestApp } from '../support/test-app';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';
import { waitFor } from '../support/welcome-harness';
import { newUser, scimClient } from './events-support';

// README "Webhooks → SSRF": checked again at each connection, after DNS; redirects not followed.
jest.setTimeout(60_000);

interface Delivery {
  trigger: string;
  ok: boolean;
  status: number | null;
  error: string | null;
}

const REBINDING = 'rebind.example.test';
let rebindTo = '203.0.113.10'; // TEST-NET-3: public by the guard's ranges, never connected to
const resolveHost: HostResolver = async (hostname) =>
  hostname === REBINDING ? [{ address: rebindTo, family: 4 }] : [];

async function admin(t: TestApp) {
  const session = await adminSession(t);
  const call = (method: 'get' | 'post', path: string, body?: object) => {
    const req = t.http()[method](`/api/admin${path}`).set('Authorization', `Bearer ${session}`);
    return body ? req.send(body) : req;
  };
  return {
    save: (url: string) => call('post', '/webhooks', { url }),
    test: (id: string) => call('post', `/webhooks/${id}/test`, {}),
    deliveries: async (id: string) =>
      ((await call('get', `/webhooks/${id}/deliveries`)).body as { deliveries: Delivery[] })
        .deliveries,
  };
}

describe('a name that resolves to a public address at save and to loopback at delivery', () => {
  let t: TestApp;
  let receiver: WebhookReceiver;
  let worker: ReturnType<typeof createOutbox>;
  beforeAll(async () => {
    t = await createTestApp(
      'ssrfrebind',
      { OUTBOX_POLL_MS: '20', OUTBOX_RETRY_BASE_MS: '20' },
      { resolveHost },
    );
    receiver = await startWebhookReceiver();
    worker = createOutbox(t.ctx);
  });
  afterAll(async () => {
    await worker.stop();
    await receiver.close();
    await t.close();
  });

  it('is saved, then refused at every connection, logged as failed attempts, and the loopback receiver is never requested', async () => {
    const api = await admin(t);
    const { port } = new URL(receiver.url);
    const saved = await api.save(`http://${REBINDING}:${port}/hooks`);
    expect(saved.status).toBe(201);
    const id = (saved.body as { id: string }).id;
    rebindTo = '127.0.0.1'; // where the receiver listens

    const test = (await api.test(id)).body as Delivery;
    expect(test).toMatchObject({ trigger: 'test', ok: false, status: null });
    expect(test.error).toMatch(/resolves to 127\.0\.0\.1, a loopback or private-network address/);

    worker.start();
    await scimClient(t, await scimToken(t))
      .post('/Users', newUser('rebind@example.test'))
      .expect(201);
    const logged = await waitFor(
      () => api.deliveries(id),
      (d) => d.some((x) => x.trigger !== 'test'),
    );
    for (const attempt of logged) {
      expect(attempt).toMatchObject({ ok: false, status: null });
      expect(attempt.error).toMatch(/loopback or private-network/);
    }
    expect(receiver.received).toHaveLength(0);
  });
});

describe('a receiver that answers 302 to another address', () => {
  let t: TestApp;
  let inside: WebhookReceiver;
  let redirector: http.Server;
  beforeAll(async () => {
    // Private targets allowed only so that a receiver on loopback can be reached at all.
    t = await createTestApp('ssrfredirect', { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' });
    inside = await startWebhookReceiver();
    redirector = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(302, { Location: inside.url }).end());
    });
    await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    redirector.closeAllConnections();
    await new Promise((resolve) => redirector.close(resolve));
    await inside.close();
    await t.close();
  });

  it('is not followed: the attempt is logged as a failed 302 and the address it names is never requested', async () => {
    const api = await admin(t);
    const { port } = redirector.address() as AddressInfo;
    const saved = await api.save(`http://127.0.0.1:${port}/hooks`);
    expect(saved.status).toBe(201);
    const id = (saved.body as { id: string }).id;
    const test = (await api.test(id)).body as Delivery;
    expect(test).toMatchObject({ ok: false, status: 302, error: 'HTTP 302' });
    expect(await api.deliveries(id)).toEqual([expect.objectContaining({ ok: false, status: 302 })]);
    expect(inside.received).toHaveLength(0);
  });
});
