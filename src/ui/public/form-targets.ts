import type { Response } from 'express';

/**
 * Lets a page's form lead on to another origin: CSP `form-action` also governs the redirects
 * after a form is sent, so a page whose form ends in an application (a sign-in that returns to
 * its redirect URI, a new password that hands over to its initiate-login URI) names that
 * origin beside 'self'. Every other directive stays as helmet set it.
 */
export function allowFormTargets(res: Response, urls: ReadonlyArray<string | undefined>): void {
  const origins = [
    ...new Set(
      urls.flatMap((u) => {
        const parsed = u ? URL.parse(u) : null;
        return parsed && /^https?:$/.test(parsed.protocol) ? [parsed.origin] : [];
      }),
    ),
  ];
  const policy = res.getHeader('Content-Security-Policy');
  if (!origins.length || typeof policy !== 'string') return;
  res.setHeader(
    'Content-Security-Policy',
    policy.replace(/form-action 'self'/, `form-action 'self' ${origins.join(' ')}`),
  );
}
