import { Router } from 'express';
import { readSession } from '../../tenants/auth-middleware';
import type { AdminPagesDeps } from './admin-page-routes';
import { renderEventsPage } from './pages/events-page';

export const EVENTS_PAGE_PATH = '/identity-manager/events';

/** The "Events and webhooks" page; without an administrator session it sends the browser to sign in. */
export function eventsPageRoutes(deps: AdminPagesDeps): Router {
  const router = Router();
  router.get(EVENTS_PAGE_PATH, (req, res) => {
    const session = readSession(deps.sessions, req);
    if (!session || session.role !== 'admin') {
      res.redirect(302, `/sign-in?next=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    res
      .status(200)
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(renderEventsPage({ session, path: EVENTS_PAGE_PATH }));
  });
  return router;
}
