import mongoose from 'mongoose';
import { isTransientWriteError } from '../../src/platform/db/connect';
import { classifyError } from '../../src/platform/errors/classify-error';
import { patchOp, publishedEvents, scimClient } from '../events/events-support';
import { createTestApp, scimToken, type TestApp } from '../support/test-app';
import { waitFor } from '../support/welcome-harness';

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
    // A batch with documents that collided (beside duplicates) can be made again; one whose
    // only failures are duplicates cannot, and neither can one with any other failure.
    expect(isTransientWriteError(bulkError(11000, 16908292, 1))).toBe(true);
    expect(isTransientWriteError(bulkError(11000, 11000))).toBe(false);
    expect(isTransientWriteError(bulkError(16908292, 121))).toBe(false);
    expect(classifyError(bulkError(11000, 16908292))).toMatchObject({ status: 503, code: 'busy' });
  });
});

// What the driver throws when some documents of an insertMany (ordered: false) failed: a bulk
// error whose code and message are its first write error's, with every write error listed.
const bulkError = (...codes: number[]) =>
  new mongoose.mongo.MongoBulkWriteError(
    {
      message: codes[0] === 11000 ? 'E11000 duplicate key error' : 'deadlock detected',
      code: codes[0],
      // The driver's WriteError (not exported): code, index and errmsg of each failed document.
      writeErrors: codes.map((code, index) => ({
        code,
        index,
        errmsg: code === 11000 ? 'E11000 duplicate key error' : 'deadlock detected',
      })) as never,
    },
    {} as never,
  );

describe('membership and log writes the database aborted as a deadlock', () => {
  const memberships = () => t.ctx.directory.Membership.collection;
  const scim = () => scimClient(t, token);
  const idOf = (res: { body: unknown }) => (res.body as { id: string }).id;
  const group = async (displayName: string, members: string[]) =>
    idOf(
      await scim()
        .post('/Groups', {
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
          displayName,
          members: members.map((value) => ({ value })),
        })
        .expect(201),
    );
  const eventsOf = async (groupId: string, type: string) =>
    (await publishedEvents(t)).filter((e) => e.resourceId === groupId && e.type === type);

  it("an add whose rows met a deadlock beside an existing member's duplicate is made again: the new member is in, one event each", async () => {
    const existing = idOf(await create('member-existing@example.test'));
    const added = idOf(await create('member-added@example.test'));
    const groupId = await group('Deadlocked adds', [existing]);
    // The existing member's row is a duplicate (first), the new member's insert deadlocked.
    const insert = jest
      .spyOn(memberships(), 'insertMany')
      .mockRejectedValueOnce(bulkError(11000, 16908292));
    try {
      await scim()
        .patch(
          `/Groups/${groupId}`,
          patchOp({ op: 'add', path: 'members', value: [{ value: existing }, { value: added }] }),
        )
        .expect(204);
      expect(insert).toHaveBeenCalledTimes(2);
    } finally {
      insert.mockRestore();
    }
    expect((await memberships().find({ groupId }).toArray()).map((r) => r.memberId).sort()).toEqual(
      [existing, added].sort(),
    );
    const events = await eventsOf(groupId, 'group.member_added');
    expect(
      events.map((e) => (e.data as { member: { value: string } }).member.value).sort(),
    ).toEqual([existing, added].sort());
  });

  it('an add whose batch was partly stored before a deadlock, and partly removed again meanwhile, ends with every member in and their events in order', async () => {
    const first = idOf(await create('partly-first@example.test'));
    const second = idOf(await create('partly-second@example.test'));
    const groupId = await group('Partly stored adds', []);
    const real = memberships().insertMany.bind(memberships());
    const insert = jest.spyOn(memberships(), 'insertMany').mockImplementationOnce((async (
      docs: Array<Record<string, unknown>>,
      options: never,
    ) => {
      // The first row is stored, a concurrent PATCH removes it again, the second deadlocks.
      await real([docs[0]!] as never, options);
      await t.ctx.directory.memberships.removeMembers('default', groupId, [first]);
      throw bulkError(16908292);
    }) as never);
    try {
      await scim()
        .patch(
          `/Groups/${groupId}`,
          patchOp({
            op: 'add',
            path: 'members',
            value: [{ value: first }, { value: second }],
          }),
        )
        .expect(204);
      expect(insert).toHaveBeenCalledTimes(2);
    } finally {
      insert.mockRestore();
    }
    const events = (await publishedEvents(t)).filter((e) => e.resourceId === groupId);
    const of = (member: string) =>
      events
        .filter((e) => (e.data as { member?: { value: string } }).member?.value === member)
        .map((e) => e.type);
    // The add answered 204 stands: the removal in between is in the events, then the add again.
    expect(of(first)).toEqual(['group.member_added', 'group.member_removed', 'group.member_added']);
    expect(of(second)).toEqual(['group.member_added']);
    expect((await memberships().find({ groupId }).toArray()).map((r) => r.memberId).sort()).toEqual(
      [first, second].sort(),
    );
  });

  it('marking members as in a group is made again', async () => {
    const member = idOf(await create('member-marked@example.test'));
    const groupId = await group('Deadlocked marks', []);
    const update = jest.spyOn(users(), 'updateMany').mockRejectedValueOnce(documentDbDeadlock());
    try {
      await scim()
        .patch(
          `/Groups/${groupId}`,
          patchOp({ op: 'add', path: 'members', value: [{ value: member }] }),
        )
        .expect(204);
    } finally {
      update.mockRestore();
    }
    expect(await memberships().countDocuments({ groupId, memberId: member })).toBe(1);
  });

  it('a removal whose event or delete met a deadlock is made again: the member is out, one event', async () => {
    const member = idOf(await create('member-removed@example.test'));
    const groupId = await group('Deadlocked removals', [member]);
    const pending = jest
      .spyOn(t.ctx.directory.events.PendingDeletion.collection, 'insertMany')
      .mockRejectedValueOnce(bulkError(16908292));
    const remove = jest.spyOn(memberships(), 'deleteMany').mockRejectedValueOnce(deadlock());
    try {
      await scim()
        .patch(
          `/Groups/${groupId}`,
          patchOp({ op: 'remove', path: `members[value eq "${member}"]` }),
        )
        .expect(204);
      expect(pending).toHaveBeenCalledTimes(2);
      expect(remove).toHaveBeenCalledTimes(2);
    } finally {
      pending.mockRestore();
      remove.mockRestore();
    }
    expect(await memberships().countDocuments({ groupId })).toBe(0);
    expect(await eventsOf(groupId, 'group.member_removed')).toHaveLength(1);
  });

  it('a provisioning-log batch that met a deadlock is stored on the next try, not dropped', async () => {
    await t.ctx.provisioningLog.flush();
    const before = await t.ctx.ProvisioningEntry.collection.countDocuments({
      userName: 'logged@example.test',
    });
    const insert = jest
      .spyOn(t.ctx.ProvisioningEntry.collection, 'insertMany')
      .mockRejectedValueOnce(bulkError(1));
    try {
      expect((await create('logged@example.test')).status).toBe(201);
      // The entry is recorded as the response finishes: flush until it is stored.
      await waitFor(
        async () => {
          await t.ctx.provisioningLog.flush();
          return t.ctx.ProvisioningEntry.collection.countDocuments({
            userName: 'logged@example.test',
          });
        },
        (n) => n === before + 1,
      );
      expect(insert).toHaveBeenCalledTimes(2);
    } finally {
      insert.mockRestore();
    }
  });
});
