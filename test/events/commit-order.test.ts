import { pendingEvent, type PendingEvent } from '../../src/events/event-types';
import { commitOrder, versionsHeldBefore } from '../../src/events/relay-events';
import { isPrivateAddress } from '../../src/events/webhooks/target-guard';

const event = (
  resourceId: string,
  version: number | null,
  at: number,
  type: PendingEvent['type'],
) =>
  pendingEvent({
    type,
    tenantId: 't',
    resourceType: 'Group',
    resourceId,
    version,
    at: new Date(at),
    connector: null,
    ...(type === 'group.updated' ? { snapshot: {} } : {}),
  });

describe('commit order of one relay pass', () => {
  it("keeps each resource's events in version order whatever the writers' clocks said", () => {
    // Written by two processes whose clocks disagree: v3 claims an earlier time than v2.
    const v2 = event('g', 2, 2000, 'group.updated');
    const v3 = event('g', 3, 1000, 'group.updated');
    const other = event('h', 1, 1500, 'group.created');
    const ordered = commitOrder([v2, other, v3]);
    expect(ordered.filter((e) => e.resourceId === 'g').map((e) => e.version)).toEqual([2, 3]);
    expect(ordered).toHaveLength(3);
  });

  it("puts a group's own change before the membership events of the same version", () => {
    const added = event('g', 2, 1000, 'group.member_added');
    const updated = event('g', 2, 1001, 'group.updated');
    expect(commitOrder([added, updated]).map((e) => e.type)).toEqual([
      'group.updated',
      'group.member_added',
    ]);
  });
});

describe('events that do not move the version', () => {
  it('keep their place in the document: an email sent between the create and a PATCH stays between them', () => {
    const created = event('u', 1, 1000, 'group.updated');
    const sent = event('u', null, 1001, 'welcome_email.sent');
    const patched = event('u', 2, 1002, 'group.updated');
    const held = [created, sent, patched];
    expect(
      commitOrder([patched, sent, created], versionsHeldBefore([held])).map((e) => e.id),
    ).toEqual(held.map((e) => e.id));
  });
});

describe('private-network addresses', () => {
  it.each([
    '127.0.0.1',
    '10.0.0.8',
    '172.31.255.255',
    '192.168.0.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fd00::1',
    'fe80::1',
    '::ffff:10.0.0.1',
    'not-an-address',
  ])('%s is refused', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '172.32.0.1'])(
    '%s is allowed',
    (address) => {
      expect(isPrivateAddress(address)).toBe(false);
    },
  );
});
