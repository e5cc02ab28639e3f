import { createTestApp, type TestApp } from '../support/test-app';
import { createEventRelay } from '../../src/events/relay-events';
import { publishedEvents, testRelay } from './events-support';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp('relay-chunks');
});
afterAll(() => t.close());

/** Records the size of every write the relay makes, by collection method. */
function spyOnWrites() {
  const sizes: Record<string, number[]> = { insertMany: [], bulkWrite: [] };
  const collections = [
    t.ctx.directory.events.Event.collection,
    t.ctx.directory.Membership.collection,
  ];
  const restore: Array<() => void> = [];
  for (const collection of collections) {
    for (const method of ['insertMany', 'bulkWrite'] as const) {
      const original = collection[method].bind(collection) as (...a: unknown[]) => unknown;
      // A spy that keeps the real behaviour: only the number of documents is recorded.
      (collection as unknown as Record<string, unknown>)[method] = (
        docs: unknown[],
        ...rest: unknown[]
      ) => {
        sizes[method]!.push(docs.length);
        return original(docs, ...rest);
      };
      restore.push(() => {
        (collection as unknown as Record<string, unknown>)[method] = original;
      });
    }
  }
  return { sizes, restore: () => restore.forEach((r) => r()) };
}

describe('the relay publishes a 1,000-member change in bounded chunks', () => {
  it('writes at most 200 events or updates at a time, and the positions stay gap-free and in order', async () => {
    const group = {
      id: 'big-group',
      displayName: 'Everyone',
      inGroups: false,
      version: 2,
      connector: 'Okta',
    };
    const members = Array.from({ length: 1000 }, (_, i) => ({
      id: `member-${i}`,
      type: 'User' as const,
    }));
    await t.ctx.directory.memberships.addMembers('default', group, members);
    const spy = spyOnWrites();
    try {
      while ((await testRelay(t.ctx).relay()) > 0);
    } finally {
      spy.restore();
    }
    expect(spy.sizes.insertMany!.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(Math.max(...spy.sizes.insertMany!, ...spy.sizes.bulkWrite!)).toBeLessThanOrEqual(200);
    const events = await publishedEvents(t);
    expect(events.map((e) => e.position)).toEqual(events.map((_, i) => i + 1));
    expect(events.filter((e) => e.type === 'group.member_added')).toHaveLength(1000);
    expect(
      await t.ctx.directory.Membership.countDocuments({ '_events.0': { $exists: true } }),
    ).toBe(0);
  });
});

describe("a pass that reads only a page of each collection still takes a member's group event with it", () => {
  it('publishes every group.created before its group.member_added, with many groups pending at once', async () => {
    const app = await createTestApp('relay-pages');
    try {
      const { directory } = app.ctx;
      const memberIds: string[] = [];
      for (let i = 0; i < 6; i++) {
        const user = await directory.users.insert(
          'default',
          { userName: `paged-${i}@example.test` },
          {},
          new Date(),
        );
        memberIds.push(user._id);
      }
      const groupIds: string[] = [];
      for (let i = 0; i < 6; i++) {
        const group = await directory.groups.insert(
          'default',
          { displayName: `Paged ${i}` },
          { noGroups: true },
          new Date(),
        );
        groupIds.push(group._id);
      }
      // Members go in last group first, so the first rows belong to the last groups.
      for (let i = 5; i >= 0; i--) {
        await directory.memberships.addMembers(
          'default',
          { id: groupIds[i]!, displayName: `Paged ${i}`, inGroups: false, version: 1 },
          [{ id: memberIds[i]!, type: 'User' }],
        );
      }
      // Pages of two: the rows of some groups come before the groups themselves are paged in.
      const relay = createEventRelay({
        directory,
        present: { registry: app.ctx.registry, baseUrl: app.ctx.scimBaseUrl },
        now: app.ctx.now,
        retentionDays: 30,
        onPublished: async () => undefined,
        batchSize: 2,
      });
      while ((await relay.relay()) > 0);
      const events = await directory.events.Event.collection
        .find({ resourceType: 'Group' })
        .sort({ position: 1 })
        .toArray();
      const groups = [...new Set(events.map((e) => String(e.resourceId)))];
      expect(groups).toHaveLength(6);
      for (const id of groups) {
        expect(events.filter((e) => e.resourceId === id).map((e) => e.type)).toEqual([
          'group.created',
          'group.member_added',
        ]);
      }
    } finally {
      await app.close();
    }
  });
});
