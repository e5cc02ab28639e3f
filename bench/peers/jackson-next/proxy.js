import micromatch from 'micromatch';
import { NextResponse } from 'next/server';

/**
 * The service's proxy.ts (Next.js 16's middleware; ory/polis v26.2.0) on the path a SCIM request
 * takes: every /api request goes through it, and a path that matches one of the routes needing no
 * session or API key, SCIM among them, goes on. Its other branches (admin session, API key) are
 * never reached by SCIM requests and are left out: anything else is refused here.
 */
const openRoutes = [
  '/api/health',
  '/api/hello',
  '/api/auth/**',
  '/api/federated-saml/**',
  '/api/identity-federation/**',
  '/api/logout/**',
  '/api/oauth/**',
  '/api/scim/v2.0/**',
  '/api/scim/oauth/**',
  '/api/well-known/**',
  '/api/setup/**',
  '/api/branding',
  '/api/error',
];

export function proxy(req) {
  if (micromatch.isMatch(req.nextUrl.pathname, openRoutes)) return NextResponse.next();
  return new NextResponse(JSON.stringify({ error: { message: 'Unauthorized' } }), {
    status: 401,
    headers: { 'content-type': 'application/json' },
  });
}

export const config = { matcher: ['/api/:path*'] };
