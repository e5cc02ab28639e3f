import { formatDateTime, type Language } from '../../ui/i18n';
import type { CustomWelcomeTexts } from '../templates';

/** The parts of the welcome email a tenant may word itself, with their length limits. */
export const WELCOME_TEXT_FIELDS = {
  subject: { maxLength: 200, singleLine: true },
  heading: { maxLength: 200, singleLine: true },
  intro: { maxLength: 2000, singleLine: false },
  closing: { maxLength: 1000, singleLine: false },
  senderName: { maxLength: 100, singleLine: true },
} as const;

export type WelcomeTextField = keyof typeof WELCOME_TEXT_FIELDS;

/** A tenant's words for one language; a missing field keeps the built-in text. */
export type WelcomeTexts = Partial<Record<WelcomeTextField, string>>;

export const PLACEHOLDERS = [
  'firstName',
  'displayName',
  'tenantName',
  'linkExpiry',
  'applicationName',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

const FIELD_NAMES = Object.keys(WELCOME_TEXT_FIELDS) as WelcomeTextField[];
const PLACEHOLDER_PATTERN = /\{([^{}]*)\}/g;
const LINE_BREAK = /[\r\n\u2028\u2029]/;

/** `{name}`s in a text that are not placeholders we fill. */
export function unknownPlaceholders(text: string): string[] {
  const names = [...text.matchAll(PLACEHOLDER_PATTERN)].map((m) => m[1] ?? '');
  return [...new Set(names.filter((n) => !(PLACEHOLDERS as readonly string[]).includes(n)))];
}

/**
 * Checks a body of texts: only known fields, strings (null or "" resets one to the built-in
 * text), within the limits, single-line where the field is a header, and only known
 * placeholders. Every problem names the field and, for placeholders, the unknown names.
 */
export function validateWelcomeTexts(
  input: unknown,
): { ok: true; texts: WelcomeTexts } | { ok: false; problems: string[] } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, problems: ['the body must be an object of texts'] };
  }
  const problems: string[] = [];
  const texts: WelcomeTexts = {};
  for (const [name, value] of Object.entries(input)) {
    if (!(FIELD_NAMES as string[]).includes(name)) {
      problems.push(`unknown field "${name}"; fields are ${FIELD_NAMES.join(', ')}`);
      continue;
    }
    const field = name as WelcomeTextField;
    if (value === null || value === '') continue;
    if (typeof value !== 'string') {
      problems.push(`${field} must be a string or null`);
      continue;
    }
    const { maxLength, singleLine } = WELCOME_TEXT_FIELDS[field];
    if ([...value].length > maxLength)
      problems.push(`${field} is longer than ${maxLength} characters`);
    if (singleLine && LINE_BREAK.test(value)) problems.push(`${field} must be a single line`);
    const unknown = unknownPlaceholders(value);
    if (unknown.length > 0) {
      problems.push(
        `${field} has unknown placeholders ${unknown.map((n) => `{${n}}`).join(', ')}; use ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`,
      );
    }
    if (value.trim() !== '') texts[field] = value;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, texts };
}

export interface PlaceholderValues {
  firstName: string;
  displayName: string;
  tenantName: string;
  linkExpiry: string;
  /** The application the email leads to (the tenant's default one); else the tenant's name. */
  applicationName: string;
}

export function placeholderValues(input: {
  language: Language;
  firstName?: string;
  displayName: string;
  tenantName: string;
  expiresAt: Date;
  applicationName?: string;
}): PlaceholderValues {
  return {
    firstName: input.firstName?.trim() || input.displayName,
    displayName: input.displayName,
    tenantName: input.tenantName,
    linkExpiry: formatDateTime(input.language, input.expiresAt),
    applicationName: input.applicationName?.trim() || input.tenantName,
  };
}

/** Replaces the placeholders; the result is plain text (the email layout escapes it). */
export const fillPlaceholders = (text: string, values: PlaceholderValues): string =>
  text.replace(PLACEHOLDER_PATTERN, (whole, name: string) =>
    (PLACEHOLDERS as readonly string[]).includes(name) ? values[name as Placeholder] : whole,
  );

/** The email's custom parts and sender name with their placeholders filled. */
export function fillWelcomeTexts(
  texts: WelcomeTexts | null | undefined,
  values: PlaceholderValues,
): { custom: CustomWelcomeTexts; senderName?: string } {
  const fill = (text: string | undefined) =>
    text === undefined ? undefined : fillPlaceholders(text, values);
  return {
    custom: {
      subject: fill(texts?.subject),
      heading: fill(texts?.heading),
      intro: fill(texts?.intro),
      closing: fill(texts?.closing),
    },
    senderName: fill(texts?.senderName),
  };
}
