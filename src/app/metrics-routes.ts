import { createHash, timingSafeEqual } from 'node:crypto';
import { Router, type Request } from 'express';
import type { Metrics } from '../platform/metrics/metrics';

const digest = (text: string) => createHash('sha256').update(text).digest();

function carriesToken(req: Request, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
  return match ? timingSafeEqual(digest(match[1]!), digest(token)) : false;
}

/**
 * `GET /metrics` in the Prometheus text format, only for a scraper that sends METRICS_TOKEN as
 * a bearer token; without a configured token the endpoint does not exist (404). `refresh` reads
 * the gauges that live in the database (the outbox) just before each scrape.
 */
export function metricsRoutes(deps: {
  metrics: Metrics;
  token?: string;
  refresh: () => Promise<void>;
}): Router {
  const router = Router();
  router.get('/metrics', async (req, res) => {
    if (!deps.token) {
      res.status(404).type('text/plain').send('Not found');
      return;
    }
    if (!carriesToken(req, deps.token)) {
      res
        .status(401)
        .set('WWW-Authenticate', 'Bearer realm="metrics"')
        .type('text/plain')
        .send('METRICS_TOKEN required');
      return;
    }
    // A database that is away leaves the outbox gauges at their last value, not the scrape broken.
    await deps.refresh().catch(() => undefined);
    res
      .set('Cache-Control', 'no-store')
      .type(deps.metrics.registry.contentType)
      .send(await deps.metrics.registry.metrics());
  });
  return router;
}
