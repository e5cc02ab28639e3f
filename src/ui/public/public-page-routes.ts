import { Router, type NextFunction, type Request, type Response } from 'express';
import type { AppContext } from '../../app/context';
import { classifyError } from '../../platform/errors/classify-error';
import type { PasswordAccountFinder } from '../../tenants/sign-in';
import { messagePage } from './message-page';
import { newLinkPageRoutes } from './new-link-routes';
import { pageLanguage, sendPage } from './page-response';
import { resetPageRoutes } from './reset-routes';
import { signInPageRoutes } from './sign-in-routes';
import { welcomePageRoutes } from './welcome-routes';
import type { JourneyEnd } from './journey-end';

export interface PublicPageOptions {
  /** Directory users who can sign in with a password (build-application's `userPasswordAccounts`). */
  findUser: PasswordAccountFinder;
  /** Where the welcome and reset journeys end (the tenant's default application). */
  journey?: JourneyEnd;
  /** The OpenID Connect provider's login pages (sign-in/). */
  interactions?: Router;
}

/**
 * The one place a public page's error becomes a response (STYLE rule 5): an HTML page in the
 * reader's language with a next step, never a stack trace or JSON.
 */
function pageErrorHandler(ctx: AppContext) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const c = classifyError(error);
    if (c.unexpected) ctx.logger.error('unexpected error', { requestId: req.requestId, error });
    const language = pageLanguage(req);
    res.set(c.headers);
    const kind =
      c.status === 429
        ? 'tooManyAttempts'
        : c.code === 'cross_origin_request' || c.code === 'unsupported_media_type'
          ? 'formRefused'
          : 'error';
    sendPage(res, c.status, messagePage(language, kind), language);
  };
}

/**
 * The public pages (CONTRACT.md "Public pages and hooks"): welcome confirm and first
 * password, sign-in and sign-out, password reset. Server-rendered, no script needed.
 */
export function publicPageRoutes(ctx: AppContext, options: PublicPageOptions): Router {
  const router = Router();
  if (options.interactions) router.use(options.interactions);
  router.use(welcomePageRoutes(ctx, options.journey));
  router.use(newLinkPageRoutes(ctx));
  router.use(signInPageRoutes(ctx, options.findUser));
  router.use(resetPageRoutes(ctx, options.journey));
  router.use(pageErrorHandler(ctx));
  return router;
}
