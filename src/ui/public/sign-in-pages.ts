import { markup, type HtmlValue } from '../../mail/templates/escape-html';
import { t, type Language } from '../i18n';
import { errorBox, hiddenField, linkList, paragraph, renderPage } from './layout';
import { pagePath } from './paths';

export interface SignInPageInput {
  language: Language;
  tenantId: string;
  tenantName: string;
  email?: string;
  next?: string;
  languageOverride?: Language;
  failed?: boolean;
  /** Where the form posts: `/sign-in`, or an OpenID Connect interaction's login. */
  action?: string;
  /** Sign-in with the tenant's own identity provider (single sign-on), offered first. */
  companyHref?: string;
}

/** `GET /sign-in`: one form for administrators and users; the password is never echoed back. */
export function signInPage(input: SignInPageInput): string {
  const { language, tenantId } = input;
  return renderPage({
    language,
    title: t(language, 'page.signIn.title', { tenant: input.tenantName }),
    body: [
      errorBox(input.failed ? t(language, 'page.signIn.failed') : undefined),
      input.companyHref
        ? markup`<p><a class="button" href="${input.companyHref}">${t(language, 'page.signIn.company')}</a></p>
`
        : '',
      markup`<form method="post" action="${input.action ?? '/sign-in'}">
${hiddenField('tenant', tenantId)}${hiddenField('next', input.next)}${hiddenField('lang', input.languageOverride)}<label for="email">${t(language, 'page.common.email')}</label>
<input type="email" id="email" name="email" value="${input.email ?? ''}" autocomplete="username" required maxlength="320"${input.failed ? markup` aria-invalid="true" aria-describedby="form-error"` : ''}>
<label for="password">${t(language, 'page.common.password')}</label>
<input type="password" id="password" name="password" autocomplete="current-password" required maxlength="1024">
<button type="submit">${t(language, 'page.signIn.submit')}</button>
</form>
`,
      linkList([
        {
          href: pagePath('/reset-password', { tenantId, language: input.languageOverride }),
          label: t(language, 'page.signIn.forgotPassword'),
        },
      ]),
      paragraph(t(language, 'page.signIn.neverSignedIn'), 'muted'),
    ],
  });
}

/** A sign-out button: a POST, since following a link must not change anything. */
export const signOutForm = (language: Language): HtmlValue =>
  markup`<form class="inline" method="post" action="/sign-out">
<button type="submit" class="secondary">${t(language, 'page.signedIn.signOut')}</button>
</form>
`;

/**
 * A signed-in user's landing page. `lead` is what just happened (a password saved or
 * changed); without it this is the plain "you're signed in" page.
 */
export function signedInPage(input: {
  language: Language;
  tenantName: string;
  userName: string;
  lead?: { title: string; body: string };
}): string {
  const { language } = input;
  const signedIn = t(language, 'page.signedIn.body', {
    tenant: input.tenantName,
    userName: input.userName,
  });
  return renderPage({
    language,
    title: input.lead?.title ?? t(language, 'page.signedIn.title'),
    body: [
      input.lead ? paragraph(input.lead.body) : '',
      paragraph(signedIn),
      signOutForm(language),
    ],
  });
}

export function signedOutPage(language: Language, tenantId?: string): string {
  return renderPage({
    language,
    title: t(language, 'page.signedOut.body'),
    body: linkList([
      { href: pagePath('/sign-in', { tenantId }), label: t(language, 'page.common.goToSignIn') },
    ]),
  });
}
