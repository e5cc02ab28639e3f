import { LOCALES, type Language } from './languages';

/**
 * A moment as the language writes it, in UTC and saying so ("1. desember 2026 kl. 10:00 UTC"):
 * we do not know the reader's time zone, and a wrong local time is worse than an explicit UTC.
 */
export function formatDateTime(language: Language, moment: Date): string {
  const formatted = new Intl.DateTimeFormat(LOCALES[language], {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(moment);
  return `${formatted} UTC`;
}

/** A number of minutes in words, plural-correct ("30 minutes", "30 Minuten", "1 minutt"). */
export function formatMinutes(language: Language, minutes: number): string {
  return new Intl.NumberFormat(LOCALES[language], {
    style: 'unit',
    unit: 'minute',
    unitDisplay: 'long',
    maximumFractionDigits: 0,
  }).format(minutes);
}
