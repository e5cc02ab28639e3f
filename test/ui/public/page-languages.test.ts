import { startPagesFixture, type PagesFixture } from './public-pages-support';
import { fromOwnPage } from '../../support/same-origin';

let f: PagesFixture;
beforeAll(async () => {
  f = await startPagesFixture('publang');
});
afterAll(async () => f.close());

const get = (path: string) => f.t.http().get(path).set('X-Forwarded-For', f.client());
const post = (path: string, form: Record<string, string> = {}) =>
  fromOwnPage(f.t.http().post(path)).set('X-Forwarded-For', f.client()).type('form').send(form);

describe('the language of the public pages', () => {
  it('a user whose preferredLanguage is German gets the pages in German', async () => {
    const id = await f.createUser('deutsch@example.test', { preferredLanguage: 'de-DE' });
    const token = await f.welcomeToken(id);
    const res = await get(`/welcome/${token}`);
    expect(res.text).toContain('<html lang="de"');
    expect(res.text).toContain('Sie wurden zu Default eingeladen');
    expect(res.headers['content-language']).toBe('de');
    const form = await post(`/welcome/${token}`);
    expect(form.text).toContain('Passwort festlegen');
  });

  it('?lang= overrides every other hint and is carried through the form', async () => {
    const id = await f.createUser('svenska@example.test', { preferredLanguage: 'de' });
    const token = await f.welcomeToken(id);
    const page = await get(`/welcome/${token}?lang=sv`).set('Accept-Language', 'nl');
    expect(page.text).toContain('<html lang="sv"');
    expect(page.text).toContain('name="lang" value="sv"');
    const form = await post(`/welcome/${token}`, { lang: 'sv' });
    expect(form.text).toContain('<html lang="sv"');
  });

  it("without a known user the browser's Accept-Language decides", async () => {
    const res = await get(`/welcome/${'C'.repeat(43)}`).set('Accept-Language', 'nb-NO, en;q=0.5');
    expect(res.text).toContain('<html lang="nb"');
  });

  it('sign-in and reset pages follow Accept-Language before a user is known, and ?lang= over it', async () => {
    const signIn = await get('/sign-in').set('Accept-Language', 'de-CH, en;q=0.8');
    expect(signIn.text).toContain('<html lang="de"');
    const dutch = await get('/sign-in?lang=nl').set('Accept-Language', 'de');
    expect(dutch.text).toContain('<html lang="nl"');
    expect(dutch.text).toContain('href="/reset-password?lang=nl"');
    const reset = await get('/reset-password').set('Accept-Language', 'da');
    expect(reset.text).toContain('<html lang="da"');
  });

  it('every page names its language in the lang attribute and Content-Language', async () => {
    for (const path of [
      '/sign-in',
      '/reset-password',
      `/welcome/${'D'.repeat(43)}`,
      `/reset-password/${'D'.repeat(43)}`,
    ]) {
      const res = await get(`${path}${path.includes('?') ? '&' : '?'}lang=sv`);
      expect([path, res.text.slice(0, 60)]).toEqual([
        path,
        expect.stringContaining('<html lang="sv" dir="ltr">'),
      ]);
      expect(res.headers['content-language']).toBe('sv');
    }
  });
});
