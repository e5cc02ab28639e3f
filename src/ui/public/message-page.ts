import { t, type Language } from '../i18n';
import { linkList, paragraph, renderPage } from './layout';
import { pagePath } from './paths';

export type MessageKind = 'error' | 'tooManyAttempts' | 'formExpired' | 'formRefused' | 'notFound';

/**
 * The page for what went wrong outside a form: never an error dump, always a next step.
 * `formExpired` is an expired or spent set-password grant: the link is gone by then, so the
 * way forward is a password reset. `formRefused` is a form posted from another origin or in
 * another content type (a CSRF attempt, or a client that is not a browser).
 */
export function messagePage(language: Language, kind: MessageKind, tenantId?: string): string {
  const signIn = {
    href: pagePath('/sign-in', { tenantId }),
    label: t(language, 'page.common.goToSignIn'),
  };
  const reset = {
    href: pagePath('/reset-password', { tenantId }),
    label: t(language, 'page.common.requestReset'),
  };
  switch (kind) {
    case 'tooManyAttempts':
      return renderPage({
        language,
        title: t(language, 'page.common.errorTitle'),
        body: [paragraph(t(language, 'page.common.tooManyAttempts')), linkList([signIn])],
      });
    case 'formExpired':
      return renderPage({
        language,
        title: t(language, 'page.common.errorTitle'),
        body: [paragraph(t(language, 'page.common.formExpired')), linkList([reset, signIn])],
      });
    case 'formRefused':
      return renderPage({
        language,
        title: t(language, 'page.common.errorTitle'),
        body: [paragraph(t(language, 'page.common.formRefused')), linkList([signIn])],
      });
    case 'notFound':
      return renderPage({
        language,
        title: t(language, 'page.common.notFoundTitle'),
        body: [paragraph(t(language, 'page.common.notFoundBody')), linkList([signIn])],
      });
    case 'error':
      return renderPage({
        language,
        title: t(language, 'page.common.errorTitle'),
        body: [paragraph(t(language, 'page.common.errorBody')), linkList([signIn])],
      });
  }
}
