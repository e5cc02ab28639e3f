import { markup } from '../../mail/templates/escape-html';
import { formatMinutes, t, type Language } from '../i18n';
import { hiddenField, linkList, paragraph, renderPage } from './layout';
import { pagePath } from './paths';

/** `GET /reset-password`: asks only for the address. */
export function resetRequestPage(input: {
  language: Language;
  tenantId: string;
  languageOverride?: Language;
}): string {
  const { language, tenantId } = input;
  return renderPage({
    language,
    title: t(language, 'page.resetRequest.title'),
    body: [
      paragraph(t(language, 'page.resetRequest.intro')),
      markup`<form method="post" action="/reset-password">
${hiddenField('tenant', tenantId)}${hiddenField('lang', input.languageOverride)}<label for="email">${t(language, 'page.common.email')}</label>
<input type="email" id="email" name="email" autocomplete="email" required maxlength="320">
<button type="submit">${t(language, 'page.resetRequest.submit')}</button>
</form>
`,
      paragraph(t(language, 'page.resetRequest.neverSignedIn'), 'muted'),
      linkList([
        {
          href: pagePath('/sign-in', { tenantId, language: input.languageOverride }),
          label: t(language, 'page.common.goToSignIn'),
        },
      ]),
    ],
  });
}

/**
 * The answer to every reset request. It depends only on the language, the tenant and the
 * configured lifetime, never on the address, so it cannot tell whether an account exists.
 */
export function resetSentPage(input: {
  language: Language;
  tenantId: string;
  ttlMinutes: number;
}): string {
  const { language, tenantId } = input;
  return renderPage({
    language,
    title: t(language, 'page.resetSent.title'),
    body: [
      paragraph(
        t(language, 'page.resetSent.body', { duration: formatMinutes(language, input.ttlMinutes) }),
      ),
      paragraph(t(language, 'page.resetSent.notArrived'), 'muted'),
      linkList([
        { href: pagePath('/sign-in', { tenantId }), label: t(language, 'page.common.goToSignIn') },
      ]),
    ],
  });
}
