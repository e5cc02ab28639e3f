import { Router, type Request } from 'express';
import { publicOriginOf } from '../../tenants/same-origin';
import { ApiError } from '../../platform/errors/api-error';
import { formField, formPost } from './form-body';
import { languageOverride, pageLanguage, sendPage } from './page-response';
import { safeNextPath, tenantIdOf } from './paths';
import { tenantInfo } from './route-support';
import { signedInPage, signedOutPage, signInPage } from './sign-in-pages';
import type { PublicPagesDeps } from './public-pages-deps';

/** Where an administrator lands after signing in without a `next`. */
export const ADMIN_HOME = '/identity-manager';

const queryString = (req: Request, name: string): string | undefined => {
  const value = req.query[name];
  return typeof value === 'string' ? value : undefined;
};

/** `/sign-in` and `/sign-out`: server-rendered password sign-in for administrators and users. */
export function signInPageRoutes(
  deps: Pick<
    PublicPagesDeps,
    | 'publicBaseUrl'
    | 'tenants'
    | 'directory'
    | 'passwordSignIn'
    | 'startSession'
    | 'endSession'
    | 'journey'
  >,
): Router {
  const router = Router();
  const posted = formPost(publicOriginOf(deps.publicBaseUrl));
  /** The tenant's identity provider, offered first when its users may sign in there. */
  const companyHref = async (tenantId: string) =>
    (await deps.journey?.offersCompanyAccount?.(tenantId))
      ? `/oidc/${tenantId}/upstream/start`
      : undefined;

  router.get('/sign-in', async (req, res) => {
    const tenant = await tenantInfo(deps, tenantIdOf(queryString(req, 'tenant')));
    const language = pageLanguage(req, { tenantLanguage: tenant.language });
    const html = signInPage({
      language,
      tenantId: tenant.id,
      tenantName: tenant.name,
      next: safeNextPath(queryString(req, 'next')),
      languageOverride: languageOverride(req),
      companyHref: await companyHref(tenant.id),
    });
    sendPage(res, 200, html, language);
  });

  router.post('/sign-in', ...posted, async (req, res) => {
    const tenant = await tenantInfo(deps, tenantIdOf(formField(req, 'tenant')));
    const email = formField(req, 'email') ?? '';
    const password = formField(req, 'password') ?? '';
    const next = safeNextPath(formField(req, 'next'));
    const refuse = async (status: number) => {
      const language = pageLanguage(req, { tenantLanguage: tenant.language });
      const html = signInPage({
        language,
        tenantId: tenant.id,
        tenantName: tenant.name,
        email: email.slice(0, 320),
        next,
        languageOverride: languageOverride(req),
        failed: true,
        companyHref: await companyHref(tenant.id),
      });
      sendPage(res, status, html, language);
    };
    if (!email || !password || email.length > 320 || password.length > 1024) return refuse(400);

    // Unknown address and wrong password are one answer; 429 goes to the page error handler.
    const principal = await deps
      .passwordSignIn({ tenantId: tenant.id, email, password, clientIp: req.ip ?? 'unknown' })
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      });
    if (!principal) return refuse(401);
    deps.startSession(res, principal);
    const target = next ?? (principal.role === 'admin' ? ADMIN_HOME : undefined);
    if (target) {
      res.set('Cache-Control', 'no-store').redirect(303, `${deps.publicBaseUrl}${target}`);
      return;
    }
    const user = await deps.directory.users.findById(principal.tenantId, principal.subject);
    const language = pageLanguage(req, { user, tenantLanguage: tenant.language });
    const html = signedInPage({
      language,
      tenantName: tenant.name,
      userName: user?.userName ?? principal.email,
    });
    sendPage(res, 200, html, language);
  });

  router.post('/sign-out', ...posted, (req, res) => {
    deps.endSession(res);
    const language = pageLanguage(req);
    sendPage(res, 200, signedOutPage(language), language);
  });

  return router;
}
