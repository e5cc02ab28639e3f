import { sha256Hex } from '../../src/platform/crypto/secrets';
import { openSecret } from '../../src/events/webhooks/webhook-secrets';
import { fromOwnPage } from '../support/same-origin';
import { testConfig } from '../support/test-app';
import {
  linkIn,
  startWelcomeHarness,
  waitFor,
  type WelcomeHarness,
} from '../support/welcome-harness';
import { loadSigningKeys, signingKeyModel } from '../../src/sign-in/provider/signing-keys';
import { dumpDatabase, plainSecretsIn, type IssuedSecret } from './secret-forms';

// README "Security model → Tokens at rest". Every collection present after the flow is dumped;
// the sign-in secrets (an application's client secret, the provider's private signing key) are
// in `issued` too; the upstream client secret has its own check in single-sign-on.test.ts.
jest.setTimeout(60_000);

const APP_SECRET = testConfig().appSecret!;
const PASSWORDS = ['first chosen password 4821', 'second chosen password 9137'];

let h: WelcomeHarness;
beforeAll(async () => {
  h = await startWelcomeHarness('secretsatrest');
});
afterAll(async () => h.close());

const adminApi = (path: string, body: object) =>
  h.t.http().post(`/api/admin${path}`).set('Authorization', `Bearer ${h.admin}`).send(body);
const form = (path: string, fields: Record<string, string>) =>
  fromOwnPage(h.t.http().post(path)).type('form').send(fields);
const tokenOf = (link: string) => link.slice(link.lastIndexOf('/') + 1);

async function emailLink(to: string, kind: 'welcome' | 'reset-password'): Promise<string> {
  const withLink = () =>
    h.sendgrid.accepted.filter((m) => JSON.stringify(m.body).includes(`/${kind}/`));
  const [message] = await waitFor(
    async () => withLink(),
    (found) => found.length > 0,
  );
  expect(JSON.stringify(message!.body)).toContain(to);
  return tokenOf(linkIn(message!.body, kind));
}

/** Every secret the flow issues, from SCIM tokens to the passwords users chose. */
async function runFullFlow(): Promise<IssuedSecret[]> {
  const scimToken = (await adminApi('/scim-tokens', { label: 'Okta' }).expect(201)).body.token;
  const reader = (await adminApi('/event-readers', { label: 'SIEM' }).expect(201)).body.token;
  const hook = await adminApi('/webhooks', { url: 'https://hooks.example.test/scim' }).expect(201);
  const rotated = await adminApi(`/webhooks/${hook.body.id}/rotate-secret`, {}).expect(200);

  await h.setSwitch('sendWelcomeEmail', true);
  const { id } = await h.createScimUser('kept-secret@example.test');
  await h.waitForUser(id!, (u) => u.welcome.state === 'sent');
  const welcome = await emailLink('kept-secret@example.test', 'welcome');
  const redeemed = await form(`/welcome/${welcome}`, {}).expect(200);
  const grant = /name="grant" value="([^"]+)"/.exec(redeemed.text)![1]!;
  await form(`/welcome/${welcome}/password`, {
    grant,
    password: PASSWORDS[0]!,
    confirmPassword: PASSWORDS[0]!,
  }).expect(200);

  h.sendgrid.reset();
  await h.t.http().post('/api/password-reset').send({ email: 'kept-secret@example.test' });
  const reset = await emailLink('kept-secret@example.test', 'reset-password');
  await form(`/reset-password/${reset}`, {
    password: PASSWORDS[1]!,
    confirmPassword: PASSWORDS[1]!,
  }).expect(200);

  const app = await adminApi('/applications', {
    name: 'CRM',
    redirectUris: ['https://crm.example.test/callback'],
  }).expect(201);
  await h.t.http().get('/oidc/default/jwks').expect(200);
  const [signingKey] = await loadSigningKeys({
    SigningKey: signingKeyModel(h.t.ctx.conn),
    appSecret: APP_SECRET,
    now: () => new Date(),
    keepRetiredSeconds: 0,
  });

  return [
    { label: 'application client secret', value: app.body.clientSecret as string },
    { label: 'signing key (private exponent)', value: String(signingKey!.d) },
    { label: 'bootstrap SCIM token', value: h.scim },
    { label: 'SCIM token', value: scimToken as string },
    { label: 'event-reader credential', value: reader as string },
    { label: 'webhook secret', value: hook.body.secret as string },
    { label: 'rotated webhook secret', value: rotated.body.secret as string },
    { label: 'welcome link token', value: welcome },
    { label: 'set-password grant', value: grant },
    { label: 'reset link token', value: reset },
    { label: 'administrator session', value: h.admin },
    { label: 'APP_SECRET', value: APP_SECRET },
    ...PASSWORDS.map((value) => ({ label: 'chosen password', value })),
  ];
}

describe('secrets at rest', () => {
  it('after a full flow no collection holds an issued secret in any form but its SHA-256 or its AES-256-GCM ciphertext', async () => {
    const issued = await runFullFlow();
    const dump = await dumpDatabase(h.t.ctx.conn);
    expect(plainSecretsIn(dump, issued)).toEqual([]);

    // The dump does reach where each secret lives, in the stored form the README promises.
    const everything = [...dump.values()].join('\n');
    const sha256Of = (label: string) => sha256Hex(issued.find((s) => s.label === label)!.value);
    for (const label of ['SCIM token', 'event-reader credential', 'welcome link token']) {
      expect(everything).toContain(sha256Of(label));
    }
    expect(everything).toContain(sha256Of('reset link token'));
    const webhooks = [...dump.entries()]
      .filter(([name]) => name.includes('webhook'))
      .map(([, text]) => text)
      .join('\n');
    const sealed = [...webhooks.matchAll(/"sealed":"([A-Za-z0-9+/=]+)"/g)].map((m) => m[1]!);
    const opened = sealed.map((s) => openSecret(APP_SECRET, s)).sort();
    const webhookSecrets = issued.filter((s) => s.label.includes('webhook secret'));
    expect(opened).toEqual(webhookSecrets.map((s) => s.value).sort());
  });
});
