import { EmailTemplateError, PasswordResetEmail, escapeHtml } from '../../../src/mail/templates';
import { LANGUAGES, t } from '../../../src/ui/i18n';
import { EXPIRY_TEXT, THIRTY_MINUTES, resetProps } from './fixtures';

describe('PasswordResetEmail', () => {
  describe.each(LANGUAGES)('in %s', (language) => {
    const props = resetProps(language);
    const email = PasswordResetEmail.render(props);

    it('renders the same subject, HTML and text as last time', () => {
      expect(email).toMatchSnapshot();
    });

    it('gives the link, user name, tenant, expiry and 30-minute lifetime in HTML and text', () => {
      const values = [
        props.link,
        props.userName,
        props.tenantName,
        EXPIRY_TEXT[language],
        THIRTY_MINUTES[language],
      ];
      for (const value of values) {
        expect(email.html).toContain(escapeHtml(value));
        expect(email.text).toContain(value);
      }
    });

    it('declares its language on the document', () => {
      expect(email.html).toContain(`<html lang="${language}"`);
    });

    it('names the application the new password goes on to, when there is one', () => {
      expect(email.text).not.toContain('Bergfjord <CRM>');
      const named = PasswordResetEmail.render({ ...props, applicationName: 'Bergfjord <CRM>' });
      // Said of the new password (the reset email has no other step for "afterwards" to follow).
      expect(named.text).toContain(
        t(language, 'resetEmail.continuesTo', { application: 'Bergfjord <CRM>' }),
      );
      expect(named.html).toContain(escapeHtml('Bergfjord <CRM>'));
      expect(named.html).not.toContain('Bergfjord <CRM>');
    });
  });

  it('tells the reader in English to ignore it if they did not ask', () => {
    const { subject, text } = PasswordResetEmail.render(resetProps('en'));
    expect(subject).toBe('Reset your password for Bergfjord Rådgivning AS');
    expect(text).toContain(
      'The link can be used only once and is valid for 30 minutes, until 1 December 2026 at 10:00 UTC.',
    );
    expect(text).toContain("If you didn't ask to reset your password, you can ignore this email.");
  });

  it('greets without a name when no display name is given', () => {
    const { userDisplayName: _omitted, ...props } = resetProps('de');
    const { text } = PasswordResetEmail.render(props);
    expect(text).toContain('\n\nHallo,\n\n');
  });

  it('states a different lifetime when the caller gives one', () => {
    const { text } = PasswordResetEmail.render({ ...resetProps('en'), validForMinutes: 45 });
    expect(text).toContain('valid for 45 minutes');
  });

  it('escapes a script in the names instead of emitting it', () => {
    const attack = '<script>alert(1)</script>';
    const { html } = PasswordResetEmail.render({
      ...resetProps('sv'),
      tenantName: attack,
      userDisplayName: attack,
      userName: attack,
    });
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('refuses a link that is not an absolute http(s) URL', () => {
    const props = { ...resetProps('en'), link: 'reset-password/abc' };
    expect(() => PasswordResetEmail.render(props)).toThrow(EmailTemplateError);
  });

  it('refuses a lifetime that is not a positive whole number of minutes', () => {
    const props = { ...resetProps('en'), validForMinutes: 0 };
    expect(() => PasswordResetEmail.render(props)).toThrow(EmailTemplateError);
  });
});
