import { Router } from 'express';
import { readSession } from '../../tenants/auth-middleware';
import type { SessionLibrary } from '../../tenants/sessions';
import { renderApplicationsPage } from './pages/applications-page';

export const APPLICATIONS_PAGE_PATH = '/identity-manager/applications';

export interface ApplicationsPageDeps {
  sessions: SessionLibrary;
}

/** The "Applications" page; without an administrator session it sends the browser to sign in. */
export function applicationsPageRoutes(deps: ApplicationsPageDeps): Router {
  const router = Router();
  router.get(APPLICATIONS_PAGE_PATH, (req, res) => {
    const session = readSession(deps.sessions, req);
    if (!session || session.role !== 'admin') {
      res.redirect(302, `/sign-in?next=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    res
      .status(200)
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(renderApplicationsPage({ session, path: APPLICATIONS_PAGE_PATH }));
  });
  return router;
}
