import type { Response } from 'express';

/** Every SCIM response is `application/scim+json` (RFC 7644 §3.1). */
export function sendScim(res: Response, status: number, body?: unknown): void {
  res.status(status);
  if (body === undefined) {
    res.end();
    return;
  }
  res.type('application/scim+json; charset=utf-8').send(JSON.stringify(body));
}
