import { Router } from 'express';
import type { Connection } from 'mongoose';
import { pingDatabase } from '../platform/db/connect';

/** Liveness and readiness probes (CONTRACT.md). */
export function healthRoutes(conn: Connection): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const ok = await pingDatabase(conn);
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'database unavailable' });
  });
  return router;
}
