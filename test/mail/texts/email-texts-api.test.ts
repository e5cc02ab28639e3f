import { fromOwnPage } from '../../support/same-origin';
import {
  runOutboxUntil,
  startPagesFixture,
  type PagesFixture,
} from '../../ui/public/public-pages-support';

let f: PagesFixture;
beforeAll(async () => {
  f = await startPagesFixture('emailtexts');
});
afterAll(async () => f.close());

const api = (method: 'get' | 'put' | 'delete' | 'post', path: string) => {
  const http = f.t.http();
  return http[method](`/api/identity-manager/email-texts${path}`).set(
    'Authorization',
    `Bearer ${f.admin}`,
  );
};

interface StoredMessage {
  subject: string;
  html: string;
  text: string;
  fromName: string;
}
const storedTo = async (address: string, fixture = f): Promise<StoredMessage[]> =>
  (await fixture.t.ctx.conn
    .collection('outbox_messages')
    .find({ to: address })
    .sort({ createdAt: 1 })
    .toArray()) as unknown as StoredMessage[];

async function welcomeOf(userName: string, extra: Record<string, unknown> = {}) {
  await f.createUser(userName, extra);
  const [message] = await runOutboxUntil(
    f.t,
    () => storedTo(userName),
    (m) => m.length >= 1,
  );
  return message!;
}

const HOSTILE = '<b>bold</b> & <script>alert(1)</script> "q"';

describe("the tenant's own words for the welcome email", () => {
  it('lists the languages, fields, limits and placeholders', async () => {
    const res = await api('get', '/welcome');
    expect(res.status).toBe(200);
    expect(res.body.languages).toHaveLength(6);
    expect(res.body.placeholders).toEqual([
      '{firstName}',
      '{displayName}',
      '{tenantName}',
      '{linkExpiry}',
      '{applicationName}',
    ]);
    expect(res.body.fields.intro).toEqual({ maxLength: 2000, singleLine: false });
  });

  it('refuses unknown placeholders, naming them, and saves nothing', async () => {
    const res = await api('put', '/welcome/en').send({ subject: 'Hi {name}' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('subject has unknown placeholders {name}');
    expect((await api('get', '/welcome/en')).body.customised).toBe(false);
  });

  it('a saved subject, heading, introduction, closing and sender name reach the real email, placeholders filled; other languages keep the built-in texts', async () => {
    const saved = await api('put', '/welcome/en').send({
      subject: 'Welcome aboard, {firstName}',
      heading: '{tenantName} is glad you are here',
      intro: 'Hi {displayName}, your account is ready.\n\nThe link works until {linkExpiry}.',
      closing: 'Kind regards, the IT team',
      senderName: 'Acme IT',
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ customised: true, updatedBy: expect.any(String) });
    const message = await welcomeOf('custom@example.test', {
      name: { givenName: 'Kari', familyName: 'Nordmann' },
    });
    expect(message.subject).toBe('Welcome aboard, Kari');
    expect(message.fromName).toBe('Acme IT');
    expect(message.text).toContain('Default is glad you are here');
    expect(message.text).toContain('Hi Kari Nordmann, your account is ready.');
    expect(message.text).toMatch(/The link works until \d/);
    expect(message.text).toContain('Kind regards, the IT team');
    expect(message.text).not.toContain('An account has been created for you');
    // Without an application to go on to, {applicationName} is the tenant's name.
    expect(
      (await api('post', '/welcome/en/preview').send({ subject: 'Sign in to {applicationName}' }))
        .body.subject,
    ).toBe('Sign in to Default');
    const norsk = await welcomeOf('norsk@example.test', { preferredLanguage: 'nb' });
    expect(norsk.subject).toBe('Velkommen til Default');
    const audit = await f.t.ctx.tenantModels.Audit.find({
      action: 'email-texts.welcome.save',
    }).lean();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ target: 'en', before: null });
  });

  it.each(['subject', 'heading', 'intro', 'closing', 'senderName'] as const)(
    'HTML typed into %s is shown as text in the HTML part and stays literal in the text part',
    async (field) => {
      expect((await api('put', '/welcome/en').send({ [field]: HOSTILE })).status).toBe(200);
      const message = await welcomeOf(`escape-${field.toLowerCase()}@example.test`);
      expect(message.html).not.toContain('<b>bold</b>');
      expect(message.html).not.toContain('<script>alert(1)</script>');
      if (field === 'senderName') {
        expect(message.fromName).toBe(HOSTILE);
      } else {
        expect(message.html).toContain(
          '&lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;',
        );
        const literal = field === 'subject' ? message.subject : message.text;
        expect(literal).toContain(HOSTILE);
      }
    },
  );

  it('the preview renders unsaved texts as HTML and text, and refuses bad ones', async () => {
    const res = await api('post', '/welcome/de/preview').send({
      subject: 'Hallo {firstName}',
      intro: 'Willkommen bei {tenantName}!',
    });
    expect(res.status).toBe(200);
    expect(res.body.subject).toBe('Hallo Alex');
    expect(res.body.text).toContain('Willkommen bei Default!');
    expect(res.body.html).toContain('Willkommen bei Default!');
    expect((await api('get', '/welcome/de')).body.customised).toBe(false);
    const bad = await api('post', '/welcome/de/preview').send({ intro: '{oops}' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('{oops}');
    expect((await api('post', '/welcome/xx/preview').send({})).status).toBe(404);
  });

  it('"Send a test email to me" sends to the signed-in administrator, marked as a test', async () => {
    const res = await api('post', '/welcome/en/test').send({ subject: 'Trial {firstName}' });
    expect(res.status).toBe(202);
    const [message] = await runOutboxUntil(
      f.t,
      () => storedTo('admin@default.test'),
      (m) => m.length >= 1,
    );
    expect(message!.subject).toBe('[Test] Trial Alex');
    expect(message!.text).toContain('This is a test email');
  });

  it('test emails are limited to 10 an hour per administrator, then 429 with Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push((await api('post', '/welcome/en/test').send({})).status);
    // The test before sent one (in this window, unless an hour boundary fell between them).
    expect(statuses.filter((s) => s === 202).length).toBeLessThanOrEqual(10);
    expect(statuses[statuses.length - 1]).toBe(429);
    const refused = await api('post', '/welcome/en/test').send({});
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
  });

  it('"Reset to default" brings back the built-in texts, audited', async () => {
    expect((await api('put', '/welcome/en').send({ subject: 'Custom' })).status).toBe(200);
    const reset = await api('delete', '/welcome/en');
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ customised: false, texts: {} });
    const message = await welcomeOf('after-reset@example.test');
    expect(message.subject).toBe('Welcome to Default');
    expect(
      await f.t.ctx.tenantModels.Audit.countDocuments({ action: 'email-texts.welcome.reset' }),
    ).toBe(1);
  });

  it('is for administrators only, and cookie writes need our origin', async () => {
    expect((await f.t.http().get('/api/identity-manager/email-texts/welcome/en')).status).toBe(401);
    const cross = await fromOwnPage(
      f.t.http().put('/api/identity-manager/email-texts/welcome/en'),
      'https://evil.example.test',
    )
      .set('Cookie', `__Host-sid=${f.admin}`)
      .send({ subject: 'x' });
    expect(cross.status).toBe(403);
  });
});

describe("the preview and the test email show what the tenant's users get", () => {
  let g: PagesFixture;
  beforeAll(async () => {
    g = await startPagesFixture('emailtextsjourney');
    // The default application the welcome link goes on to, and single sign-on for SCIM users.
    await g.t
      .http()
      .post('/api/admin/applications')
      .set('Authorization', `Bearer ${g.admin}`)
      .send({
        name: 'Bergfjord CRM',
        redirectUris: ['https://crm.example.test/callback'],
        initiateLoginUri: 'https://crm.example.test/login',
        isDefault: true,
      })
      .expect(201);
    await g.t.ctx.tenantModels.Tenant.updateOne(
      { _id: 'default' },
      { $set: { signInMode: 'sso' } },
    );
    g.t.ctx.tenants.forgetTenant('default');
  });
  afterAll(async () => g.close());
  /** The first message to `address` in this fixture's outbox, once the outbox has sent it. */
  const firstTo = async (address: string) =>
    (
      await runOutboxUntil(
        g.t,
        () => storedTo(address, g),
        (m) => m.length >= 1,
      )
    )[0]!;
  const call = (path: string) =>
    g.t
      .http()
      .post(`/api/identity-manager/email-texts/welcome${path}`)
      .set('Authorization', `Bearer ${g.admin}`);

  it('the previews name the application and use the company-account wording, like the real emails', async () => {
    for (const email of ['welcome', 'reminder']) {
      const res = await call(`/en/preview?email=${email}`).send({});
      expect(res.status).toBe(200);
      expect(res.body.text).toContain('Afterwards you go straight on to Bergfjord CRM.');
      expect(res.body.html).toContain('Sign in with your company account');
    }
    await g.createUser('sso-user@example.test');
    const real = await firstTo('sso-user@example.test');
    expect(real.text).toContain('Afterwards you go straight on to Bergfjord CRM.');
    expect(real.html).toContain('Sign in with your company account');
  });

  it('{applicationName} names the application in the previews and the real email', async () => {
    const texts = { subject: '{firstName}, your {applicationName} account is ready' };
    for (const email of ['welcome', 'reminder']) {
      const res = await call(`/en/preview?email=${email}`).send(texts);
      expect(res.status).toBe(200);
      expect(res.body.subject).toContain('Alex, your Bergfjord CRM account is ready');
    }
    const saved = await g.t
      .http()
      .put('/api/identity-manager/email-texts/welcome/en')
      .set('Authorization', `Bearer ${g.admin}`)
      .send(texts);
    expect(saved.status).toBe(200);
    await g.createUser('named-app@example.test', { name: { givenName: 'Kari' } });
    expect((await firstTo('named-app@example.test')).subject).toBe(
      'Kari, your Bergfjord CRM account is ready',
    );
  });

  it('so does the test email', async () => {
    expect((await call('/en/test').send({})).status).toBe(202);
    const message = await firstTo('admin@default.test');
    expect(message.text).toContain('Afterwards you go straight on to Bergfjord CRM.');
    expect(message.html).toContain('Sign in with your company account');
  });
});
