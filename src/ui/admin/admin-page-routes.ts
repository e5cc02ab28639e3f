import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router, type Request, type Response } from 'express';
import { readSession } from '../../tenants/auth-middleware';
import type { SessionLibrary } from '../../tenants/sessions';
import type { AdminPageView } from './layout';
import { renderIdentityManagerPage } from './pages/identity-manager-page';
import { renderAuditLogPage } from './pages/audit-log-page';
import { renderMailboxPage } from './pages/mailbox-page';
import { renderProvisioningLogPage } from './pages/provisioning-log-page';
import { renderPreferencesPage } from './pages/preferences-page';
import { renderUsersPage } from './pages/users-page';
import { renderWelcomeEmailsPage } from './pages/welcome-emails-page';
import { renderEventsPage } from './pages/events-page';
import { renderApplicationsPage } from './pages/applications-page';

/**
 * Where `tsc -p src/ui/admin/client/tsconfig.json` writes the client scripts: `dist/ui-static`.
 * This module runs from `dist/src/ui/admin` once built and from `src/ui/admin` under jest.
 */
export function clientScriptDir(): string {
  const candidates = [
    path.resolve(__dirname, '../../../ui-static'),
    path.resolve(__dirname, '../../../dist/ui-static'),
  ];
  return candidates.find((dir) => existsSync(path.join(dir, 'common.js'))) ?? candidates[0]!;
}

const PAGES: ReadonlyArray<[string, (view: AdminPageView) => string]> = [
  ['/identity-manager', renderIdentityManagerPage],
  ['/identity-manager/provisioning-log', renderProvisioningLogPage],
  ['/admin/audit-log', renderAuditLogPage],
  ['/admin/preferences', renderPreferencesPage],
  ['/admin/users', renderUsersPage],
  ['/mailbox', renderMailboxPage],
  ['/identity-manager/welcome-emails', renderWelcomeEmailsPage],
  ['/identity-manager/events', renderEventsPage],
  ['/identity-manager/applications', renderApplicationsPage],
];

/** What the administrators' pages use (issue 20): only the sessions they read. */
export interface AdminPagesDeps {
  sessions: SessionLibrary;
}

/** The administrators' pages; without an administrator session they send the browser to sign in. */
export function adminPageRoutes(deps: AdminPagesDeps): Router {
  const router = Router();
  router.use('/ui/static', express.static(clientScriptDir(), { index: false, maxAge: 0 }));
  router.get('/admin', (_req, res) => res.redirect(302, '/admin/users'));
  for (const [pagePath, render] of PAGES) {
    router.get(pagePath, (req: Request, res: Response) => {
      const session = readSession(deps.sessions, req);
      if (!session || session.role !== 'admin') {
        res.redirect(302, `/sign-in?next=${encodeURIComponent(req.originalUrl)}`);
        return;
      }
      res
        .status(200)
        .set('Cache-Control', 'no-store')
        .type('html')
        .send(render({ session, path: pagePath }));
    });
  }
  return router;
}
