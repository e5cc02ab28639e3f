import { createTestApp, scimToken, type TestApp } from '../support/test-app';
import { newUser, patchOp, publishedEvents, scimClient } from './events-support';

let t: TestApp;
let scim: ReturnType<typeof scimClient>;

beforeAll(async () => {
  t = await createTestApp('lifecycle-events');
  scim = scimClient(t, await scimToken(t, 'default', 'Entra ID'));
});
afterAll(() => t.close());

const typesOf = (events: Array<{ type: string; resourceId: string }>, id: string) =>
  events.filter((e) => e.resourceId === id).map((e) => e.type);

describe('one event per committed change', () => {
  it('a created user has one user.created event with its SCIM JSON, version 1 and the connector; a retried create (409) adds none', async () => {
    const created = await scim.post('/Users', newUser('ada@example.test')).expect(201);
    await scim.post('/Users', newUser('ada@example.test')).expect(409);
    const id = (created.body as { id: string }).id;
    const events = (await publishedEvents(t)).filter((e) => e.resourceId === id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'user.created',
      tenantId: 'default',
      resourceType: 'User',
      version: 1,
      connector: 'Entra ID',
      data: expect.objectContaining({ id, userName: 'ada@example.test' }),
    });
    expect((events[0]!.data as { meta: { version: string } }).meta.version).toBe('W/"1"');
    const stored = await t.ctx.directory.User.collection.findOne({ _id: id } as never);
    expect(stored?._events ?? []).toHaveLength(0);
  });

  it('a PATCH names the changed attributes; a no-op PATCH adds no event; active false/true are deactivated/reactivated', async () => {
    const id = (
      (await scim.post('/Users', newUser('grace@example.test')).expect(201)).body as { id: string }
    ).id;
    await scim
      .patch(`/Users/${id}`, patchOp({ op: 'replace', path: 'displayName', value: 'Grace' }))
      .expect(200);
    await scim
      .patch(`/Users/${id}`, patchOp({ op: 'replace', path: 'displayName', value: 'Grace' }))
      .expect(200);
    await scim
      .patch(`/Users/${id}`, patchOp({ op: 'Replace', path: 'active', value: 'False' }))
      .expect(200);
    await scim
      .patch(`/Users/${id}`, patchOp({ op: 'replace', path: 'active', value: true }))
      .expect(200);
    const events = (await publishedEvents(t)).filter((e) => e.resourceId === id);
    expect(events.map((e) => [e.type, e.version])).toEqual([
      ['user.created', 1],
      ['user.updated', 2],
      ['user.deactivated', 3],
      ['user.reactivated', 4],
    ]);
    expect(events[1]!.changedAttributes).toEqual(['displayName']);
    expect(events[2]!.changedAttributes).toEqual(['active']);
    expect((events[2]!.data as { active: boolean }).active).toBe(false);
  });

  it('groups: created, member_added once (adding again is a no-op), member_removed, updated, deleted', async () => {
    const u1 = (
      (await scim.post('/Users', newUser('m1@example.test')).expect(201)).body as { id: string }
    ).id;
    const u2 = (
      (await scim.post('/Users', newUser('m2@example.test')).expect(201)).body as { id: string }
    ).id;
    const g = (
      (
        await scim
          .post('/Groups', {
            schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
            displayName: 'Engineers',
            members: [{ value: u1 }],
          })
          .expect(201)
      ).body as { id: string }
    ).id;
    await scim
      .patch(`/Groups/${g}`, patchOp({ op: 'add', path: 'members', value: [{ value: u1 }] }))
      .expect(204);
    await scim
      .patch(`/Groups/${g}`, patchOp({ op: 'add', path: 'members', value: [{ value: u2 }] }))
      .expect(204);
    await scim
      .patch(`/Groups/${g}`, patchOp({ op: 'remove', path: `members[value eq "${u1}"]` }))
      .expect(204);
    await scim
      .patch(`/Groups/${g}`, patchOp({ op: 'replace', path: 'displayName', value: 'Engineering' }))
      .expect(204);
    await scim.delete(`/Groups/${g}`).expect(204);
    const events = await publishedEvents(t);
    expect(typesOf(events, g)).toEqual([
      'group.created',
      'group.member_added',
      'group.updated',
      'group.member_added',
      'group.updated',
      'group.member_removed',
      'group.updated',
      'group.member_removed',
      'group.deleted',
    ]);
    const added = events.filter((e) => e.resourceId === g && e.type === 'group.member_added');
    expect(added.map((e) => (e.data.member as { value: string }).value)).toEqual([u1, u2]);
    const deleted = events.find((e) => e.resourceId === g && e.type === 'group.deleted')!;
    expect(deleted.data).toEqual({ id: g });
  });

  it('a deleted user has user.deleted (its id only) after its other events, and leaves its groups with member_removed', async () => {
    const id = (
      (await scim.post('/Users', newUser('leaver@example.test')).expect(201)).body as { id: string }
    ).id;
    const g = (
      (
        await scim
          .post('/Groups', {
            schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
            displayName: 'Leavers',
            members: [{ value: id }],
          })
          .expect(201)
      ).body as { id: string }
    ).id;
    await scim
      .patch(`/Users/${id}`, patchOp({ op: 'replace', path: 'title', value: 'Gone' }))
      .expect(200);
    await scim.delete(`/Users/${id}`).expect(204);
    await scim.delete(`/Users/${id}`).expect(404);
    const events = await publishedEvents(t);
    expect(typesOf(events, id)).toEqual(['user.created', 'user.updated', 'user.deleted']);
    expect(events.find((e) => e.resourceId === id && e.type === 'user.deleted')!.data).toEqual({
      id,
    });
    const removed = events.filter((e) => e.resourceId === g && e.type === 'group.member_removed');
    expect(removed.map((e) => (e.data.member as { value: string }).value)).toEqual([id]);
    expect(await t.ctx.directory.events.PendingDeletion.countDocuments()).toBe(0);
  });

  it('positions are gap-free and increasing; each resource has its versions in order', async () => {
    const events = await publishedEvents(t);
    expect(events.map((e) => e.position)).toEqual(events.map((_, i) => i + 1));
    const last = new Map<string, number>();
    for (const e of events) {
      if (e.version === null) continue;
      expect(e.version).toBeGreaterThanOrEqual(last.get(e.resourceId) ?? 0);
      last.set(e.resourceId, e.version);
    }
  });
});

describe('a deletion interrupted by a crash', () => {
  it('committed (pending deletion written, document still there): the relay finishes it and publishes one user.deleted', async () => {
    const id = (
      (await scim.post('/Users', newUser('half-deleted@example.test')).expect(201)).body as {
        id: string;
      }
    ).id;
    await publishedEvents(t);
    // What deleteById writes first, as if the process died before the document's delete.
    await t.ctx.directory.events.PendingDeletion.collection.insertOne({
      _id: `default|${id}|2`,
      tenantId: 'default',
      collection: 'users',
      documentId: id,
      version: 1,
      events: [
        {
          id: 'evt_crashdelete',
          type: 'user.deleted',
          tenantId: 'default',
          resourceType: 'User',
          resourceId: id,
          version: 2,
          at: new Date(),
          connector: 'Entra ID',
        },
      ],
      createdAt: new Date(Date.now() - 60_000),
    } as never);
    const events = await publishedEvents(t, 'default', 0);
    expect(typesOf(events, id)).toEqual(['user.created', 'user.deleted']);
    expect(await t.ctx.directory.User.countDocuments({ _id: id })).toBe(0);
  });

  it('void (a later write won the version): the pending deletion is dropped and no user.deleted is published', async () => {
    const id = (
      (await scim.post('/Users', newUser('survivor@example.test')).expect(201)).body as {
        id: string;
      }
    ).id;
    await t.ctx.directory.events.PendingDeletion.collection.insertOne({
      _id: `default|${id}|2`,
      tenantId: 'default',
      collection: 'users',
      documentId: id,
      version: 1,
      events: [
        {
          id: 'evt_lost',
          type: 'user.deleted',
          tenantId: 'default',
          resourceType: 'User',
          resourceId: id,
          version: 2,
          at: new Date(),
          connector: null,
        },
      ],
      createdAt: new Date(Date.now() - 60_000),
    } as never);
    await scim
      .patch(`/Users/${id}`, patchOp({ op: 'replace', path: 'title', value: 'Still here' }))
      .expect(200);
    const events = await publishedEvents(t, 'default', 0);
    expect(typesOf(events, id)).toEqual(['user.created', 'user.updated']);
    expect(await t.ctx.directory.events.PendingDeletion.countDocuments()).toBe(0);
  });
});
