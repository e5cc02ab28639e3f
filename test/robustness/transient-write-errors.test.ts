import mongoose from 'mongoose';
import { classifyError } from '../../src/platform/errors/classify-error';
import { createTestApp, scimToken, type TestApp } from '../support/test-app';

// PostgreSQL aborts one of two transactions that wait on each other ("deadlock detected"), and
// FerretDB reports it as InternalError (code 1); MongoDB reports a write conflict as code 112.
// Either way nothing was written, and the write can simply be made again.
const deadlock = () =>
  new mongoose.mongo.MongoServerError({
    message: 'deadlock detected',
    code: 1,
    codeName: 'InternalError',
  });
// DocumentDB passes PostgreSQL's own code through when it reports the deadlock itself:
// SQLSTATE 40P01 packed six bits a character (PostgreSQL's MAKE_SQLSTATE) is 16908292.
const documentDbDeadlock = () =>
  new mongoose.mongo.MongoServerError({ message: 'deadlock detected', code: 16908292 });
const writeConflict = () =>
  new mongoose.mongo.MongoServerError({
    message: 'Write conflict during plan execution',
    code: 112,
    codeName: 'WriteConflict',
  });

let t: TestApp;
let token: string;
beforeAll(async () => {
  t = await createTestApp('transientwrites');
  token = await scimToken(t);
});
afterAll(async () => t.close());

const users = () => t.ctx.directory.users.collection;
const create = (userName: string) =>
  t
    .http()
    .post('/scim/v2/Users')
    .set('Authorization', `Bearer ${token}`)
    .set('Content-Type', 'application/scim+json')
    .send({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName });

describe('a write the database aborted as a deadlock or write conflict', () => {
  it('a create whose insert was aborted is made again: 201, stored once', async () => {
    const insert = jest.spyOn(users(), 'insertOne').mockRejectedValueOnce(deadlock());
    try {
      const res = await create('deadlocked@example.test');
      expect(res.status).toBe(201);
      expect(insert).toHaveBeenCalledTimes(2);
      expect(await users().countDocuments({ userName: 'deadlocked@example.test' })).toBe(1);
    } finally {
      insert.mockRestore();
    }
  });

  it("so is one DocumentDB aborted with PostgreSQL's own deadlock code", async () => {
    const insert = jest.spyOn(users(), 'insertOne').mockRejectedValueOnce(documentDbDeadlock());
    try {
      expect((await create('deadlocked-twice@example.test')).status).toBe(201);
      expect(insert).toHaveBeenCalledTimes(2);
    } finally {
      insert.mockRestore();
    }
  });

  it('concurrent creates of one userName in one process insert one at a time (no deadlock among them): one 201, 409 for the rest', async () => {
    const real = users().insertOne.bind(users());
    let inFlight = 0;
    let most = 0;
    const insert = jest.spyOn(users(), 'insertOne').mockImplementation((async (
      ...args: Parameters<typeof real>
    ) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      try {
        return await real(...args);
      } finally {
        inFlight -= 1;
      }
    }) as typeof real);
    try {
      const statuses = (
        await Promise.all(Array.from({ length: 10 }, () => create('Same.Name@example.test')))
      ).map((r) => r.status);
      expect(statuses.sort()).toEqual([201, ...Array<number>(9).fill(409)]);
      expect(most).toBe(1);
      // Different user names are not held up by each other.
      most = 0;
      const others = await Promise.all(
        Array.from({ length: 6 }, (_, i) => create(`parallel${i}@example.test`)),
      );
      expect(others.every((r) => r.status === 201)).toBe(true);
      expect(most).toBeGreaterThan(1);
    } finally {
      insert.mockRestore();
    }
  });

  it('a PATCH whose update was aborted is made again', async () => {
    const created = await create('patched@example.test');
    const update = jest.spyOn(users(), 'updateOne').mockRejectedValueOnce(writeConflict());
    try {
      const res = await t
        .http()
        .patch(`/scim/v2/Users/${created.body.id}`)
        .set('Authorization', `Bearer ${token}`)
        .set('Content-Type', 'application/scim+json')
        .send({
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [{ op: 'replace', path: 'displayName', value: 'Patched' }],
        });
      expect(res.status).toBe(200);
      expect(res.body.displayName).toBe('Patched');
      expect(res.body.meta.version).toBe('W/"2"');
    } finally {
      update.mockRestore();
    }
  });

  it('one that keeps failing is answered 503 with Retry-After, never 500', async () => {
    const insert = jest.spyOn(users(), 'insertOne').mockRejectedValue(deadlock());
    try {
      const res = await create('always-deadlocked@example.test');
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('1');
      expect(res.body).toMatchObject({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
        status: '503',
      });
    } finally {
      insert.mockRestore();
    }
    expect(classifyError(writeConflict())).toMatchObject({ status: 503, code: 'busy' });
    expect(classifyError(documentDbDeadlock())).toMatchObject({ status: 503, code: 'busy' });
    expect(classifyError(new Error('deadlock detected'))).toMatchObject({ status: 500 });
  });
});
