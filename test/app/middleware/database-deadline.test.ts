import express from 'express';
import request from 'supertest';
import { databaseDeadline } from '../../../src/app/middleware/database-deadline';
import type { DatabaseAvailability } from '../../../src/platform/db/database-availability';
import type { ApiError } from '../../../src/platform/errors/api-error';

/** A database whose answers the test decides; `checked` resolves after `n` checks. */
function fakeDatabase(answers: { down?: boolean; ok: boolean }) {
  let checks = 0;
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  const db: DatabaseAvailability = {
    isDown: () => answers.down ?? false,
    check: () => {
      checks++;
      for (const w of waiters.filter((w) => checks >= w.n)) w.resolve();
      return Promise.resolve(answers.ok);
    },
  };
  const checked = (n: number) =>
    new Promise<void>((resolve) => (checks >= n ? resolve() : waiters.push({ n, resolve })));
  return { db, checked };
}

function appWith(db: DatabaseAvailability, handlerWaitsFor: () => Promise<void>) {
  const app = express();
  app.use(
    databaseDeadline(db, {
      checkAfterMs: 5,
      recheckMs: 5,
      pingTimeoutMs: 5,
      render: (error: ApiError, _req, res) =>
        res.status(error.status).set(error.headers).json({ code: error.code }),
    }),
  );
  app.get('/slow', async (_req, res) => {
    await handlerWaitsFor();
    if (!res.headersSent) res.json({ done: true });
  });
  app.use(
    (error: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      if (!res.headersSent) res.status(503).json({ code: (error as ApiError).code });
    },
  );
  return app;
}

describe('the database deadline', () => {
  it('leaves a slow request alone while the database answers, however many checks it takes', async () => {
    const { db, checked } = fakeDatabase({ ok: true });
    const res = await request(appWith(db, () => checked(3))).get('/slow');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ done: true });
  });

  it('answers 503 with Retry-After as soon as a check finds the database away, dropping the late answer', async () => {
    const { db, checked } = fakeDatabase({ ok: false });
    let release = () => undefined as void;
    const handlerDone = new Promise<void>((resolve) => (release = resolve));
    const app = appWith(db, () => handlerDone);
    const res = await request(app).get('/slow');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.body).toEqual({ code: 'unavailable' });
    await checked(1);
    release();
  });

  it('refuses at once while the heartbeat says the database is down', async () => {
    const { db } = fakeDatabase({ down: true, ok: false });
    const res = await request(appWith(db, () => Promise.resolve())).get('/slow');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ code: 'unavailable' });
  });
});
