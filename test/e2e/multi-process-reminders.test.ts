import { randomBytes } from 'node:crypto';
import mongoose, { type Connection } from 'mongoose';
import {
  startSendgridStandIn,
  STAND_IN_API_KEY,
  type SendgridStandIn,
} from '../support/sendgrid-stand-in';
import { startServerProcesses, type ServerProcess } from '../support/server-process';
import { uniqueDbName } from '../support/test-app';
import { linkIn, waitFor } from '../support/welcome-harness';

jest.setTimeout(300_000);

const TOKEN = `scim_${randomBytes(24).toString('base64url')}`;
const ADMIN = { email: 'ops@example.test', password: 'a long enough admin password' };
const USERS = 40;
const DAY = 86_400_000;

let sendgrid: SendgridStandIn;
let conn: Connection;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  sendgrid = await startSendgridStandIn();
  const dbName = uniqueDbName('multiremind');
  conn = await mongoose.createConnection(`${process.env.TEST_MONGODB_URI}/${dbName}`).asPromise();
  const env = {
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
    WELCOME_REMINDER_SCAN_SECONDS: '0',
    // One public origin for both, as behind a load balancer: links are the same from either.
    PUBLIC_BASE_URL: 'https://scim.example.test',
  };
  servers.push(...(await startServerProcesses(2, env)));
});

afterAll(async () => {
  await Promise.all(servers.splice(0).map((s) => s.kill()));
  await sendgrid.close();
  await conn.dropDatabase().catch(() => undefined);
  await conn.close();
});

type SgBody = {
  personalizations: Array<{ to: Array<{ email: string }> }>;
  categories?: string[];
};
const countPerUser = (category: string) => {
  const counts = new Map<string, number>();
  for (const m of sendgrid.accepted) {
    const body = m.body as SgBody;
    if (!body.categories?.includes(category)) continue;
    const to = body.personalizations[0]!.to[0]!.email;
    counts.set(to, (counts.get(to) ?? 0) + 1);
  }
  return counts;
};

async function adminApi(method: string, path: string, body: unknown): Promise<number> {
  const signIn = await fetch(`${servers[0]!.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  const { token } = (await signIn.json()) as { token: string };
  const res = await fetch(`${servers[0]!.url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  await res.arrayBuffer();
  return res.status;
}

describe('reminders with two server processes on one database', () => {
  it('when the same reminders fall due for both processes, each user gets exactly one, with the welcome link', async () => {
    expect(
      await adminApi('PATCH', '/api/identity-manager/settings', { sendWelcomeEmail: true }),
    ).toBe(200);
    expect(await adminApi('PATCH', '/api/identity-manager/reminders', { remindAfterDays: 3 })).toBe(
      200,
    );
    for (let i = 0; i < USERS; i++) {
      const res = await fetch(`${servers[i % 2]!.url}/scim/v2/Users`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/scim+json', Authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify({
          userName: `racer${i}@example.test`,
          emails: [{ value: `racer${i}@example.test`, primary: true }],
        }),
      });
      await res.arrayBuffer();
      expect(res.status).toBe(201);
    }
    await waitFor(
      async () => countPerUser('welcome').size,
      (n) => n === USERS,
      60_000,
    );
    // Accepted by the provider is not yet settled: wait for the outcome in every document.
    const users = conn.collection('users');
    await waitFor(
      () => users.countDocuments({ 'welcome.state': 'sent' }),
      (n) => n === USERS,
      60_000,
    );
    expect(countPerUser('welcome-reminder').size).toBe(0);
    // Both processes run on the real clock, so the welcome emails are moved three days into
    // the past instead: every reminder falls due at once for both workers.
    for (const user of await users.find({}).toArray()) {
      const sentAt = (user.welcome as { sentAt: Date }).sentAt;
      await users.updateOne(
        { _id: user._id },
        { $set: { 'welcome.sentAt': new Date(sentAt.getTime() - 3 * DAY - 60_000) } },
      );
    }
    await waitFor(
      () => users.countDocuments({ 'welcome.reminder.state': 'sent' }),
      (n) => n === USERS,
      60_000,
    );
    const reminders = countPerUser('welcome-reminder');
    expect(reminders.size).toBe(USERS);
    expect([...reminders.values()].every((n) => n === 1)).toBe(true);
    for (let i = 0; i < USERS; i++) {
      const to = (m: { body: unknown }) =>
        (m.body as SgBody).personalizations[0]!.to[0]!.email === `racer${i}@example.test`;
      const [welcome, reminder] = sendgrid.accepted.filter(to);
      expect(linkIn(reminder!.body)).toBe(linkIn(welcome!.body));
    }
    expect(servers.every((s) => s.child.exitCode === null)).toBe(true);
  });
});
