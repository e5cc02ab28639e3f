import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import express, { type Express, type Router } from 'express';
import helmet from 'helmet';
import { ApiError } from '../platform/errors/api-error';
import { scimTokenRoutes } from '../admin/scim-token-routes';
import { authRoutes, type AuthRoutesDeps } from '../tenants/auth-routes';
import { cookieWritesFromOwnOrigin, scimAuth, sessionAuth } from '../tenants/auth-middleware';
import type { AppContext } from './context';
import { scimObserver } from '../scim/routes/scim-observer';
import { scimThrottle } from '../scim/routes/scim-throttle';
import { apiErrorHandler, scimErrorHandler } from './error-handlers';
import { healthRoutes } from './health-routes';
import { metricsRoutes } from './metrics-routes';
import { databaseDeadline } from './middleware/database-deadline';
import { httpMetrics } from './middleware/http-metrics';
import { jsonBody, requireJsonContentType, requireStrictJson } from './middleware/json-body';
import { requestContext } from './middleware/request-context';
import { urlGuard } from './middleware/url-guard';

function parseTrustProxy(value: string): boolean | string | number {
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

/** docs/openapi.json, read once: from `src/app` under jest, from `dist/src/app` when built. */
function readOpenApi(): string {
  const candidates = ['../../docs/openapi.json', '../../../docs/openapi.json'].map((p) =>
    path.resolve(__dirname, p),
  );
  const found = candidates.find((p) => existsSync(p));
  return found ? readFileSync(found, 'utf8') : '{}';
}

/** Capability routers mounted by the app; each capability adds its own. */
export interface AppRouters {
  scim?: Router;
  /** Under /scim/v2 before the bearer check (the ServiceProviderConfig). */
  scimPublic?: Router;
  adminApi?: Router[];
  /** `/api/identity-manager/*`, administrators only. */
  identityManager?: Router;
  publicApi?: Router[];
  pages?: Router[];
  findUser?: AuthRoutesDeps['findUser'];
  /** Reads the outbox gauges before a scrape of /metrics. */
  refreshMetrics?: () => Promise<void>;
}

/** SCIM and admin requests give up on a database that does not answer: 503 within 2 s. */
const DEADLINE = { checkAfterMs: 1_000, recheckMs: 300, pingTimeoutMs: 500 };

/** Express wiring only: the middleware chain per API and one error handler per API. */
export function createApp(ctx: AppContext, routers: AppRouters = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', parseTrustProxy(ctx.config.trustProxy));
  app.set('query parser', 'simple');
  app.use(requestContext(ctx.logger));
  app.use(httpMetrics(ctx.metrics));
  // `same-origin`, not helmet's `no-referrer`: with no-referrer browsers send `Origin: null` on
  // our own form posts, and the CSRF check (tenants/same-origin.ts) needs our real origin.
  app.use(helmet({ referrerPolicy: { policy: 'same-origin' } }));
  app.use(healthRoutes(ctx.conn, ctx.eventLoop));
  app.use(
    metricsRoutes({
      metrics: ctx.metrics,
      token: ctx.config.metricsToken,
      refresh: routers.refreshMetrics ?? (() => Promise.resolve()),
    }),
  );

  const bodyLimits = { limitBytes: ctx.config.bodyLimitBytes, maxDepth: ctx.config.jsonMaxDepth };
  const scim = express.Router();
  const scimErrors = scimErrorHandler(ctx.logger);
  scim.use(urlGuard(ctx.config.urlMaxLength));
  scim.use(
    databaseDeadline(ctx.database, {
      ...DEADLINE,
      render: (error, req, res) => scimErrors(error, req, res, () => undefined),
    }),
  );
  scim.use(jsonBody(bodyLimits));
  if (routers.scimPublic) scim.use(routers.scimPublic);
  scim.use(scimAuth(ctx.tenants, ctx.limiter));
  scim.use(scimObserver({ metrics: ctx.metrics, log: ctx.provisioningLog, now: ctx.now }));
  scim.use(scimThrottle(ctx.scimBuckets, ctx.metrics));
  scim.use(requireJsonContentType());
  if (routers.scim) scim.use(routers.scim);
  scim.use((req) => {
    throw new ApiError(404, 'not_found', `no SCIM endpoint ${req.method} ${req.path}`);
  });
  scim.use(scimErrors);
  app.use('/scim/v2', scim);

  const api = express.Router();
  const apiErrors = apiErrorHandler(ctx.logger);
  api.use(urlGuard(ctx.config.urlMaxLength));
  api.use(
    databaseDeadline(ctx.database, {
      ...DEADLINE,
      render: (error, req, res) => apiErrors(error, req, res, () => undefined),
    }),
  );
  api.use(cookieWritesFromOwnOrigin(ctx.sessions));
  api.use(jsonBody(bodyLimits));
  api.use(requireStrictJson());
  api.use(
    '/auth',
    authRoutes({
      models: ctx.tenantModels,
      limiter: ctx.limiter,
      sessions: ctx.sessions,
      audit: ctx.tenants.audit,
      findUser: routers.findUser,
    }),
  );
  for (const router of routers.publicApi ?? []) api.use(router);
  const admin = express.Router();
  admin.use(sessionAuth(ctx.sessions, 'admin'));
  admin.use(
    '/scim-tokens',
    scimTokenRoutes({ tenants: ctx.tenants, publicBaseUrl: ctx.config.publicBaseUrl }),
  );
  for (const router of routers.adminApi ?? []) admin.use(router);
  api.use('/admin', admin);
  if (routers.identityManager) {
    api.use('/identity-manager', sessionAuth(ctx.sessions, 'admin'), routers.identityManager);
  }
  api.use((req) => {
    throw new ApiError(404, 'not_found', `no endpoint ${req.method} ${req.baseUrl}${req.path}`);
  });
  api.use(apiErrors);
  app.use('/api', api);

  app.use(urlGuard(ctx.config.urlMaxLength));
  const openApi = readOpenApi();
  app.get('/openapi.json', (_req, res) => {
    res.type('application/json').send(openApi);
  });
  for (const router of routers.pages ?? []) app.use(router);
  app.use((_req, res) => {
    res.status(404).type('text/plain').send('Not found');
  });
  app.use(apiErrorHandler(ctx.logger));
  return app;
}
