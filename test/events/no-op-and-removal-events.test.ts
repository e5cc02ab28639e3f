import type { EventDoc } from '../../src/events/event-models';
import { createTestApp, scimToken, type TestApp } from '../support/test-app';
import { newUser, patchOp, publishedEvents, scimClient } from './events-support';

let t: TestApp;
let scim: ReturnType<typeof scimClient>;

beforeAll(async () => {
  t = await createTestApp('noop-removal-events');
  scim = scimClient(t, await scimToken(t, 'default', 'Okta'));
});
afterAll(() => t.close());

const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const idOf = (res: { body: unknown }) => (res.body as { id: string }).id;
const of = (events: EventDoc[], id: string) => events.filter((e) => e.resourceId === id);

describe('a PUT that changes nothing (RFC 7644 §3.5.1; Okta re-PUTs on every push)', () => {
  it('of a user: no event, and version, lastModified and ETag stay', async () => {
    const body = newUser('okta-push@example.test', { title: 'Engineer' });
    const created = await scim.post('/Users', body).expect(201);
    const id = idOf(created);
    const put = await scim.put(`/Users/${id}`, { ...body, id }).expect(200);
    expect(put.headers.etag).toBe(created.headers.etag);
    expect(put.body.meta).toEqual(created.body.meta);
    const events = of(await publishedEvents(t), id);
    expect(events.map((e) => e.type)).toEqual(['user.created']);
  });

  it('of a group with the same members: no event, and version, lastModified and ETag stay', async () => {
    const member = idOf(await scim.post('/Users', newUser('steady@example.test')).expect(201));
    const body = { schemas: [GROUP], displayName: 'Steady', members: [{ value: member }] };
    const created = await scim.post('/Groups', body).expect(201);
    const id = idOf(created);
    const put = await scim.put(`/Groups/${id}`, { ...body, id }).expect(200);
    expect(put.headers.etag).toBe(created.headers.etag);
    expect(put.body.meta).toEqual(created.body.meta);
    const events = of(await publishedEvents(t), id);
    expect(events.map((e) => e.type)).toEqual(['group.created', 'group.member_added']);
  });

  it('of a group that only changes its members: group.updated with ["members"] and the member events', async () => {
    const a = idOf(await scim.post('/Users', newUser('put-a@example.test')).expect(201));
    const b = idOf(await scim.post('/Users', newUser('put-b@example.test')).expect(201));
    const body = { schemas: [GROUP], displayName: 'Moving', members: [{ value: a }] };
    const id = idOf(await scim.post('/Groups', body).expect(201));
    await scim.put(`/Groups/${id}`, { ...body, members: [{ value: b }] }).expect(200);
    const events = of(await publishedEvents(t), id);
    expect(events.map((e) => [e.type, e.version])).toEqual([
      ['group.created', 1],
      ['group.member_added', 1],
      ['group.updated', 2],
      ['group.member_removed', 2],
      ['group.member_added', 2],
    ]);
    expect(events[2]!.changedAttributes).toEqual(['members']);
  });
});

describe('a deleted member leaves its groups', () => {
  it("with the group's new version and connector, in each group's order, before the group's later events", async () => {
    const user = idOf(await scim.post('/Users', newUser('departing@example.test')).expect(201));
    const groups: string[] = [];
    for (const name of ['Alpha', 'Beta', 'Gamma']) {
      const res = await scim
        .post('/Groups', { schemas: [GROUP], displayName: name, members: [{ value: user }] })
        .expect(201);
      groups.push(idOf(res));
    }
    await publishedEvents(t);
    await scim.delete(`/Users/${user}`).expect(204);
    // Later events of the same groups, relayed in the same pass as the removals.
    await scim
      .patch(`/Groups/${groups[0]}`, patchOp({ op: 'replace', path: 'displayName', value: 'A2' }))
      .expect(204);
    await scim.delete(`/Groups/${groups[1]}`).expect(204);
    const events = await publishedEvents(t);
    for (const g of groups) {
      const mine = of(events, g);
      const removed = mine.find((e) => e.type === 'group.member_removed')!;
      expect(removed).toMatchObject({ version: 2, connector: 'Okta' });
      const versions = mine.map((e) => e.version);
      expect(versions).toEqual([...versions].sort((x, y) => x! - y!));
    }
    expect(of(events, groups[0]!).map((e) => [e.type, e.version])).toEqual([
      ['group.created', 1],
      ['group.member_added', 1],
      ['group.updated', 2],
      ['group.member_removed', 2],
      ['group.updated', 3],
    ]);
    expect(
      of(events, groups[1]!)
        .map((e) => e.type)
        .slice(-3),
    ).toEqual(['group.updated', 'group.member_removed', 'group.deleted']);
    // The group's version moved with its members (so its ETag did): a PUT of what it now is sees 2.
    const gamma = await scim.put(`/Groups/${groups[2]}`, {
      schemas: [GROUP],
      displayName: 'Gamma',
    });
    expect(gamma.body.meta.version).toBe('W/"2"');
  });
});
