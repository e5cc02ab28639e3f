import { adminSession, createTestApp, scimToken, type TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp('scimauth');
});
afterAll(async () => t.close());

// Any authenticated endpoint; the ServiceProviderConfig is public (RFC 7643 §5).
const AUTHENTICATED = '/scim/v2/ResourceTypes';

function expectScim401(res: {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}) {
  expect(res.status).toBe(401);
  expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
  expect(res.headers['content-type']).toMatch(/application\/scim\+json/);
  expect(res.body).toMatchObject({
    schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
    status: '401',
  });
  expect(typeof res.body.detail).toBe('string');
}

describe('SCIM bearer authentication', () => {
  it('answers 401 with a SCIM error when the Authorization header is missing', async () => {
    expectScim401(await t.http().get(AUTHENTICATED).set('X-Forwarded-For', '10.0.0.1'));
  });

  it('answers 401 for a malformed, unknown or revoked token', async () => {
    const token = await scimToken(t);
    const list = await t.ctx.tenants.listScimTokens('default');
    expectScim401(await t.http().get(AUTHENTICATED).set('Authorization', 'Basic abc'));
    expectScim401(await t.http().get(AUTHENTICATED).set('Authorization', 'Bearer scim_unknown'));
    expect((await t.http().get(AUTHENTICATED).set('Authorization', `Bearer ${token}`)).status).toBe(
      200,
    );
    await t.ctx.tenants.revokeScimToken('default', list[0]!.id);
    expectScim401(await t.http().get(AUTHENTICATED).set('Authorization', `Bearer ${token}`));
  });

  it('stores only a hash of the token and records when it was last used', async () => {
    const token = await scimToken(t, 'default', 'Okta');
    await t.http().get(AUTHENTICATED).set('Authorization', `Bearer ${token}`).expect(200);
    const stored = await t.ctx.tenantModels.ScimToken.findOne({ label: 'Okta' }).lean();
    expect(JSON.stringify(stored)).not.toContain(token);
    const deadline = Date.now() + 5000;
    let lastUsedAt: Date | undefined;
    while (!lastUsedAt && Date.now() < deadline) {
      lastUsedAt = (await t.ctx.tenantModels.ScimToken.findById(stored!._id).lean())?.lastUsedAt;
    }
    expect(lastUsedAt).toBeInstanceOf(Date);
  });

  it('accepts an HS256 JWT signed with the tenant key, and refuses it once its jti is revoked', async () => {
    const tenant = await t.ctx.tenants.ensureTenant('jwt-tenant');
    const { token, jti } = t.ctx.tenants.issueScimJwt(tenant, 'Okta JWT');
    await t.http().get(AUTHENTICATED).set('Authorization', `Bearer ${token}`).expect(200);
    await t.ctx.tenants.revokeScimJwt('jwt-tenant', jti);
    expectScim401(await t.http().get(AUTHENTICATED).set('Authorization', `Bearer ${token}`));
  });

  it('refuses a JWT signed with another tenant key even if it names this tenant', async () => {
    const other = await t.ctx.tenants.ensureTenant('jwt-other');
    await t.ctx.tenants.ensureTenant('jwt-victim');
    const { token } = t.ctx.tenants.issueScimJwt(other, 'x');
    const [h, , s] = token.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ tid: 'jwt-victim', jti: 'j' })).toString(
      'base64url',
    );
    expectScim401(
      await t.http().get(AUTHENTICATED).set('Authorization', `Bearer ${h}.${forgedPayload}.${s}`),
    );
  });

  it('slows a client that keeps failing with 429, without affecting other clients', async () => {
    for (let i = 0; i < 20; i++) {
      await t
        .http()
        .get(AUTHENTICATED)
        .set('X-Forwarded-For', '10.9.9.9')
        .set('Authorization', 'Bearer nope')
        .expect(401);
    }
    const blocked = await t
      .http()
      .get(AUTHENTICATED)
      .set('X-Forwarded-For', '10.9.9.9')
      .set('Authorization', 'Bearer nope');
    expect(blocked.status).toBe(429);
    expect(blocked.headers['retry-after']).toBeDefined();
    const token = await scimToken(t);
    await t
      .http()
      .get(AUTHENTICATED)
      .set('X-Forwarded-For', '10.1.1.1')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
  });

  it('answers unknown SCIM routes with a 404 SCIM error', async () => {
    const token = await scimToken(t);
    const res = await t.http().get('/scim/v2/Nope').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({
      status: '404',
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
    });
  });
});

describe('SCIM token administration', () => {
  it('creates a token shown once, lists it without the secret, and revokes it', async () => {
    const session = await adminSession(t);
    const created = await t
      .http()
      .post('/api/admin/scim-tokens')
      .set('Authorization', `Bearer ${session}`)
      .send({ label: 'Entra ID' });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^scim_/);
    expect(created.body.scimBaseUrl).toBe('https://scim.example.test/scim/v2');
    const list = await t
      .http()
      .get('/api/admin/scim-tokens')
      .set('Authorization', `Bearer ${session}`);
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);
    expect(list.body.tokens.map((x: { id: string }) => x.id)).toContain(created.body.id);
    await t
      .http()
      .delete(`/api/admin/scim-tokens/${created.body.id}`)
      .set('Authorization', `Bearer ${session}`)
      .expect(204);
    await t
      .http()
      .get(AUTHENTICATED)
      .set('Authorization', `Bearer ${created.body.token}`)
      .expect(401);
  });

  it('does not let one tenant revoke another tenant token', async () => {
    const other = await adminSession(t, 'tenant-b');
    const token = await scimToken(t, 'default', 'Okta');
    const [view] = (await t.ctx.tenants.listScimTokens('default')).filter(
      (x) => x.label === 'Okta' && !x.revokedAt,
    );
    await t
      .http()
      .delete(`/api/admin/scim-tokens/${view!.id}`)
      .set('Authorization', `Bearer ${other}`)
      .expect(404);
    await t.http().get(AUTHENTICATED).set('Authorization', `Bearer ${token}`).expect(200);
  });

  it('requires an administrator session', async () => {
    const res = await t.http().get('/api/admin/scim-tokens');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
  });
});
