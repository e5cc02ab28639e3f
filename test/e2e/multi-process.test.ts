import { randomBytes } from 'node:crypto';
import mongoose, { type Connection } from 'mongoose';
import {
  startSendgridStandIn,
  STAND_IN_API_KEY,
  type SendgridStandIn,
} from '../support/sendgrid-stand-in';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { uniqueDbName } from '../support/test-app';
import { waitFor } from '../support/welcome-harness';

jest.setTimeout(300_000);

const TOKEN = `scim_${randomBytes(24).toString('base64url')}`;
const ADMIN = { email: 'ops@example.test', password: 'a long enough admin password' };

let sendgrid: SendgridStandIn;
let conn: Connection;
let env: Record<string, string>;
const servers: ServerProcess[] = [];

beforeEach(async () => {
  sendgrid = await startSendgridStandIn();
  const dbName = uniqueDbName('multiproc');
  conn = await mongoose.createConnection(`${process.env.TEST_MONGODB_URI}/${dbName}`).asPromise();
  env = {
    MONGODB_URI: `${process.env.TEST_MONGODB_URI}/${dbName}`,
    APP_SECRET: 'multi-process-test-secret-0123456789abcdef',
    SCIM_BOOTSTRAP_TOKEN: TOKEN,
    ADMIN_BOOTSTRAP_EMAIL: ADMIN.email,
    ADMIN_BOOTSTRAP_PASSWORD: ADMIN.password,
    EMAIL_TRANSPORT: 'sendgrid',
    SENDGRID_API_KEY: STAND_IN_API_KEY,
    SENDGRID_API_BASE_URL: sendgrid.url,
    EMAIL_FROM: 'no-reply@example.test',
    OUTBOX_POLL_MS: '50',
    OUTBOX_RETRY_BASE_MS: '20',
  };
});

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.kill()));
  await sendgrid.close();
  await conn.dropDatabase().catch(() => undefined);
  await conn.close();
});

async function switchOn(server: ServerProcess): Promise<void> {
  const signIn = await fetch(`${server.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  const { token } = (await signIn.json()) as { token: string };
  const res = await fetch(`${server.url}/api/identity-manager/settings`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ sendWelcomeEmail: true }),
  });
  expect(res.status).toBe(200);
}

async function createUser(server: ServerProcess, userName: string): Promise<number> {
  const res = await fetch(`${server.url}/scim/v2/Users`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/scim+json', Authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ userName, emails: [{ value: userName, primary: true }] }),
  });
  await res.arrayBuffer();
  return res.status;
}

async function runPool<T>(
  items: T[],
  concurrency: number,
  fn: (item: T, i: number) => Promise<void>,
): Promise<void> {
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

const acceptedPerUser = () => {
  const counts = new Map<string, { count: number; links: Set<string> }>();
  for (const m of sendgrid.accepted) {
    const body = m.body as { custom_args: { userId: string }; content: Array<{ value: string }> };
    const entry = counts.get(body.custom_args.userId) ?? { count: 0, links: new Set<string>() };
    entry.count++;
    entry.links.add(/\/welcome\/[A-Za-z0-9_-]+/.exec(body.content[0]!.value)?.[0] ?? '');
    counts.set(body.custom_args.userId, entry);
  }
  return counts;
};

const sentUsers = () => conn.collection('users').countDocuments({ 'welcome.state': 'sent' });

describe('the outbox across processes', () => {
  it('two server processes on one database, 1,000 creates spread over both: 1,000 emails, none twice', async () => {
    servers.push(await startServerProcess(env), await startServerProcess(env));
    await switchOn(servers[0]!);
    const names = Array.from({ length: 1000 }, (_, i) => `mp${i}@example.test`);
    const statuses: number[] = [];
    await runPool(names, 16, async (name, i) => {
      statuses.push(await createUser(servers[i % 2]!, name));
    });
    expect(statuses.filter((s) => s === 201)).toHaveLength(1000);
    await sendgrid.waitForAccepted(1000, 240_000);
    await waitFor(sentUsers, (n) => n === 1000, 30_000, 250);
    const perUser = acceptedPerUser();
    expect(perUser.size).toBe(1000);
    expect([...perUser.values()].filter((e) => e.count > 1)).toHaveLength(0);
  });

  it('a worker killed with SIGKILL mid-send and restarted: every queued user gets its email, and a repeat carries the same link', async () => {
    const crashEnv = { ...env, OUTBOX_LEASE_SECONDS: '5', OUTBOX_CONCURRENCY: '4' };
    const first = await startServerProcess(crashEnv);
    servers.push(first);
    await switchOn(first);
    sendgrid.delay(150);
    const names = Array.from({ length: 60 }, (_, i) => `crash${i}@example.test`);
    await runPool(names, 8, async (name) => {
      expect(await createUser(first, name)).toBe(201);
    });
    await sendgrid.waitForAccepted(10, 60_000);
    await first.kill();
    // Send leases the dead process still held (claimed, never settled): the only sends whose
    // outcome nobody learned.
    const inFlightAtKill = await conn.collection('users').countDocuments({
      'welcome.state': 'queued',
      'welcome.leaseId': { $exists: true },
      'welcome.dueAt': { $gt: new Date() },
    } as never);
    sendgrid.delay(0);
    servers.push(await startServerProcess(crashEnv));
    await waitFor(sentUsers, (n) => n === 60, 120_000, 250);
    const perUser = acceptedPerUser();
    expect(perUser.size).toBe(60);
    const repeated = [...perUser.values()].filter((e) => e.count > 1);
    // Only a send whose outcome the dead process never learned can repeat; it repeats the same link.
    expect(repeated.length).toBeLessThanOrEqual(inFlightAtKill);
    for (const entry of perUser.values()) expect(entry.links.size).toBe(1);
  });
});
