import { formatMinutes, t, type Language } from '../i18n';
import type { LinkProblem } from '../../welcome/password/link-holder';
import type { WelcomeNextStep } from '../../welcome/new-link/welcome-next-step';
import { linkList, paragraph, renderPage } from './layout';
import { pagePath, tenantIdOf } from './paths';
import { newLinkForm, signedInAlreadyPage } from './welcome-next-pages';

export type LinkKind = 'welcome' | 'password-reset';

/** 410 Gone for a link that existed and no longer works, 404 for one we don't recognise. */
export const linkProblemStatus = (problem: LinkProblem): number =>
  problem === 'invalid' ? 404 : 410;

function whatHappened(language: Language, problem: LinkProblem): { title: string; body: string } {
  switch (problem) {
    case 'used':
      return { title: t(language, 'page.linkUsed.title'), body: t(language, 'page.linkUsed.body') };
    case 'expired':
      return {
        title: t(language, 'page.linkExpired.title'),
        body: t(language, 'page.linkExpired.body'),
      };
    case 'revoked':
      return {
        title: t(language, 'page.linkRevoked.title'),
        body: t(language, 'page.linkRevoked.body'),
      };
    case 'invalid':
      return {
        title: t(language, 'page.linkInvalid.title'),
        body: t(language, 'page.linkInvalid.body'),
      };
  }
}

/**
 * Says what happened to a one-time link and what to do next: for a welcome link, ask the
 * administrator for a new welcome email or, after a first sign-in, reset the password (the
 * seed's rule); for a reset link, request a new one.
 */
export function linkProblemPage(input: {
  language: Language;
  problem: LinkProblem;
  kind: LinkKind;
  tenantId?: string;
  resetTtlMinutes: number;
  /** A welcome link's next step and its token (issue 12); without it, the generic advice. */
  welcome?: { next: WelcomeNextStep; token: string; languageOverride?: Language };
}): string {
  const { language, tenantId } = input;
  const { title, body } = whatHappened(language, input.problem);
  const { welcome } = input;
  if (welcome?.next === 'signed-in') {
    return signedInAlreadyPage({
      language,
      tenantId: tenantIdOf(tenantId),
      languageOverride: welcome.languageOverride,
      happened: body,
    });
  }
  if (welcome?.next === 'new-link' || welcome?.next === 'contact-administrator') {
    const signIn = {
      href: pagePath('/sign-in', { tenantId }),
      label: t(language, 'page.common.goToSignIn'),
    };
    const offer =
      welcome.next === 'new-link'
        ? newLinkForm(language, welcome.token, welcome.languageOverride)
        : paragraph(t(language, 'page.contactAdministrator.body'));
    return renderPage({ language, title, body: [paragraph(body), offer, linkList([signIn])] });
  }
  const advice =
    input.kind === 'welcome'
      ? t(language, 'page.link.whatNext')
      : t(language, 'page.link.whatNextReset', {
          duration: formatMinutes(language, input.resetTtlMinutes),
        });
  const links = [
    {
      href: pagePath('/reset-password', { tenantId }),
      label: t(language, 'page.common.requestReset'),
    },
    { href: pagePath('/sign-in', { tenantId }), label: t(language, 'page.common.goToSignIn') },
  ];
  return renderPage({
    language,
    title,
    body: [paragraph(body), paragraph(advice), linkList(links)],
  });
}
