import type { NextFunction, Request, Response } from 'express';
import type { Metrics } from '../../platform/metrics/metrics';
import type { ProvisioningLog } from '../provisioning-log/provisioning-log';

declare module 'express-serve-static-core' {
  interface Locals {
    /** Set by sendScim when a response carries one resource (its id and userName). */
    scimResource?: { id?: string; userName?: string; displayName?: string };
    /** Set by the SCIM error handler: what the client was told. */
    scimError?: { scimType?: string; detail: string };
  }
}

const RESOURCES: Readonly<Record<string, string>> = {
  Users: 'User',
  Groups: 'Group',
  Bulk: 'Bulk',
  '.search': 'Search',
  ServiceProviderConfig: 'Discovery',
  ResourceTypes: 'Discovery',
  Schemas: 'Discovery',
  Me: 'Me',
};

/** (resource, operation, id) of a SCIM request path such as `/Users/2819c223/`. */
export function describeScimRequest(method: string, path: string) {
  const [first = '', second, third] = path.split('/').filter(Boolean);
  const resource = RESOURCES[first] ?? 'unknown';
  const search = second === '.search' || first === '.search';
  const id = !search && second && resource !== 'Discovery' ? second : undefined;
  let operation: string;
  if (resource === 'Bulk') operation = 'bulk';
  else if (resource === 'Discovery') operation = 'discover';
  else if (search) operation = 'search';
  else if (method === 'POST') operation = 'create';
  else if (method === 'GET' || method === 'HEAD') operation = id ? 'get' : 'list';
  else if (method === 'PUT') operation = 'replace';
  else operation = method.toLowerCase();
  return { resource, operation, id: third === undefined ? id : undefined };
}

/** The userName a list asks for (Entra looks a user up with `userName eq "…"` before a create). */
function userNameInFilter(filter: unknown): string | undefined {
  if (typeof filter !== 'string') return undefined;
  return /^\s*userName\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i.exec(filter)?.[1]?.replace(/\\(.)/g, '$1');
}

const userNameInBody = (body: unknown): string | undefined => {
  const value = (body as { userName?: unknown } | undefined)?.userName;
  return typeof value === 'string' ? value : undefined;
};

/**
 * After authentication, for each SCIM request: one counter in the metrics and one entry in the
 * tenant's provisioning log, both written when the response has finished, never awaited by it
 * (the log is batched; SCIM paths keep their database round trips). Bodies, passwords and
 * tokens never reach either: only the method, path, resource id, userName and outcome.
 */
export function scimObserver(deps: { metrics: Metrics; log: ProvisioningLog; now: () => Date }) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const principal = req.scim;
    if (!principal) return next();
    const started = process.hrtime.bigint();
    const at = deps.now();
    const path = req.path;
    const { resource, operation, id } = describeScimRequest(req.method, path);
    const requested = userNameInBody(req.body) ?? userNameInFilter(req.query.filter);
    res.on('finish', () => {
      const error = res.locals.scimError;
      const touched = res.locals.scimResource;
      deps.metrics.countScim({
        tenantId: principal.tenantId,
        resource,
        operation,
        status: res.statusCode,
        scimType: error?.scimType,
      });
      deps.log.record({
        tenantId: principal.tenantId,
        at,
        connector: principal.connector,
        method: req.method,
        path: `/scim/v2${path}`.slice(0, 300),
        resourceType: resource,
        resourceId: touched?.id ?? id,
        userName: touched?.userName ?? requested,
        status: res.statusCode,
        scimType: error?.scimType,
        detail: error?.detail,
        durationMs: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
        requestId: req.requestId,
      });
    });
    next();
  };
}
