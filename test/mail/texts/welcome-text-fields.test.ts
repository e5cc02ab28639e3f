import {
  fillPlaceholders,
  placeholderValues,
  unknownPlaceholders,
  validateWelcomeTexts,
} from '../../../src/mail/texts/welcome-text-fields';

const values = {
  firstName: 'Kari',
  displayName: 'Kari Nordmann',
  tenantName: 'Acme',
  linkExpiry: '9 December 2026, 10:00 UTC',
  applicationName: 'Acme CRM',
};

describe("the tenant's welcome texts", () => {
  it('accepts the five placeholders and fills each of them', () => {
    const result = validateWelcomeTexts({
      subject: 'Hi {firstName}, welcome to {applicationName}',
      intro: '{displayName}: your link works until {linkExpiry}.',
    });
    expect(result).toEqual({
      ok: true,
      texts: {
        subject: 'Hi {firstName}, welcome to {applicationName}',
        intro: '{displayName}: your link works until {linkExpiry}.',
      },
    });
    expect(
      fillPlaceholders(
        'Hi {firstName} of {tenantName}, until {linkExpiry}: {applicationName}',
        values,
      ),
    ).toBe('Hi Kari of Acme, until 9 December 2026, 10:00 UTC: Acme CRM');
  });

  it("{applicationName} is the tenant's name when no application is named", () => {
    expect(
      placeholderValues({
        language: 'en',
        displayName: 'Kari Nordmann',
        tenantName: 'Acme',
        expiresAt: new Date('2026-12-09T10:00:00Z'),
      }).applicationName,
    ).toBe('Acme');
  });

  it('refuses unknown placeholders with a message naming them', () => {
    const result = validateWelcomeTexts({ heading: 'Hello {first_name} at {company} {firstName}' });
    expect(result.ok).toBe(false);
    const problems = (result as { problems: string[] }).problems.join(' ');
    expect(problems).toContain('heading has unknown placeholders {first_name}, {company}');
    expect(problems).toContain(
      '{firstName}, {displayName}, {tenantName}, {linkExpiry}, {applicationName}',
    );
    expect(unknownPlaceholders('{x}{x}{}')).toEqual(['x', '']);
  });

  it('applies the length limits and keeps header fields on one line', () => {
    const result = validateWelcomeTexts({
      subject: 'x'.repeat(201),
      intro: 'y'.repeat(2001),
      closing: 'z'.repeat(1001),
      senderName: 'IT\nBcc: victim@example.com',
      heading: 'a\r\nb',
    });
    const problems = (result as { problems: string[] }).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        'subject is longer than 200 characters',
        'intro is longer than 2000 characters',
        'closing is longer than 1000 characters',
        'senderName must be a single line',
        'heading must be a single line',
      ]),
    );
    expect(validateWelcomeTexts({ intro: 'line one\n\nline two' }).ok).toBe(true);
  });

  it('refuses unknown fields and non-strings; null or "" means the built-in text', () => {
    expect(validateWelcomeTexts({ footer: 'x' }).ok).toBe(false);
    expect(validateWelcomeTexts({ subject: 3 }).ok).toBe(false);
    expect(validateWelcomeTexts([]).ok).toBe(false);
    expect(validateWelcomeTexts({ subject: null, intro: '' })).toEqual({ ok: true, texts: {} });
  });
});
