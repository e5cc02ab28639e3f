import type { Response } from 'express';

/**
 * Every SCIM response is `application/scim+json` (RFC 7644 §3.1). Written directly: SCIM sets
 * its own ETags (RFC 7644 §3.14), so express's body hashing and freshness checks are skipped.
 */
export function sendScim(res: Response, status: number, body?: unknown): void {
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
