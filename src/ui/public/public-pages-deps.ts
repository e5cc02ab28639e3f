import type { Response, Router } from 'express';
import type { Model } from 'mongoose';
import type { Directory } from '../../directory/directory';
import type { Logger } from '../../platform/logging/logger';
import type { RateLimiter } from '../../platform/rate-limit/rate-limiter';
import type { WakeOutbox } from '../../platform/workers/outbox-signal';
import type { SignInInput, SignedInPrincipal } from '../../tenants/sign-in';
import type { TenantLibrary } from '../../tenants/tenant-library';
import type { LinkDoc } from '../../welcome/links/link-model';
import type { LinkProbeGuard } from '../../welcome/links/link-probe-guard';
import type { MailJobDoc } from '../../welcome/password-reset/mail-job-model';
import type { JourneyEnd } from './journey-end';

/** What the public pages use (issue 20); src/app builds it. */
export interface PublicPagesDeps {
  /** PUBLIC_BASE_URL: the origin a form must come from, and where a signed-in browser goes. */
  publicBaseUrl: string;
  /** PASSWORD_RESET_TTL_MINUTES, as the pages tell it. */
  passwordResetTtlMinutes: number;
  logger: Logger;
  now: () => Date;
  /** Signs and checks the set-password grant (welcome/password). */
  appSecret: string;
  /** Per-client limits on the forms; the reset request has its own. */
  limiter: RateLimiter;
  /** Limits guessing of link tokens per client and per tenant. */
  linkProbes: Pick<LinkProbeGuard, 'assertClientMayTry' | 'recordUnknownToken'>;
  directory: Directory;
  Link: Model<LinkDoc>;
  MailJob: Model<MailJobDoc>;
  /** Nudges this process's outbox worker when a new link or a reset email is queued. */
  wakeOutbox: WakeOutbox;
  /** tenants/: names, languages and sign-in mode; the audit log of a new link. */
  tenants: Pick<TenantLibrary, 'findTenantCached' | 'audit'>;
  /** tenants/: password sign-in of administrators and directory users, with its limits. */
  passwordSignIn(input: SignInInput): Promise<SignedInPrincipal>;
  /** tenants/: sets the session cookie. */
  startSession(res: Response, principal: SignedInPrincipal): void;
  /** tenants/: clears the session cookie. */
  endSession(res: Response): void;
  /** Where the welcome and reset journeys end (the tenant's default application). */
  journey?: JourneyEnd;
  /** The OpenID Connect provider's login pages (sign-in/). */
  interactions?: Router;
}
