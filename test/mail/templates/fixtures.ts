import type { Language } from '../../../src/ui/i18n';
import type { PasswordResetEmailProps, WelcomeEmailProps } from '../../../src/mail/templates';

export const EXPIRES_AT = new Date('2026-12-01T10:00:00Z');

/** The expiry as each language writes it: the same instant, always in UTC. */
export const EXPIRY_TEXT: Readonly<Record<Language, string>> = {
  en: '1 December 2026 at 10:00 UTC',
  nb: '1. desember 2026 kl. 10:00 UTC',
  sv: '1 december 2026 kl. 10:00 UTC',
  da: '1. december 2026 kl. 10.00 UTC',
  de: '1. Dezember 2026 um 10:00 UTC',
  nl: '1 december 2026 om 10:00 UTC',
};

export const THIRTY_MINUTES: Readonly<Record<Language, string>> = {
  en: '30 minutes',
  nb: '30 minutter',
  sv: '30 minuter',
  da: '30 minutter',
  de: '30 Minuten',
  nl: '30 minuten',
};

export function welcomeProps(language: Language): WelcomeEmailProps {
  return {
    language,
    tenantName: 'Bergfjord Rådgivning AS',
    userDisplayName: 'Kari Nordmann',
    userName: 'kari.nordmann@bergfjord.example',
    link: 'https://id.bergfjord.example/welcome/Qm9va2luZy1saW5rLXRva2Vu',
    expiresAt: EXPIRES_AT,
  };
}

export function resetProps(language: Language): PasswordResetEmailProps {
  return {
    language,
    tenantName: 'Bergfjord Rådgivning AS',
    userDisplayName: 'Kari Nordmann',
    userName: 'kari.nordmann@bergfjord.example',
    link: 'https://id.bergfjord.example/reset-password/UmVzZXQtbGluay10b2tlbg',
    expiresAt: EXPIRES_AT,
  };
}
