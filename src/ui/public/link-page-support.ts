import type { Request, Response } from 'express';
import type { UserDoc } from '../../directory/users/user-model';
import { DEFAULT_TENANT } from '../../tenants/tenant-library';
import type { LinkDoc } from '../../welcome/links/link-model';
import { welcomeNextStep } from '../../welcome/new-link/welcome-next-step';
import { inspectLinkHolder, type LinkProblem } from '../../welcome/password/link-holder';
import type { Language } from '../i18n';
import { linkProblemPage, linkProblemStatus, type LinkKind } from './link-problem-page';
import type { PasswordProblem } from '../../welcome/password/password-policy';
import { passwordFormPage } from './password-form-page';
import { signedInPage } from './sign-in-pages';
import { languageOverride, pageLanguage, sendPage } from './page-response';
import { tenantIdOf } from './paths';
import { passwordDeps, tenantInfo, userPrincipal, type TenantInfo } from './route-support';
import { allowFormTargets } from './form-targets';
import type { JourneyEnd } from './journey-end';
import type { PublicPagesDeps } from './public-pages-deps';

/** What the welcome and reset pages' shared part uses. */
export type LinkPageDeps = Pick<
  PublicPagesDeps,
  | 'passwordResetTtlMinutes'
  | 'appSecret'
  | 'now'
  | 'directory'
  | 'Link'
  | 'linkProbes'
  | 'tenants'
  | 'startSession'
>;

export interface OpenLink {
  token: string;
  link: LinkDoc;
  user: UserDoc;
  tenant: TenantInfo;
  language: Language;
}

/** What the welcome and reset pages share: reading a link on GET and the link-problem pages. */
export function linkPageSupport(pages: LinkPageDeps, kind: LinkKind, journey?: JourneyEnd) {
  const deps = passwordDeps(pages);
  const tokenOf = (req: Request) => String(req.params.token);

  /** `about` (the link and its user) lets a welcome link offer its next step (issue 12). */
  function sendProblem(
    res: Response,
    language: Language,
    problem: LinkProblem,
    tenantId?: string,
    about?: { req: Request; token: string; link?: LinkDoc; user?: UserDoc },
  ) {
    const welcome =
      kind === 'welcome' && about
        ? {
            next: welcomeNextStep(problem, about.link, about.user),
            token: about.token,
            languageOverride: languageOverride(about.req),
          }
        : undefined;
    const html = linkProblemPage({
      language,
      problem,
      kind,
      tenantId,
      resetTtlMinutes: pages.passwordResetTtlMinutes,
      welcome,
    });
    sendPage(res, linkProblemStatus(problem), html, language);
  }

  const clientOf = (req: Request) => req.ip ?? 'unknown';

  /** 429 for a client past its limit of unknown tokens, before its token is looked up. */
  const assertMayTryLink = (req: Request): Promise<void> =>
    pages.linkProbes.assertClientMayTry(clientOf(req));

  /**
   * Counts an unknown token against the client and the tenant (an unknown token names none,
   * so the page's `?tenant=`, else the default); 429 instead of the 404 page past a limit.
   */
  const countUnknownToken = (req: Request): Promise<void> =>
    pages.linkProbes.recordUnknownToken({
      tenantId: tenantIdOf(typeof req.query.tenant === 'string' ? req.query.tenant : undefined),
      client: clientOf(req),
      purpose: kind,
    });

  /** The valid link behind a GET, changing nothing; otherwise the problem page is sent (undefined). */
  async function openLink(req: Request, res: Response): Promise<OpenLink | undefined> {
    const token = tokenOf(req);
    await assertMayTryLink(req);
    const holder = await inspectLinkHolder(deps, token, kind);
    if (holder.status === 'invalid') await countUnknownToken(req);
    const tenant = await tenantInfo(pages, holder.link?.tenantId ?? DEFAULT_TENANT);
    const language = pageLanguage(req, { user: holder.user, tenantLanguage: tenant.language });
    if (holder.status !== 'valid') {
      sendProblem(res, language, holder.status, tenant.id, { req, token, ...holder });
      return undefined;
    }
    return { token, link: holder.link, user: holder.user, tenant, language };
  }

  /**
   * After a password form: a refused password re-renders the form (422) with the reason; a
   * saved one signs the user in and shows what just happened.
   */
  async function answerPasswordForm(
    req: Request,
    res: Response,
    input: {
      user: UserDoc;
      problem?: PasswordProblem;
      action: string;
      hidden: Record<string, string | undefined>;
      lead: (language: Language, tenantName: string) => { title: string; body: string };
    },
  ): Promise<void> {
    const { user } = input;
    const tenant = await tenantInfo(pages, user.tenantId);
    const language = pageLanguage(req, { user, tenantLanguage: tenant.language });
    if (input.problem) {
      await allowJourney(res, user.tenantId);
      const html = passwordFormPage({
        language,
        kind: kind === 'welcome' ? 'welcome' : 'reset',
        tenantName: tenant.name,
        userName: user.userName,
        action: input.action,
        hidden: { ...input.hidden, lang: languageOverride(req) },
        problem: input.problem,
      });
      sendPage(res, 422, html, language);
      return;
    }
    pages.startSession(res, userPrincipal(user));
    const next = await journey?.continueToApplication(res, {
      tenantId: user.tenantId,
      userId: user._id,
      loginHint: user.userName,
    });
    if (next) {
      res.set('Cache-Control', 'no-store').redirect(303, next.url);
      return;
    }
    const lead = input.lead(language, tenant.name);
    sendPage(
      res,
      200,
      signedInPage({ language, tenantName: tenant.name, userName: user.userName, lead }),
      language,
    );
  }

  /** A password form's page may lead on to the tenant's default application. */
  async function allowJourney(res: Response, tenantId: string): Promise<void> {
    if (journey) allowFormTargets(res, await journey.formTargets(tenantId));
  }

  return {
    deps,
    allowJourney,
    tokenOf,
    sendProblem,
    openLink,
    answerPasswordForm,
    assertMayTryLink,
    countUnknownToken,
  };
}
