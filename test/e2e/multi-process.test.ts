import {
  startServerProcess,
  startServerProcesses,
  type ServerProcess,
} from '../support/server-process';
import { waitFor } from '../support/welcome-harness';
import {
  acceptedPerUser,
  createUser,
  runPool,
  startWelcomeProcesses,
  switchOn,
  type WelcomeProcesses,
} from './welcome-processes';

jest.setTimeout(300_000);

let p: WelcomeProcesses;
const servers: ServerProcess[] = [];

beforeEach(async () => {
  p = await startWelcomeProcesses('multiproc');
});

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.kill()));
  await p.close();
});

const sentUsers = () => p.conn.collection('users').countDocuments({ 'welcome.state': 'sent' });

describe('the outbox across processes', () => {
  it('two server processes on one database, 1,000 creates spread over both: 1,000 emails, none twice', async () => {
    servers.push(...(await startServerProcesses(2, p.env)));
    await switchOn(servers[0]!);
    const names = Array.from({ length: 1000 }, (_, i) => `mp${i}@example.test`);
    const statuses: number[] = [];
    await runPool(names, 16, async (name, i) => {
      statuses.push(await createUser(servers[i % 2]!, name));
    });
    expect(statuses.filter((s) => s !== 201)).toEqual([]);
    await p.sendgrid.waitForAccepted(1000, 240_000);
    await waitFor(sentUsers, (n) => n === 1000, 30_000, 250);
    const perUser = acceptedPerUser(p.sendgrid);
    expect(perUser.size).toBe(1000);
    expect([...perUser.values()].filter((e) => e.count > 1)).toHaveLength(0);
  });

  it('a worker killed with SIGKILL while SendGrid holds its sends open, and restarted: every queued user gets its email, only the held ones may repeat, with the same link', async () => {
    const crashEnv = { ...p.env, OUTBOX_LEASE_SECONDS: '5', OUTBOX_CONCURRENCY: '4' };
    const first = await startServerProcess(crashEnv);
    servers.push(first);
    await switchOn(first);
    const names = Array.from({ length: 60 }, (_, i) => `crash${i}@example.test`);
    await runPool(names, 8, async (name) => {
      expect(await createUser(first, name)).toBe(201);
    });
    await p.sendgrid.waitForAccepted(10, 60_000);
    // From here SendGrid receives sends and answers none: the kill lands with sends in flight.
    p.sendgrid.hold();
    await p.sendgrid.waitForInFlight(4, 60_000);
    await first.kill();
    const inFlightAtKill = p.sendgrid.heldUserIds();
    expect(inFlightAtKill.length).toBeGreaterThan(0);
    // SendGrid took them all (the worst case): the dead process never learned it.
    p.sendgrid.release();
    servers.push(await startServerProcess(crashEnv));
    await waitFor(sentUsers, (n) => n === 60, 120_000, 250);
    const perUser = acceptedPerUser(p.sendgrid);
    expect(perUser.size).toBe(60);
    const repeated = [...perUser].filter(([, e]) => e.count > 1).map(([id]) => id);
    // Only a send whose outcome the dead process never learned can repeat; it repeats the same link.
    expect(inFlightAtKill).toEqual(expect.arrayContaining(repeated));
    expect(repeated.length).toBeLessThanOrEqual(inFlightAtKill.length);
    for (const entry of perUser.values()) expect(entry.links.size).toBe(1);
  });
});
