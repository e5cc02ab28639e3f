import { randomBytes } from 'node:crypto';
import mongoose, { type Connection } from 'mongoose';
import { Webhook } from 'standardwebhooks';
import {
  startServerProcess,
  startServerProcesses,
  type ServerProcess,
} from '../support/server-process';
import { uniqueDbName } from '../support/test-app';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';
import { waitFor } from '../support/welcome-harness';

jest.setTimeout(240_000);

const TOKEN = `scim_${randomBytes(24).toString('base64url')}`;
const ADMIN = { email: 'ops@example.test', password: 'a long enough admin password' };

let conn: Connection;
let env: Record<string, string>;
let receiver: WebhookReceiver;
const servers: ServerProcess[] = [];

beforeEach(async () => {
  const dbName = uniqueDbName('eventsmp');
  conn = await mongoose.createConnection(`${process.env.TEST_MONGODB_URI}/${dbName}`).asPromise();
  receiver = await startWebhookReceiver();
  env = {
    MONGODB_URI: `${process.env.TEST_MONGODB_URI}/${dbName}`,
    APP_SECRET: 'events-multi-process-secret-0123456789abcdef',
    SCIM_BOOTSTRAP_TOKEN: TOKEN,
    ADMIN_BOOTSTRAP_EMAIL: ADMIN.email,
    ADMIN_BOOTSTRAP_PASSWORD: ADMIN.password,
    OUTBOX_POLL_MS: '50',
    OUTBOX_RETRY_BASE_MS: '20',
    OUTBOX_LEASE_SECONDS: '5',
    WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
  };
});

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.kill()));
  await receiver.close();
  await conn.dropDatabase().catch(() => undefined);
  await conn.close();
});

async function adminCall<T>(
  server: ServerProcess,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const signIn = await fetch(`${server.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  const { token } = (await signIn.json()) as { token: string };
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.status).toBeLessThan(300);
  return (await res.json()) as T;
}

async function scim(
  server: ServerProcess,
  method: string,
  path: string,
  body: unknown,
): Promise<{ status: number; id?: string }> {
  const res = await fetch(`${server.url}/scim/v2${path}`, {
    method,
    headers: { 'Content-Type': 'application/scim+json', Authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify(body),
  });
  const json = (await res.json().catch(() => ({}))) as { id?: string };
  return { status: res.status, id: json.id };
}

const user = (userName: string) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName,
  emails: [{ value: userName, primary: true }],
});

async function runPool<T>(
  items: T[],
  concurrency: number,
  fn: (item: T, i: number) => Promise<void>,
) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i]!, i);
      }
    }),
  );
}

interface ReadEvent {
  id: string;
  type: string;
  resourceId: string;
  version: number | null;
}

describe('events across processes', () => {
  it('two processes write while a reader follows the cursor: the reader sees every event once, in commit order, with no gap', async () => {
    servers.push(...(await startServerProcesses(2, env)));
    const reader = await adminCall<{ token: string }>(
      servers[0]!,
      'POST',
      '/api/admin/event-readers',
      { label: 'reader' },
    );
    const seen: ReadEvent[] = [];
    let cursor = '';
    let writing = true;
    const read = async () => {
      const res = await fetch(
        `${servers[1]!.url}/api/events?limit=50${cursor ? `&after=${cursor}` : ''}`,
        {
          headers: { Authorization: `Bearer ${reader.token}` },
        },
      );
      const page = (await res.json()) as { data: ReadEvent[]; cursor: string };
      seen.push(...page.data);
      cursor = page.cursor;
      return page.data.length;
    };
    const following = (async () => {
      while (writing) if ((await read()) === 0) await new Promise((r) => setTimeout(r, 20));
    })();
    const names = Array.from({ length: 120 }, (_, i) => `gap${i}@example.test`);
    await runPool(names, 8, async (name, i) => {
      const server = servers[i % 2]!;
      const created = await scim(server, 'POST', '/Users', user(name));
      expect(created.status).toBe(201);
      const patched = await scim(servers[(i + 1) % 2]!, 'PATCH', `/Users/${created.id}`, {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'replace', path: 'title', value: `t${i}` }],
      });
      expect(patched.status).toBe(200);
    });
    const total = () => conn.collection('events').countDocuments({ tenantId: 'default' });
    await waitFor(total, (n) => n === 240, 60_000, 100);
    writing = false;
    await following;
    while ((await read()) > 0);
    const committed = await conn
      .collection('events')
      .find({ tenantId: 'default' })
      .sort({ position: 1 })
      .toArray();
    expect(seen.map((e) => e.id)).toEqual(committed.map((e) => String(e._id)));
    expect(committed.map((e) => e.position as number)).toEqual(committed.map((_, i) => i + 1));
    const versions = new Map<string, number>();
    for (const e of seen) {
      expect(e.version!).toBeGreaterThan(versions.get(e.resourceId) ?? 0);
      versions.set(e.resourceId, e.version!);
    }
  });

  it('SIGKILL mid-delivery, then a restart: every event is delivered afterwards; a repeat carries the same webhook-id and body', async () => {
    const first = await startServerProcess(env);
    servers.push(first);
    const endpoint = await adminCall<{ secret: string }>(first, 'POST', '/api/admin/webhooks', {
      url: receiver.url,
    });
    receiver.answer(() => new Promise((resolve) => setTimeout(() => resolve(200), 100)));
    const names = Array.from({ length: 30 }, (_, i) => `kill${i}@example.test`);
    await runPool(names, 4, async (name) => {
      expect((await scim(first, 'POST', '/Users', user(name))).status).toBe(201);
    });
    await waitFor(
      async () => receiver.received.length,
      (n) => n >= 5,
      60_000,
      20,
    );
    await first.kill();
    receiver.answer(() => 204);
    servers.push(await startServerProcess(env));
    const distinct = () => new Set(receiver.received.map((m) => m.headers['webhook-id'])).size;
    await waitFor(
      async () => distinct(),
      (n) => n === 30,
      120_000,
      100,
    );
    const wh = new Webhook(endpoint.secret);
    const bodies = new Map<string, string>();
    for (const m of receiver.received) {
      const event = wh.verify(m.body, m.headers) as ReadEvent;
      expect(event.id).toBe(m.headers['webhook-id']);
      const known = bodies.get(event.id);
      if (known !== undefined) expect(m.body).toBe(known);
      bodies.set(event.id, m.body);
    }
    // Only messages of the batch the killed process had in flight can repeat.
    expect(receiver.received.length - bodies.size).toBeLessThanOrEqual(50);
  });
});
