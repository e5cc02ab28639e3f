import type { NextFunction, Request, Response } from 'express';
import type { Metrics } from '../../platform/metrics/metrics';

/** Path segments that are values, not route names, never become a label (ids, tokens). */
const VALUE_SEGMENT = /^(?:[0-9a-f-]{16,}|\d+|[A-Za-z0-9_-]{32,})$/i;

/** The route template a request matched (`/scim/v2/Users/:id`), or `unmatched`. */
export function routeTemplate(req: Request): string {
  const route = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof route !== 'string') return 'unmatched';
  const base = req.baseUrl
    .split('/')
    .map((segment) => (VALUE_SEGMENT.test(segment) ? ':id' : segment))
    .join('/');
  return `${base}${route}`.slice(0, 120) || '/';
}

/** Observes each request's duration by method, route template and status class. */
export function httpMetrics(metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.observeHttp(req.method, routeTemplate(req), res.statusCode, seconds);
    });
    next();
  };
}
