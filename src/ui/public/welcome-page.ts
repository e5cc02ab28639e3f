import { markup } from '../../mail/templates/escape-html';
import { t, type Language } from '../i18n';
import { hiddenField, paragraph, renderPage } from './layout';

/**
 * `GET /welcome/{token}`: says who invited whom and asks for one press of Continue. Nothing
 * happens until that POST, so a mail scanner opening the link consumes nothing.
 */
export function welcomeConfirmPage(input: {
  language: Language;
  tenantName: string;
  userName: string;
  token: string;
  languageOverride?: Language;
}): string {
  const { language } = input;
  return renderPage({
    language,
    title: t(language, 'page.welcome.title', { tenant: input.tenantName }),
    body: [
      paragraph(t(language, 'page.welcome.intro')),
      paragraph(t(language, 'common.userNameIs', { userName: input.userName })),
      markup`<form method="post" action="/welcome/${input.token}">
${hiddenField('lang', input.languageOverride)}<button type="submit">${t(language, 'page.common.continue')}</button>
</form>
`,
      paragraph(t(language, 'page.welcome.scannerNote'), 'muted'),
    ],
  });
}
