import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../../platform/logging/logger';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

declare module 'express-serve-static-core' {
  interface Request {
    requestId: string;
    /** Set by the auth middleware; logged with the request line. */
    tenantId?: string;
  }
}

/** Accepts a sane `X-Request-Id` or makes one, echoes it, and logs one line per request. */
export function requestContext(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const given = req.get('x-request-id');
    req.requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeader('X-Request-Id', req.requestId);
    // The request line is at level `http`; skip the work entirely when it would be dropped.
    if (!logger.isLevelEnabled('http')) {
      next();
      return;
    }
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : undefined;
      logger.http('request', {
        requestId: req.requestId,
        method: req.method,
        route: route ?? 'unmatched',
        path: req.path.slice(0, 300),
        status: res.statusCode,
        durationMs: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
        tenantId: req.tenantId,
      });
    });
    next();
  };
}
