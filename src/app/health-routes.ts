import type { ELDHistogram } from 'node:perf_hooks';
import { Router } from 'express';
import type { Connection } from 'mongoose';
import { pingDatabase } from '../platform/db/connect';

const ms = (ns: number) => Math.round((ns / 1e6) * 10) / 10;
/**
 * The readiness ping's limit: README "Outages" promises a 503 within 1.5 s, so the ping must give
 * up well before that (at its old 1.5 s the 503 came at 1.5 s plus overhead, bench S11).
 */
const READY_PING_TIMEOUT_MS = 1_000;

/** Liveness and readiness probes (CONTRACT.md), and the event-loop delay for operators. */
export function healthRoutes(conn: Connection, eventLoop?: ELDHistogram): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const ok = await pingDatabase(conn, READY_PING_TIMEOUT_MS);
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'database unavailable' });
  });
  if (eventLoop) {
    // Worst event-loop delay since the previous read (perf_hooks.monitorEventLoopDelay), so a
    // benchmark or a monitor can attribute stalls to what ran in between. No personal data.
    router.get('/healthz/event-loop', (_req, res) => {
      res.set('Cache-Control', 'no-store').json({
        maxMs: ms(eventLoop.max),
        p99Ms: ms(eventLoop.percentile(99)),
        meanMs: ms(eventLoop.mean),
      });
      eventLoop.reset();
    });
  }
  return router;
}
