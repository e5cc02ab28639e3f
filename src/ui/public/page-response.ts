import type { Request, Response } from 'express';
import type { UserDoc } from '../../directory/users/user-model';
import { languageHintsOf } from '../../welcome/outbox/recipient';
import { languageOfTag, pickLanguage, type Language } from '../i18n';

const MAX_LANGUAGE_TAG = 35;

/** `?lang=xx` (or the `lang` field of a form that carried it on): an explicit choice wins. */
export function languageOverride(req: Request): Language | undefined {
  const body = (req.body ?? {}) as Record<string, unknown>;
  for (const value of [req.query.lang, body.lang]) {
    if (typeof value === 'string' && value.length <= MAX_LANGUAGE_TAG) {
      const language = languageOfTag(value);
      if (language) return language;
    }
  }
  return undefined;
}

export interface LanguageHints {
  user?: UserDoc | null;
  tenantLanguage?: string;
}

/**
 * The page language: an explicit `?lang`, then the user's SCIM `preferredLanguage` and
 * `locale` (when the page knows the user), then the browser's Accept-Language, then the
 * tenant's default.
 */
export function pageLanguage(req: Request, hints: LanguageHints = {}): Language {
  return pickLanguage(
    languageOverride(req),
    ...(hints.user ? languageHintsOf(hints.user) : []),
    req.get('accept-language'),
    hints.tenantLanguage,
  );
}

/**
 * Sends a rendered page. Never cached, and referred only to ourselves: several of these URLs
 * carry a one-time token, so no other origin may see them in a Referer, while our own form
 * posts must carry our origin in `Origin` (with `no-referrer` browsers send `Origin: null`).
 */
export function sendPage(res: Response, status: number, html: string, language: Language): void {
  res
    .status(status)
    .set({
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'same-origin',
      'X-Robots-Tag': 'noindex, nofollow',
      'Content-Language': language,
    })
    .type('html')
    .send(html);
}
