import { markup, type HtmlValue } from '../../mail/templates/escape-html';
import { t, type Language } from '../i18n';
import { hiddenField, linkList, paragraph, renderPage } from './layout';
import { pagePath } from './paths';

/*
 * What an expired, superseded or used welcome link offers next (issue 12). None of these
 * pages names the user or their address: whoever holds an old link learns nothing from it.
 */

/** "Email me a new link": a same-origin POST form that needs no JavaScript. */
export function newLinkForm(
  language: Language,
  token: string,
  languageOverride?: Language,
): HtmlValue {
  return [
    paragraph(t(language, 'page.newLink.offer')),
    markup`<form method="post" action="/welcome/${token}/new-link">
${hiddenField('lang', languageOverride)}<button type="submit">${t(language, 'page.newLink.submit')}</button>
</form>
`,
  ];
}

/** The password-reset request form, for a user whose welcome link is spent. */
export function resetRequestForm(
  language: Language,
  tenantId: string,
  languageOverride?: Language,
): HtmlValue {
  return markup`<form method="post" action="/reset-password">
${hiddenField('tenant', tenantId)}${hiddenField('lang', languageOverride)}<label for="email">${t(language, 'page.common.email')}</label>
<input type="email" id="email" name="email" autocomplete="email" required maxlength="320">
<button type="submit">${t(language, 'page.resetRequest.submit')}</button>
</form>
`;
}

/** A used link, or a user who has signed in since: a password reset is the way back. */
export function signedInAlreadyPage(input: {
  language: Language;
  tenantId: string;
  languageOverride?: Language;
  /** What happened to the link, said first. */
  happened?: string;
}): string {
  const { language, tenantId } = input;
  return renderPage({
    language,
    title: t(language, 'page.signedInAlready.title'),
    body: [
      input.happened ? paragraph(input.happened) : '',
      paragraph(t(language, 'page.signedInAlready.body')),
      resetRequestForm(language, tenantId, input.languageOverride),
      linkList([
        {
          href: pagePath('/sign-in', { tenantId, language: input.languageOverride }),
          label: t(language, 'page.common.goToSignIn'),
        },
      ]),
    ],
  });
}

/** The answer to every "Email me a new link", whether or not an email went out. */
export function newLinkRequestedPage(input: { language: Language; tenantId: string }): string {
  const { language, tenantId } = input;
  return renderPage({
    language,
    title: t(language, 'page.newLink.sentTitle'),
    body: [
      paragraph(t(language, 'page.newLink.sentBody')),
      paragraph(t(language, 'page.newLink.sentNote'), 'muted'),
      linkList([
        { href: pagePath('/sign-in', { tenantId }), label: t(language, 'page.common.goToSignIn') },
      ]),
    ],
  });
}
