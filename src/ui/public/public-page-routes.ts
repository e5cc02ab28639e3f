import { Router, type NextFunction, type Request, type Response } from 'express';
import { classifyError } from '../../platform/errors/classify-error';
import type { Logger } from '../../platform/logging/logger';
import { messagePage } from './message-page';
import { newLinkPageRoutes } from './new-link-routes';
import { pageLanguage, sendPage } from './page-response';
import { resetPageRoutes } from './reset-routes';
import { signInPageRoutes } from './sign-in-routes';
import { welcomePageRoutes } from './welcome-routes';
import type { PublicPagesDeps } from './public-pages-deps';

/**
 * The one place a public page's error becomes a response (STYLE rule 5): an HTML page in the
 * reader's language with a next step, never a stack trace or JSON.
 */
function pageErrorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const c = classifyError(error);
    if (c.unexpected) logger.error('unexpected error', { requestId: req.requestId, error });
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
export function publicPageRoutes(deps: PublicPagesDeps): Router {
  const router = Router();
  if (deps.interactions) router.use(deps.interactions);
  router.use(welcomePageRoutes(deps));
  router.use(newLinkPageRoutes(deps));
  router.use(signInPageRoutes(deps));
  router.use(resetPageRoutes(deps));
  router.use(pageErrorHandler(deps.logger));
  return router;
}
