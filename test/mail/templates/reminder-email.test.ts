import { ReminderEmail, WelcomeEmail } from '../../../src/mail/templates';
import { LANGUAGES, t } from '../../../src/ui/i18n';
import { EXPIRES_AT, EXPIRY_TEXT, welcomeProps } from './fixtures';

const SENT_AT = new Date('2026-11-24T10:00:00Z');

describe('the reminder email', () => {
  it.each(LANGUAGES)(
    'in %s carries the same link as the welcome email, the expiry and both parts',
    (language) => {
      const welcome = WelcomeEmail.render(welcomeProps(language));
      const reminder = ReminderEmail.render({ ...welcomeProps(language), welcomeSentAt: SENT_AT });
      const link = welcomeProps(language).link;
      for (const part of [reminder.html, reminder.text]) expect(part).toContain(link);
      expect(reminder.text).toContain(EXPIRY_TEXT[language]);
      expect(reminder.subject).not.toBe(welcome.subject);
      expect(reminder.subject).toContain('Bergfjord Rådgivning AS');
      expect(reminder.html).toContain(`<html lang="${language}"`);
    },
  );

  it('says in English that it reminds, once, of the email sent earlier', () => {
    const { subject, text } = ReminderEmail.render({
      ...welcomeProps('en'),
      expiresAt: EXPIRES_AT,
      welcomeSentAt: SENT_AT,
    });
    expect(subject).toBe('Reminder: your account at Bergfjord Rådgivning AS is waiting');
    expect(text).toContain('We sent you a welcome email on 24 November 2026 at 10:00 UTC');
    expect(text).toContain('This is the only reminder you will get for this link.');
  });

  it.each(LANGUAGES)(
    'in %s names the application the link goes on to, as the welcome email does',
    (language) => {
      const props = { ...welcomeProps(language), welcomeSentAt: SENT_AT };
      const named = ReminderEmail.render({ ...props, applicationName: 'Bergfjord CRM' });
      const welcome = WelcomeEmail.render({
        ...welcomeProps(language),
        applicationName: 'Bergfjord CRM',
      });
      const sentence = welcome.text.split('\n').find((line) => line.includes('Bergfjord CRM'));
      expect(sentence).toBeDefined();
      expect(named.text).toContain(sentence);
      expect(ReminderEmail.render(props).text).not.toContain('Bergfjord CRM');
    },
  );

  it.each(LANGUAGES)(
    'in %s asks a user on single sign-on to sign in with their company account, as the welcome email does',
    (language) => {
      const props = { ...welcomeProps(language), welcomeSentAt: SENT_AT };
      const welcome = WelcomeEmail.render({ ...welcomeProps(language), signIn: 'sso' });
      const button = t(language, 'welcomeEmail.buttonSso');
      expect(welcome.html).toContain(button);
      const sso = ReminderEmail.render({ ...props, signIn: 'sso' });
      expect(sso.html).toContain(button);
      expect(sso.text).toContain(t(language, 'reminderEmail.actionSso'));
      expect(sso.text).not.toContain(t(language, 'reminderEmail.action'));
      // No password to reset on single sign-on: the advice for a used link says so.
      expect(welcome.text).toContain(t(language, 'welcomeEmail.expiredSso'));
      expect(sso.text).toContain(t(language, 'welcomeEmail.expiredSso'));
      expect(welcome.text).not.toContain(t(language, 'welcomeEmail.expired'));
      expect(sso.text).not.toContain(t(language, 'welcomeEmail.expired'));
      const password = ReminderEmail.render(props);
      expect(password.html).not.toContain(button);
      expect(password.text).toContain(t(language, 'reminderEmail.action'));
      expect(password.text).toContain(t(language, 'welcomeEmail.expired'));
    },
  );
});

describe("the welcome email with the tenant's own words", () => {
  it('replaces subject, heading and introduction, adds the closing, and escapes HTML in HTML only', () => {
    const custom = {
      subject: 'Hi <b>Kari</b>',
      heading: 'Glad you are here & <i>well</i>',
      intro: 'First <script>x</script> paragraph.\n\nSecond paragraph.',
      closing: 'Regards, <em>IT</em>',
    };
    const { subject, html, text } = WelcomeEmail.render({ ...welcomeProps('en'), custom });
    expect(subject).toBe('Hi <b>Kari</b>');
    expect(text).toContain('Glad you are here & <i>well</i>');
    expect(text).toContain('First <script>x</script> paragraph.');
    expect(text).toContain('Second paragraph.');
    expect(text).toContain('Regards, <em>IT</em>');
    expect(text).not.toContain('An account has been created for you');
    expect(html).toContain('Hi &lt;b&gt;Kari&lt;/b&gt;');
    expect(html).toContain('Glad you are here &amp; &lt;i&gt;well&lt;/i&gt;');
    expect(html).toContain('First &lt;script&gt;x&lt;/script&gt; paragraph.');
    expect(html).toContain('Regards, &lt;em&gt;IT&lt;/em&gt;');
    expect(html).not.toMatch(/<(b|i|em|script)>/);
  });

  it('without custom texts is exactly the built-in email', () => {
    expect(WelcomeEmail.render({ ...welcomeProps('sv'), custom: {} })).toEqual(
      WelcomeEmail.render(welcomeProps('sv')),
    );
  });
});
