import type { KoaContextWithOIDC } from 'oidc-provider';
import { markup, trustedHtml } from '../../mail/templates/escape-html';
import type { ProviderPages } from '../../sign-in/sign-in-capability';
import { pickLanguage, t } from '../i18n';
import { linkList, paragraph, renderPage } from './layout';
import { pagePath } from './paths';

/** The tenant a provider serves, from its issuer (`…/oidc/{tenant}`). */
const tenantOf = (ctx: KoaContextWithOIDC) =>
  ctx.oidc?.provider.issuer.split('/').pop() ?? undefined;

const send = (ctx: KoaContextWithOIDC, language: string, html: string) => {
  ctx.type = 'html';
  ctx.set('Cache-Control', 'no-store');
  ctx.set('Content-Language', language);
  ctx.body = html;
};

/**
 * The provider's own pages in our layout and the reader's language: its errors (a request an
 * application got wrong) and RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0 §2).
 */
export function providerPages(tenantName: (tenantId: string) => Promise<string>): ProviderPages {
  const languageOf = (ctx: KoaContextWithOIDC) => pickLanguage(ctx.get('accept-language'));
  return {
    async error(ctx, out) {
      const language = languageOf(ctx);
      const tenantId = tenantOf(ctx);
      const expired =
        out.error === 'invalid_request' && /interaction|session/i.test(out.error_description ?? '');
      send(
        ctx,
        language,
        renderPage({
          language,
          title: t(language, 'page.common.errorTitle'),
          body: [
            paragraph(
              expired
                ? t(language, 'page.oidc.expired')
                : t(language, 'page.oidc.requestRefused', { error: out.error }),
            ),
            out.error_description && !expired ? paragraph(out.error_description, 'muted') : '',
            linkList([
              {
                href: pagePath('/sign-in', { tenantId }),
                label: t(language, 'page.common.goToSignIn'),
              },
            ]),
          ],
        }),
      );
    },
    async logout(ctx, form) {
      const language = languageOf(ctx);
      const tenant = await tenantName(tenantOf(ctx) ?? '');
      // The provider's form (its action and anti-forgery field) is trusted markup.
      send(
        ctx,
        language,
        renderPage({
          language,
          title: t(language, 'page.oidc.signOutTitle', { tenant }),
          body: [
            paragraph(t(language, 'page.oidc.signOutBody', { tenant })),
            trustedHtml(form),
            markup`<button type="submit" form="op.logoutForm" name="logout" value="yes">${t(language, 'page.oidc.signOutConfirm')}</button>
<button type="submit" form="op.logoutForm" class="secondary">${t(language, 'page.oidc.signOutCancel')}</button>
`,
          ],
        }),
      );
      const target = ctx.oidc.params?.post_logout_redirect_uri;
      const policy = ctx.response.get('Content-Security-Policy');
      if (typeof target === 'string' && policy) {
        const origin = URL.parse(target)?.origin;
        if (origin && origin !== 'null') {
          ctx.set(
            'Content-Security-Policy',
            policy.replace(/form-action 'self'/, `form-action 'self' ${origin}`),
          );
        }
      }
    },
    async loggedOut(ctx) {
      const language = languageOf(ctx);
      send(
        ctx,
        language,
        renderPage({
          language,
          title: t(language, 'page.signedOut.body'),
          body: linkList([
            {
              href: pagePath('/sign-in', { tenantId: tenantOf(ctx) }),
              label: t(language, 'page.common.goToSignIn'),
            },
          ]),
        }),
      );
    },
  };
}
