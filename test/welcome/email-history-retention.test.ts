import { createTestApp, type TestApp } from '../support/test-app';

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
    links: await of(t.ctx.Link.collection, 'expiresAt'),
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
    links: 365 * DAY_S,
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
    links: 30 * DAY_S,
    deliveryEvents: 30 * DAY_S,
  });
  // Starting again with the same setting changes nothing.
  const same = await createTestApp('emailhistorychange', { EMAIL_HISTORY_DAYS: '30' }, { dbName });
  apps.push(same);
  expect(await ttlOf(same)).toEqual(await ttlOf(again));
});
