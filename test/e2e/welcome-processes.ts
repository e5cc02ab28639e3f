import { randomBytes } from 'node:crypto';
import mongoose, { type Connection } from 'mongoose';
import {
  startSendgridStandIn,
  STAND_IN_API_KEY,
  type SendgridStandIn,
} from '../support/sendgrid-stand-in';
import type { ServerProcess } from '../support/server-process';
import { uniqueDbName } from '../support/test-app';

/** Server processes on one fresh database, sending welcome emails to one SendGrid stand-in. */
export interface WelcomeProcesses {
  sendgrid: SendgridStandIn;
  conn: Connection;
  env: Record<string, string>;
  close(): Promise<void>;
}

const TOKEN = `scim_${randomBytes(24).toString('base64url')}`;
const ADMIN = { email: 'ops@example.test', password: 'a long enough admin password' };

/** `extraEnv` adds to (or overrides) the shared environment, e.g. a reminder scan interval. */
export async function startWelcomeProcesses(
  name: string,
  extraEnv: Record<string, string> = {},
): Promise<WelcomeProcesses> {
  const sendgrid = await startSendgridStandIn();
  const dbName = uniqueDbName(name);
  const uri = `${process.env.TEST_MONGODB_URI}/${dbName}`;
  const conn = await mongoose.createConnection(uri).asPromise();
  const env = {
    MONGODB_URI: uri,
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
    ...extraEnv,
  };
  return {
    sendgrid,
    conn,
    env,
    async close() {
      await sendgrid.close();
      await conn.dropDatabase().catch(() => undefined);
      await conn.close();
    },
  };
}

/** An administration API call as the bootstrap administrator; answers the status. */
export async function adminRequest(
  server: ServerProcess,
  method: string,
  path: string,
  body: unknown,
): Promise<number> {
  const signIn = await fetch(`${server.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  const { token } = (await signIn.json()) as { token: string };
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  await res.arrayBuffer();
  return res.status;
}

export async function switchOn(server: ServerProcess): Promise<void> {
  const status = await adminRequest(server, 'PATCH', '/api/identity-manager/settings', {
    sendWelcomeEmail: true,
  });
  if (status !== 200) throw new Error(`switch: ${status}`);
}

export async function createUser(server: ServerProcess, userName: string): Promise<number> {
  const res = await fetch(`${server.url}/scim/v2/Users`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/scim+json', Authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ userName, emails: [{ value: userName, primary: true }] }),
  });
  await res.arrayBuffer();
  return res.status;
}

export async function runPool<T>(
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

/** Per user id: how many messages the stand-in accepted, and the distinct welcome links in them. */
export function acceptedPerUser(sendgrid: SendgridStandIn) {
  const counts = new Map<string, { count: number; links: Set<string> }>();
  for (const m of sendgrid.accepted) {
    const body = m.body as { custom_args: { userId: string }; content: Array<{ value: string }> };
    const entry = counts.get(body.custom_args.userId) ?? { count: 0, links: new Set<string>() };
    entry.count++;
    entry.links.add(/\/welcome\/[A-Za-z0-9_-]+/.exec(body.content[0]!.value)?.[0] ?? '');
    counts.set(body.custom_args.userId, entry);
  }
  return counts;
}
