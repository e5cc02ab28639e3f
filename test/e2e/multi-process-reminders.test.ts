import { startServerProcesses, type ServerProcess } from '../support/server-process';
import { linkIn, waitFor } from '../support/welcome-harness';
import {
  adminRequest,
  createUser,
  startWelcomeProcesses,
  type WelcomeProcesses,
} from './welcome-processes';

jest.setTimeout(300_000);

const USERS = 40;
const DAY = 86_400_000;

let p: WelcomeProcesses;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  p = await startWelcomeProcesses('multiremind', {
    WELCOME_REMINDER_SCAN_SECONDS: '0',
    // One public origin for both, as behind a load balancer: links are the same from either.
    PUBLIC_BASE_URL: 'https://scim.example.test',
  });
  servers.push(...(await startServerProcesses(2, p.env)));
});

afterAll(async () => {
  await Promise.all(servers.splice(0).map((s) => s.kill()));
  await p.close();
});

type SgBody = {
  personalizations: Array<{ to: Array<{ email: string }> }>;
  categories?: string[];
};
const countPerUser = (category: string) => {
  const counts = new Map<string, number>();
  for (const m of p.sendgrid.accepted) {
    const body = m.body as SgBody;
    if (!body.categories?.includes(category)) continue;
    const to = body.personalizations[0]!.to[0]!.email;
    counts.set(to, (counts.get(to) ?? 0) + 1);
  }
  return counts;
};

describe('reminders with two server processes on one database', () => {
  it('when the same reminders fall due for both processes, each user gets exactly one, with the welcome link', async () => {
    expect(
      await adminRequest(servers[0]!, 'PATCH', '/api/identity-manager/settings', {
        sendWelcomeEmail: true,
      }),
    ).toBe(200);
    expect(
      await adminRequest(servers[0]!, 'PATCH', '/api/identity-manager/reminders', {
        remindAfterDays: 3,
      }),
    ).toBe(200);
    for (let i = 0; i < USERS; i++) {
      expect(await createUser(servers[i % 2]!, `racer${i}@example.test`)).toBe(201);
    }
    await waitFor(
      async () => countPerUser('welcome').size,
      (n) => n === USERS,
      60_000,
    );
    // Accepted by the provider is not yet settled: wait for the outcome in every document.
    const users = p.conn.collection('users');
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
      const [welcome, reminder] = p.sendgrid.accepted.filter(to);
      expect(linkIn(reminder!.body)).toBe(linkIn(welcome!.body));
    }
    expect(servers.every((s) => s.child.exitCode === null)).toBe(true);
  });
});
