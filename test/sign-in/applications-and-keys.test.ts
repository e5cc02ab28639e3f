import { readApplicationInput } from '../../src/sign-in/applications/application-input';
import {
  createApplications,
  openClientSecret,
} from '../../src/sign-in/applications/manage-applications';
import { loadSigningKeys, rotateSigningKeys } from '../../src/sign-in/provider/signing-keys';
import {
  APP_SECRET_FOR_UNITS,
  applicationsDeps,
  signingKeysDeps,
  testConnection,
} from '../support/capability-deps';

// Units of the sign-in capability built from their declared deps only (no application).
let conn: Awaited<ReturnType<typeof testConnection>>;
beforeAll(async () => {
  conn = await testConnection('signinunits');
});
afterAll(async () => conn.drop());

const input = (extra: Record<string, unknown> = {}) =>
  readApplicationInput({ name: 'CRM', redirectUris: ['https://crm.example.test/cb'], ...extra });

describe('applications (sign-in capability)', () => {
  it('keeps one default per tenant, and a secret only sealed', async () => {
    const apps = createApplications(applicationsDeps(conn));
    const first = await apps.create('t1', input({ isDefault: true }), 'admin');
    const second = await apps.create('t1', input({ isDefault: true }), 'admin');
    const other = await apps.create('t2', input({ isDefault: true }), 'admin');
    expect((await apps.findDefault('t1'))?._id).toBe(second.doc._id);
    expect((await apps.find('t1', first.doc._id))?.isDefault).toBe(false);
    expect((await apps.findDefault('t2'))?._id).toBe(other.doc._id);
    const stored = await apps.find('t1', second.doc._id);
    expect(JSON.stringify(stored)).not.toContain(second.secret);
    expect(openClientSecret(APP_SECRET_FOR_UNITS, stored!)).toBe(second.secret);
  });

  it('never finds another tenant’s application', async () => {
    const apps = createApplications(applicationsDeps(conn));
    const { doc } = await apps.create('t1', input(), 'admin');
    expect(await apps.find('t2', doc._id)).toBeNull();
    await expect(apps.remove('t2', doc._id)).rejects.toMatchObject({ status: 404 });
  });

  it('refuses redirect URIs that are not https (but loopback), have fragments or credentials', () => {
    expect(() => input({ redirectUris: ['http://crm.example.test/cb'] })).toThrow(/https/);
    expect(() => input({ redirectUris: ['https://crm.example.test/cb#x'] })).toThrow(/fragment/);
    expect(() => input({ redirectUris: ['https://u:p@crm.example.test/cb'] })).toThrow(
      /credentials/,
    );
    expect(input({ redirectUris: ['http://127.0.0.1:3000/cb'] }).redirectUris).toHaveLength(1);
  });
});

describe('signing keys (sign-in capability)', () => {
  it('makes a key on first use, signs with the newest after a rotation and keeps the retired one until it may go', async () => {
    let clock = new Date('2026-12-01T10:00:00Z');
    const deps = signingKeysDeps(conn, () => clock);
    const [initial] = await loadSigningKeys(deps);
    const { kid, retired } = await rotateSigningKeys(deps);
    expect(retired).toEqual([initial!.kid]);
    expect((await loadSigningKeys(deps)).map((k) => k.kid)).toEqual([kid, initial!.kid]);
    clock = new Date(clock.getTime() + 3601_000);
    expect((await loadSigningKeys(deps)).map((k) => k.kid)).toEqual([kid]);
  });
});
