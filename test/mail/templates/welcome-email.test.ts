import { EmailTemplateError, WelcomeEmail, escapeHtml } from '../../../src/mail/templates';
import { LANGUAGES } from '../../../src/ui/i18n';
import { EXPIRY_TEXT, welcomeProps } from './fixtures';

describe('WelcomeEmail', () => {
  describe.each(LANGUAGES)('in %s', (language) => {
    const props = welcomeProps(language);
    const email = WelcomeEmail.render(props);

    it('renders the same subject, HTML and text as last time', () => {
      expect(email).toMatchSnapshot();
    });

    it('gives the link, user name, tenant and expiry in both HTML and text', () => {
      for (const value of [props.link, props.userName, props.tenantName, EXPIRY_TEXT[language]]) {
        expect(email.html).toContain(escapeHtml(value));
        expect(email.text).toContain(value);
      }
    });

    it('names the tenant in the subject', () => {
      expect(email.subject).toContain(props.tenantName);
    });

    it('puts the link in the button and again as plain text under it', () => {
      const hrefs = email.html.match(/href="([^"]*)"/g) ?? [];
      expect(hrefs).toEqual([`href="${props.link}"`, `href="${props.link}"`]);
      expect(email.html).toContain(`>${props.link}</a>`);
    });

    it('declares its language on the document', () => {
      expect(email.html).toContain(`<html lang="${language}"`);
    });

    it('names the application the link goes on to, when there is one', () => {
      expect(email.text).not.toContain('Bergfjord <CRM>');
      const named = WelcomeEmail.render({ ...props, applicationName: 'Bergfjord <CRM>' });
      expect(named.text).toContain('Bergfjord <CRM>');
      expect(named.html).toContain(escapeHtml('Bergfjord <CRM>'));
      expect(named.html).not.toContain('Bergfjord <CRM>');
      const sso = WelcomeEmail.render({
        ...props,
        applicationName: 'Bergfjord CRM',
        signIn: 'sso',
      });
      expect(sso.text).toContain('Bergfjord CRM');
    });
  });

  it('says in English that the link works once and what to do when it has expired', () => {
    const { text } = WelcomeEmail.render(welcomeProps('en'));
    expect(text).toContain('Hello Kari Nordmann,');
    expect(text).toContain('Your user name is kari.nordmann@bergfjord.example.');
    expect(text).toContain(
      'The link can be used only once and expires on 1 December 2026 at 10:00 UTC.',
    );
    expect(text).toContain('open it anyway: the page lets you email yourself a new one');
  });

  it('escapes a script in the names instead of emitting it', () => {
    const attack = '<script>alert("x")</script>';
    const email = WelcomeEmail.render({
      ...welcomeProps('en'),
      tenantName: `Evil ${attack}`,
      userDisplayName: attack,
      userName: `${attack}@example.com`,
    });
    expect(email.html).not.toContain('<script');
    expect(email.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(email.text).toContain(attack);
    expect(email.subject).toBe(`Welcome to Evil ${attack}`);
  });

  it('escapes quotes in the link so it cannot leave the href attribute', () => {
    const link = `https://id.example.com/welcome/a"onmouseover='x'`;
    const { html } = WelcomeEmail.render({ ...welcomeProps('en'), link });
    expect(html).toContain('href="https://id.example.com/welcome/a&quot;onmouseover=&#39;x&#39;"');
  });

  it('keeps line breaks in an identity provider name out of the subject', () => {
    const subject = WelcomeEmail.subject({
      ...welcomeProps('en'),
      tenantName: 'Acme\r\nBcc: victim@example.com',
    });
    expect(subject).toBe('Welcome to Acme Bcc: victim@example.com');
  });

  it('greets without a name when the user has no display name', () => {
    const { text } = WelcomeEmail.render({ ...welcomeProps('nb'), userDisplayName: '  ' });
    expect(text).toContain('\n\nHei,\n\n');
  });

  it.each([
    ['a relative path', '/welcome/abc'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['an ftp URL', 'ftp://id.example.com/welcome/abc'],
    ['credentials in the URL', 'https://user:pass@id.example.com/welcome/abc'],
    ['whitespace', 'https://id.example.com/welcome/a bc'],
    ['an empty string', ''],
  ])('refuses to render with %s as the link', (_case, link) => {
    const props = { ...welcomeProps('en'), link };
    expect(() => WelcomeEmail.html(props)).toThrow(EmailTemplateError);
    expect(() => WelcomeEmail.text(props)).toThrow(EmailTemplateError);
  });

  it('refuses to render with an invalid expiry date', () => {
    const props = { ...welcomeProps('en'), expiresAt: new Date('not a date') };
    expect(() => WelcomeEmail.render(props)).toThrow(EmailTemplateError);
  });

  it('uses no external images, fonts or style sheets', () => {
    const { html } = WelcomeEmail.render(welcomeProps('en'));
    expect(html).not.toMatch(/<img|<link|src=|url\(|@import/i);
    expect(html).toContain('max-width:600px');
  });
});
