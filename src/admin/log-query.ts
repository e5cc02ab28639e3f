import type { Request } from 'express';
import { ApiError } from '../platform/errors/api-error';

/** Query parameters every read-only log API shares: `limit`, `from`, `to`, `cursor`. */
export interface LogPageQuery {
  limit: number;
  from?: Date;
  to?: Date;
  cursor?: string;
}

const text = (req: Request, name: string): string | undefined => {
  const value = req.query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || value.length > 300) {
    throw new ApiError(
      400,
      'invalid_request',
      `${name} must be one string of at most 300 characters`,
    );
  }
  return value;
};

function time(req: Request, name: string): Date | undefined {
  const value = text(req, name);
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new ApiError(400, 'invalid_request', `${name} must be an ISO 8601 time`);
  }
  return date;
}

export function readLogPageQuery(req: Request): LogPageQuery {
  const limitText = text(req, 'limit');
  const limit = limitText === undefined ? 50 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
    throw new ApiError(400, 'invalid_request', 'limit must be an integer from 1 to 200');
  }
  return { limit, from: time(req, 'from'), to: time(req, 'to'), cursor: text(req, 'cursor') };
}

export { text as readTextParam };
