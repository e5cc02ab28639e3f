import request from 'supertest';
import { buildApplication } from '../../../src/app/build-application';
import { createContext } from '../../../src/app/context';
import { createTokenBucket } from '../../../src/platform/rate-limit/token-bucket';
import { createTestApp, scimToken, type TestApp } from '../../support/test-app';

describe("a tenant's SCIM limit holds across processes", () => {
  it('the token bucket gives this process its share: the limit ÷ the live processes', () => {
    const bucket = createTokenBucket({ ratePerSecond: 2, burst: 6, now: () => 0 });
    bucket.setProcesses(3);
    expect([1, 2, 3].map(() => bucket.take('a').allowed)).toEqual([true, true, false]);
    bucket.setProcesses(1);
    expect(bucket.take('b').allowed).toBe(true);
  });

  let t: TestApp;
  beforeAll(async () => {
    // A burst of 6 that barely refills (one token per 100 s): the burst is the whole budget.
    t = await createTestApp('throttle-processes', {
      SCIM_RATE_LIMIT_PER_SECOND: '0.01',
      SCIM_RATE_LIMIT_BURST: '6',
    });
  });
  afterAll(() => t.close());

  it('with three live processes on one database, each admits a third of the burst', async () => {
    const token = await scimToken(t);
    // Three processes of one deployment: each its own context (its own buckets) on the database.
    const processes = [1, 2, 3].map(() =>
      buildApplication(
        createContext({
          config: t.ctx.config,
          logger: t.ctx.logger,
          conn: t.ctx.conn,
          appSecret: t.ctx.appSecret,
        }),
      ),
    );
    // Each learns the others from the heartbeat it writes (what its worker does every few seconds).
    for (const p of processes) await p.heartbeat.beat();
    for (const p of processes) await p.heartbeat.beat();
    const list = (i: number) =>
      request(processes[i]!.app).get('/scim/v2/Users').set('Authorization', `Bearer ${token}`);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) for (let n = 0; n < 3; n++) statuses.push((await list(i)).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(6);
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
    for (const p of processes) await p.heartbeat.stop();
  });
});
