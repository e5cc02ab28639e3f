import { startServerProcess, type ServerProcess } from '../support/server-process';
import { waitFor } from '../support/welcome-harness';
import {
  acceptedPerUser,
  createUser,
  runPool,
  startWelcomeProcesses,
  switchOn,
  type WelcomeProcesses,
} from './welcome-processes';

// README "States": graceful shutdown finishes in-flight sends and writes their outcomes.
jest.setTimeout(180_000);

let p: WelcomeProcesses;
const servers: ServerProcess[] = [];
beforeAll(async () => {
  p = await startWelcomeProcesses('graceful');
});
afterAll(async () => {
  await Promise.all(servers.splice(0).map((s) => s.kill()));
  await p.close();
});

const USERS = 30;
const users = () => p.conn.collection('users');

describe('SIGTERM during sends', () => {
  it('the sends in flight finish and their outcomes are written before the process exits; the rest stay queued for the next one, and nobody gets two emails', async () => {
    const env = { ...p.env, OUTBOX_CONCURRENCY: '4', OUTBOX_LEASE_SECONDS: '60' };
    const first = await startServerProcess(env);
    servers.push(first);
    await switchOn(first);
    p.sendgrid.delay(1_500); // a slow provider: each send takes 1.5 s to be answered
    const names = Array.from({ length: USERS }, (_, i) => `term${i}@example.test`);
    await runPool(names, 8, async (name) => {
      expect(await createUser(first, name)).toBe(201);
    });
    await p.sendgrid.waitForInFlight(1, 60_000);
    const inFlightAtTerm = p.sendgrid.inFlight;

    expect(await first.stop()).toBe(0);
    // Nothing was left hanging at SendGrid, and every accepted send has its outcome written.
    expect(p.sendgrid.inFlight).toBe(0);
    const accepted = [...acceptedPerUser(p.sendgrid).keys()];
    expect(accepted.length).toBeGreaterThanOrEqual(inFlightAtTerm);
    const settled = await users().countDocuments({
      _id: { $in: accepted } as never,
      'welcome.state': 'sent',
    });
    expect(settled).toBe(accepted.length);
    // No lease was left behind: whatever was not sent is queued and free for another process.
    expect(
      await users().countDocuments({
        'welcome.state': 'queued',
        'welcome.leaseId': { $exists: true },
      } as never),
    ).toBe(0);
    expect(accepted.length).toBeLessThan(USERS);

    p.sendgrid.delay(0);
    servers.push(await startServerProcess(env));
    await waitFor(
      () => users().countDocuments({ 'welcome.state': 'sent' }),
      (n) => n === USERS,
      60_000,
      250,
    );
    const perUser = acceptedPerUser(p.sendgrid);
    expect(perUser.size).toBe(USERS);
    expect([...perUser.values()].filter((e) => e.count > 1)).toHaveLength(0);
  });
});
