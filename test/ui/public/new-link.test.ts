import { escapeHtml } from '../../../src/mail/templates';
import { LANGUAGES, t } from '../../../src/ui/i18n';
import { fromOwnPage } from '../../support/same-origin';
import {
  outboxMessagesTo,
  runOutboxUntil,
  startPagesFixture,
  tokenInText,
  type PagesFixture,
} from './public-pages-support';

let f: PagesFixture;
beforeAll(async () => {
  f = await startPagesFixture('newlink');
});
afterAll(async () => f.close());

const get = (path: string, client = f.client()) =>
  f.t.http().get(path).set('X-Forwarded-For', client);
const post = (path: string, form: Record<string, string> = {}, client = f.client()) =>
  fromOwnPage(f.t.http().post(path)).set('X-Forwarded-For', client).type('form').send(form);
const asAdmin = (path: string) => f.t.http().get(path).set('Authorization', `Bearer ${f.admin}`);

const NEW_LINK_BUTTON = 'Email me a new link';
const past = () => new Date(Date.now() - 60_000);

/** A user whose only welcome link has expired. */
async function expiredLink(userName: string, extra: Record<string, unknown> = {}) {
  const id = await f.createUser(userName, extra);
  const token = await f.insertLink(id, 'welcome', { expiresAt: past() });
  return { id, token };
}

const generationOf = async (id: string) => (await f.user(id)).welcome.generation as number;

function expectNoAddress(html: string, userName: string) {
  expect(html).not.toContain(userName);
  expect(html).not.toContain(userName.split('@')[0]);
}

describe('the page of a welcome link that no longer works', () => {
  it('an expired link of a user who has not signed in offers "Email me a new link" and shows no address', async () => {
    const { token } = await expiredLink('expired-offer@example.test');
    const res = await get(`/welcome/${token}`);
    expect(res.status).toBe(410);
    expect(res.text).toContain('This link has expired');
    expect(res.text).toContain(`<form method="post" action="/welcome/${token}/new-link">`);
    expect(res.text).toContain(NEW_LINK_BUTTON);
    expect(res.text).not.toMatch(/<script/i);
    expectNoAddress(res.text, 'expired-offer@example.test');
  });

  it("a link superseded by an administrator's resend offers a new link too", async () => {
    const id = await f.createUser('superseded@example.test');
    const token = await f.welcomeToken(id);
    const resend = await f.t
      .http()
      .post(`/api/admin/users/${id}/welcome-email`)
      .set('Authorization', `Bearer ${f.admin}`);
    expect(resend.status).toBe(202);
    const res = await get(`/welcome/${token}`);
    expect(res.status).toBe(410);
    expect(res.text).toContain('This link is no longer valid');
    expect(res.text).toContain(NEW_LINK_BUTTON);
    expectNoAddress(res.text, 'superseded@example.test');
  });

  it('a used link says "You have signed in already" with the password-reset form, and a POST changes nothing', async () => {
    const id = await f.createUser('ulrike@example.test');
    const token = await f.welcomeToken(id);
    expect((await post(`/welcome/${token}`)).status).toBe(200);
    const before = await generationOf(id);
    for (const res of [await get(`/welcome/${token}`), await post(`/welcome/${token}/new-link`)]) {
      expect(res.status).toBe(410);
      expect(res.text).toContain('You have signed in already');
      expect(res.text).toContain('<form method="post" action="/reset-password">');
      expect(res.text).not.toContain(NEW_LINK_BUTTON);
      expectNoAddress(res.text, 'ulrike@example.test');
    }
    expect(await generationOf(id)).toBe(before);
  });

  it('an expired link of a user who has signed in since gets the password-reset form', async () => {
    const { id, token } = await expiredLink('signed-in-since@example.test');
    const signIn = await f.t
      .http()
      .post(`/api/users/${id}/sign-ins`)
      .set('Authorization', `Bearer ${f.scim}`);
    expect(signIn.status).toBe(201);
    const res = await post(`/welcome/${token}/new-link`);
    expect(res.text).toContain('You have signed in already');
    expect((await f.user(id)).welcome.generation).toBe(1);
  });

  it('a deactivated user gets no new link and is told to contact the administrator', async () => {
    const { id, token } = await expiredLink('deactivated@example.test', { active: false });
    for (const res of [await get(`/welcome/${token}`), await post(`/welcome/${token}/new-link`)]) {
      expect(res.status).toBe(410);
      expect(res.text).toContain('Contact your administrator');
      expect(res.text).not.toContain(NEW_LINK_BUTTON);
      expectNoAddress(res.text, 'deactivated@example.test');
    }
    expect(await generationOf(id)).toBe(1);
  });

  it("a deleted user's revoked link gets no new link and nothing is sent", async () => {
    const id = await f.createUser('deleted@example.test');
    const token = await f.welcomeToken(id);
    const del = await f.t
      .http()
      .delete(`/scim/v2/Users/${id}`)
      .set('Authorization', `Bearer ${f.scim}`);
    expect(del.status).toBe(204);
    const res = await post(`/welcome/${token}/new-link`);
    expect(res.status).toBe(410);
    expect(res.text).toContain('Contact your administrator');
    expect(await f.t.ctx.directory.users.collection.countDocuments({ _id: id } as never)).toBe(0);
    expect(await outboxMessagesTo(f.t, 'deleted@example.test')).toEqual([]);
  });

  it('an unknown token gets the 404 page', async () => {
    const res = await post(`/welcome/${'B'.repeat(43)}/new-link`);
    expect(res.status).toBe(404);
    expect(res.text).toContain('This link doesn&#39;t work');
  });

  it.each(LANGUAGES)(
    'is localised in %s, and so is the answer to the request',
    async (language) => {
      const { token } = await expiredLink(`lang-${language}@example.test`);
      const page = await get(`/welcome/${token}?lang=${language}`);
      expect(page.text).toContain(`<html lang="${language}"`);
      expect(page.text).toContain(escapeHtml(t(language, 'page.newLink.submit')));
      expect(page.text).toContain(`<input type="hidden" name="lang" value="${language}">`);
      const answer = await post(`/welcome/${token}/new-link`, { lang: language });
      expect(answer.text).toContain(`<html lang="${language}"`);
      expect(answer.text).toContain(escapeHtml(t(language, 'page.newLink.sentTitle')));
    },
  );

  it("speaks the user's language", async () => {
    const { token } = await expiredLink('norsk@example.test', { preferredLanguage: 'nb' });
    const res = await get(`/welcome/${token}`);
    expect(res.text).toContain('<html lang="nb"');
    expect(res.text).toContain('Send meg en ny lenke');
  });
});

describe('POST /welcome/{token}/new-link', () => {
  it('starts a new generation like a resend: the old link is revoked and the new email carries a working link', async () => {
    const { id, token } = await expiredLink('renew@example.test');
    const res = await post(`/welcome/${token}/new-link`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Check your email');
    expectNoAddress(res.text, 'renew@example.test');
    const user = await f.user(id);
    expect(user.welcome).toMatchObject({ generation: 2, state: 'queued', reason: 'user:new-link' });
    const messages = await runOutboxUntil(
      f.t,
      () => outboxMessagesTo(f.t, 'renew@example.test'),
      (m) => m.length >= 1,
    );
    const fresh = tokenInText(messages[messages.length - 1]!.text, 'welcome');
    expect(fresh).not.toBe(token);
    expect((await get(`/welcome/${fresh}`)).status).toBe(200);
    const status = await asAdmin(`/api/admin/users/${id}/welcome-email`);
    expect(status.status).toBe(200);
    const timeline = (status.body as { timeline: Array<{ text: string }> }).timeline;
    expect(timeline.map((e) => e.text)).toContain('new link requested by the user');
    const audit = await f.t.ctx.tenantModels.Audit.find({
      action: 'welcome-email.new-link-requested',
      target: id,
    }).lean();
    expect(audit).toHaveLength(1);
  });

  it('20 concurrent requests start exactly one new generation and all get the same page', async () => {
    const { id, token } = await expiredLink('concurrent@example.test');
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => post(`/welcome/${token}/new-link`)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    expect(await generationOf(id)).toBe(2);
    const audit = await f.t.ctx.tenantModels.Audit.countDocuments({
      action: 'welcome-email.new-link-requested',
      target: id,
    });
    expect(audit).toBe(1);
  });

  it('allows one new link per user an hour; later requests get the same page and send nothing', async () => {
    const { id, token } = await expiredLink('hourly@example.test');
    expect((await post(`/welcome/${token}/new-link`)).status).toBe(200);
    expect(await generationOf(id)).toBe(2);
    // The first link is now superseded and still offers a new link; asking again is limited.
    const again = await post(`/welcome/${token}/new-link`);
    expect(again.status).toBe(200);
    expect(again.text).toContain('Check your email');
    expect(await generationOf(id)).toBe(2);
    // An hour later the user may ask again.
    await f.t.ctx.directory.users.collection.updateOne({ _id: id } as never, {
      $set: { 'welcome.newLinkRequestedAt': new Date(Date.now() - 3_601_000) },
    });
    expect((await post(`/welcome/${token}/new-link`)).status).toBe(200);
    expect(await generationOf(id)).toBe(3);
  });

  it('limits requests per client address with 429 and Retry-After', async () => {
    const client = f.client();
    const { token } = await expiredLink('client-limit@example.test');
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++)
      statuses.push((await post(`/welcome/${token}/new-link`, {}, client)).status);
    expect(statuses).toEqual(Array(10).fill(200));
    const refused = await post(`/welcome/${token}/new-link`, {}, client);
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
  });

  it('a link that still works goes back to its confirm page', async () => {
    const id = await f.createUser('still-valid@example.test');
    const token = await f.welcomeToken(id);
    const res = await post(`/welcome/${token}/new-link`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/welcome/${token}`);
    expect(await generationOf(id)).toBe(1);
  });

  it('is refused from another origin (a same-site form cannot trigger it)', async () => {
    const { id, token } = await expiredLink('cross-origin@example.test');
    const res = await fromOwnPage(
      f.t.http().post(`/welcome/${token}/new-link`),
      'https://evil.example.test',
    )
      .type('form')
      .send({});
    expect(res.status).toBe(403);
    expect(await generationOf(id)).toBe(1);
  });
});
