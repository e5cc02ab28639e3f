import type { Response } from 'express';

/**
 * Every SCIM response is `application/scim+json` (RFC 7644 §3.1). Written directly: SCIM sets
 * its own ETags (RFC 7644 §3.14), so express's body hashing and freshness checks are skipped.
 */
export function sendScim(res: Response, status: number, body?: unknown): void {
  // The database deadline may have answered 503 already; this late outcome is dropped.
  if (res.headersSent) return;
  noteResource(res, body);
  res.status(status);
  if (body === undefined) {
    res.end();
    return;
  }
  const bytes = Buffer.from(JSON.stringify(body), 'utf8');
  res.setHeader('Content-Type', 'application/scim+json; charset=utf-8');
  res.setHeader('Content-Length', bytes.length);
  res.end(res.req.method === 'HEAD' ? undefined : bytes);
}

/** What the provisioning log records of a response that carries one resource: id and userName. */
function noteResource(res: Response, body: unknown): void {
  const resource = body as { id?: unknown; userName?: unknown; displayName?: unknown } | undefined;
  if (typeof resource?.id !== 'string') return;
  res.locals.scimResource = {
    id: resource.id,
    userName: typeof resource.userName === 'string' ? resource.userName : undefined,
    displayName: typeof resource.displayName === 'string' ? resource.displayName : undefined,
  };
}
