import { linkIn, startWelcomeHarness, type WelcomeHarness } from '../support/welcome-harness';

let h: WelcomeHarness;
beforeAll(async () => {
  h = await startWelcomeHarness('welcomesw');
});
afterAll(async () => h.close());
beforeEach(() => h.sendgrid.reset());

const sentTo = (address: string) =>
  h.sendgrid.accepted.filter((m) =>
    (m.body as { personalizations: Array<{ to: Array<{ email: string }> }> }).personalizations.some(
      (p) => p.to.some((t) => t.email === address),
    ),
  );

describe('the two switches', () => {
  it('both switches are off until an administrator turns them on', async () => {
    const im = await h.t
      .http()
      .get('/api/identity-manager/settings')
      .set('Authorization', `Bearer ${h.admin}`);
    const prefs = await h.t
      .http()
      .get('/api/admin/preferences')
      .set('Authorization', `Bearer ${h.admin}`);
    expect(im.body.sendWelcomeEmail).toBe(false);
    expect(prefs.body.sendLoginEmailsToNewUsers).toBe(false);
  });

  it('when a user is created over SCIM with the switch on, one email with a one-time link is sent', async () => {
    await h.setSwitch('sendWelcomeEmail', true);
    const { status, id } = await h.createScimUser('ada@example.test');
    expect(status).toBe(201);
    const user = await h.waitForUser(id!, (u) => u.welcome.state === 'sent');
    expect(user.welcome).toMatchObject({
      reason: 'scim:sendWelcomeEmail=on',
      generation: 1,
      sentCount: 1,
    });
    const [message] = sentTo('ada@example.test');
    expect(message).toBeDefined();
    const body = message!.body as { categories: string[]; custom_args: Record<string, string> };
    expect(body.categories).toEqual(['welcome']);
    expect(body.custom_args).toEqual({
      tenantId: 'default',
      userId: id,
      generation: '1',
      kind: 'welcome',
    });
    expect(JSON.stringify(body.custom_args)).not.toContain('ada@');
    expect(linkIn(message!.body)).toMatch(
      /^https:\/\/scim\.example\.test\/welcome\/[A-Za-z0-9_-]{43}$/,
    );
    expect(user.welcome.providerMessageId).toBe(message!.messageId);
  });

  it('when a user is created over SCIM with the switch off, nothing is sent and the reason is recorded', async () => {
    await h.setSwitch('sendWelcomeEmail', false);
    const { id } = await h.createScimUser('grace@example.test');
    const user = await h.user(id!);
    expect(user.welcome).toMatchObject({
      state: 'off',
      reason: 'scim:sendWelcomeEmail=off',
      switch: 'sendWelcomeEmail',
      switchValue: false,
    });
    const status = await h.t
      .http()
      .get(`/api/admin/users/${id}/welcome-email`)
      .set('Authorization', `Bearer ${h.admin}`);
    expect(status.body.explanation).toMatch(/not sent: Send Welcome Email .* was off/);
  });

  it('turning the switch on later sends nothing to users created while it was off', async () => {
    const { id } = await h.createScimUser('late@example.test');
    await h.setSwitch('sendWelcomeEmail', true);
    const { id: marker } = await h.createScimUser('marker@example.test');
    await h.waitForUser(marker!, (u) => u.welcome.state === 'sent');
    expect((await h.user(id!)).welcome.state).toBe('off');
    expect(sentTo('late@example.test')).toHaveLength(0);
  });

  it('the Admin client preference governs users an administrator adds, and not SCIM users', async () => {
    await h.setSwitch('sendWelcomeEmail', false);
    await h.setSwitch('sendLoginEmailsToNewUsers', true);
    const created = await h.t
      .http()
      .post('/api/admin/users')
      .set('Authorization', `Bearer ${h.admin}`)
      .send({
        userName: 'admin-made@example.test',
        emails: [{ value: 'admin-made@example.test', primary: true }],
      });
    expect(created.status).toBe(201);
    const scimUser = await h.createScimUser('scim-made@example.test');
    const adminUser = await h.waitForUser(created.body.id, (u) => u.welcome.state === 'sent');
    expect(adminUser.welcome.reason).toBe('admin:sendLoginEmailsToNewUsers=on');
    expect((await h.user(scimUser.id!)).welcome.state).toBe('off');

    await h.setSwitch('sendWelcomeEmail', true);
    await h.setSwitch('sendLoginEmailsToNewUsers', false);
    const off = await h.t
      .http()
      .post('/api/admin/users')
      .set('Authorization', `Bearer ${h.admin}`)
      .send({ userName: 'admin-off@example.test' });
    expect((await h.user(off.body.id)).welcome).toMatchObject({
      state: 'off',
      reason: 'admin:sendLoginEmailsToNewUsers=off',
    });
  });

  it('every switch change is audited with who, when, old and new value', async () => {
    await h.setSwitch('sendWelcomeEmail', false);
    await h.setSwitch('sendWelcomeEmail', true);
    const entries = await h.t.ctx.tenantModels.Audit.find({
      action: 'identity-manager.sendWelcomeEmail',
    })
      .sort({ at: -1 })
      .lean();
    expect(entries[0]).toMatchObject({
      tenantId: 'default',
      before: { sendWelcomeEmail: false },
      after: { sendWelcomeEmail: true },
    });
    expect(entries[0]!.actor).toBeTruthy();
    expect(entries[0]!.at).toBeInstanceOf(Date);
  });

  it('refuses a switch body that is not exactly one boolean', async () => {
    for (const body of [{ sendWelcomeEmail: 'yes' }, {}, { sendWelcomeEmail: true, other: 1 }]) {
      const res = await h.t
        .http()
        .patch('/api/identity-manager/settings')
        .set('Authorization', `Bearer ${h.admin}`)
        .send(body);
      expect(res.status).toBe(400);
    }
  });
});

describe('only a create sends a welcome email', () => {
  it('an identity provider retrying the same create 20 times gets one user and one email', async () => {
    await h.setSwitch('sendWelcomeEmail', true);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => h.createScimUser('retry@example.test')),
    );
    // All statuses at once, so that a failure shows what the others got.
    expect(results.map((r) => r.status).sort()).toEqual([201, ...Array<number>(19).fill(409)]);
    const id = results.find((r) => r.status === 201)!.id!;
    await h.waitForUser(id, (u) => u.welcome.state === 'sent');
    expect(
      await h.t.ctx.directory.users.count('default', { userName_lc: 'retry@example.test' }),
    ).toBe(1);
    expect(sentTo('retry@example.test')).toHaveLength(1);
  });

  it('PUT, PATCH, deactivation and reactivation never send a welcome email', async () => {
    const { id } = await h.createScimUser('quiet@example.test');
    await h.waitForUser(id!, (u) => u.welcome.state === 'sent');
    const auth = { Authorization: `Bearer ${h.scim}` };
    const patch = (active: boolean | string) =>
      h.t
        .http()
        .patch(`/scim/v2/Users/${id}`)
        .set(auth)
        .send({
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [{ op: 'Replace', path: 'active', value: active }],
        });
    expect((await patch('False')).status).toBe(200);
    expect((await patch(true)).status).toBe(200);
    const put = await h.t
      .http()
      .put(`/scim/v2/Users/${id}`)
      .set(auth)
      .send({ userName: 'quiet@example.test', active: true, displayName: 'Quiet' });
    expect(put.status).toBe(200);
    const { id: marker } = await h.createScimUser('marker2@example.test');
    await h.waitForUser(marker!, (u) => u.welcome.state === 'sent');
    expect(sentTo('quiet@example.test')).toHaveLength(1);
    expect((await h.user(id!)).welcome.sentCount).toBe(1);
  });

  it('group changes (create with members, add, remove, replace, delete) never send a welcome email', async () => {
    await h.setSwitch('sendWelcomeEmail', false);
    const { id: off } = await h.createScimUser('grouped-off@example.test');
    await h.setSwitch('sendWelcomeEmail', true);
    const { id: on } = await h.createScimUser('grouped-on@example.test');
    await h.waitForUser(on!, (u) => u.welcome.state === 'sent');
    const auth = { Authorization: `Bearer ${h.scim}` };
    const members = (...ids: string[]) => ids.map((value) => ({ value }));
    const created = await h.t
      .http()
      .post('/scim/v2/Groups')
      .set(auth)
      .send({ displayName: 'Welcome-free', members: members(off!) });
    expect(created.status).toBe(201);
    const group = `/scim/v2/Groups/${(created.body as { id: string }).id}`;
    const patch = (op: string, value: unknown, path = 'members') =>
      h.t
        .http()
        .patch(group)
        .set(auth)
        .send({
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [{ op, path, value }],
        });
    expect((await patch('add', members(on!))).status).toBeLessThan(300);
    expect((await patch('remove', undefined, `members[value eq "${off!}"]`)).status).toBeLessThan(
      300,
    );
    const put = await h.t
      .http()
      .put(group)
      .set(auth)
      .send({ displayName: 'Welcome-free', members: members(off!, on!) });
    expect(put.status).toBe(200);
    expect((await h.t.http().delete(group).set(auth)).status).toBe(204);
    const { id: marker } = await h.createScimUser('marker3@example.test');
    await h.waitForUser(marker!, (u) => u.welcome.state === 'sent');
    expect(sentTo('grouped-off@example.test')).toHaveLength(0);
    expect(sentTo('grouped-on@example.test')).toHaveLength(1);
    expect((await h.user(off!)).welcome.state).toBe('off');
    expect((await h.user(on!)).welcome.sentCount).toBe(1);
  });
});
