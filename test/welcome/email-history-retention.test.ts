import { createTestApp, type TestApp } from '../support/test-app';
import { startWelcomeHarness, waitFor } from '../support/welcome-harness';

// What happened to each email (password-reset jobs, one-time links, SendGrid's events) is kept
// for EMAIL_HISTORY_DAYS and then removed by the database's TTL indexes, documents written
// before the setting included: each index counts from a date every document already has.
const DAY_S = 86_400;

const ttlOf = async (t: TestApp) => {
  const of = async (
    collection: { indexes(): Promise<Array<Record<string, unknown>>> },
    key: string,
  ) =>
    (await collection.indexes()).find(
      (index) => JSON.stringify(index.key) === JSON.stringify({ [key]: 1 }),
    )?.expireAfterSeconds;
  return {
    resetJobs: await of(t.ctx.MailJob.collection, 'createdAt'),
    resetLinks: await of(t.ctx.Link.collection, 'historyFrom'),
    deliveryEvents: await of(t.ctx.DeliveryEvent.collection, 'receivedAt'),
  };
};

const apps: TestApp[] = [];
afterAll(async () => {
  for (const app of apps) await app.close();
});

it('keeps the email history 365 days by default, counted from when each thing happened', async () => {
  const t = await createTestApp('emailhistory');
  apps.push(t);
  expect(await ttlOf(t)).toEqual({
    resetJobs: 365 * DAY_S,
    resetLinks: 365 * DAY_S,
    deliveryEvents: 365 * DAY_S,
  });
});

it('remembers a spent set-password grant a day beyond its 30 minutes, not for ever', async () => {
  const t = await createTestApp('grantuses');
  apps.push(t);
  const indexes = await t.ctx.conn.collection('set_password_grant_uses').indexes();
  expect(indexes).toContainEqual(
    expect.objectContaining({ key: { at: 1 }, expireAfterSeconds: 30 * 60 + DAY_S }),
  );
});

it('a changed EMAIL_HISTORY_DAYS applies at the next start, to what is already stored', async () => {
  const first = await createTestApp('emailhistorychange');
  apps.push(first);
  const dbName = first.ctx.conn.name;
  const again = await createTestApp('emailhistorychange', { EMAIL_HISTORY_DAYS: '30' }, { dbName });
  apps.push(again);
  expect(await ttlOf(again)).toEqual({
    resetJobs: 30 * DAY_S,
    resetLinks: 30 * DAY_S,
    deliveryEvents: 30 * DAY_S,
  });
  // A TTL on the links' expiry, as an earlier version made it, is removed at the next start.
  await again.ctx.Link.collection.dropIndex('historyFrom_1');
  await again.ctx.Link.collection.createIndex({ expiresAt: 1 }, { expireAfterSeconds: DAY_S });
  const upgraded = await createTestApp(
    'emailhistorychange',
    { EMAIL_HISTORY_DAYS: '30' },
    { dbName },
  );
  apps.push(upgraded);
  expect(
    (await upgraded.ctx.Link.collection.indexes()).filter(
      (i) => i.expireAfterSeconds !== undefined,
    ),
  ).toEqual([expect.objectContaining({ key: { historyFrom: 1 }, expireAfterSeconds: 30 * DAY_S })]);
  // Starting again with the same setting changes nothing.
  const same = await createTestApp('emailhistorychange', { EMAIL_HISTORY_DAYS: '30' }, { dbName });
  apps.push(same);
  expect(await ttlOf(same)).toEqual(await ttlOf(again));
});

it("keeps a welcome link while its user may still need it; a reset link's history counts from its expiry", async () => {
  const h = await startWelcomeHarness('emailhistorylinks');
  try {
    await h.setSwitch('sendWelcomeEmail', true);
    const { id } = await h.createScimUser('kept-link@example.test');
    await h.waitForUser(id!, (u) => u.welcome.state === 'sent');
    await h.t
      .http()
      .post(`/api/admin/users/${id}/password-reset`)
      .set('Authorization', `Bearer ${h.admin}`)
      .expect(202);
    const links = await waitFor(
      () => h.t.ctx.Link.collection.find({ userId: id }).toArray(),
      (found) => found.length === 2,
    );
    const welcome = links.find((l) => l.purpose === 'welcome')!;
    const reset = links.find((l) => l.purpose === 'password-reset')!;
    // Without the field the TTL index never removes it: the "email me a new link" page needs it.
    expect(welcome.historyFrom).toBeUndefined();
    expect(reset.historyFrom).toEqual(reset.expiresAt);
    // A TTL index on the link's expiry (made by an earlier version) is gone.
    expect(
      (await h.t.ctx.Link.collection.indexes()).filter((i) => i.expireAfterSeconds !== undefined),
    ).toEqual([expect.objectContaining({ key: { historyFrom: 1 } })]);
  } finally {
    await h.close();
  }
});
