import type { Model } from 'mongoose';
import { renderWelcomeSample, type SampleInput } from '../../mail/texts/render-welcome-sample';
import { assertValidTexts } from '../../mail/texts/save-welcome-texts';
import { ApiError } from '../../platform/errors/api-error';
import type { RateLimiter } from '../../platform/rate-limit/rate-limiter';
import { queueTestEmail, type TestEmailJobDoc } from './test-email-job';

export const TEST_EMAILS_PER_HOUR = 10;

export interface TestEmailDeps {
  TestEmailJob: Model<TestEmailJobDoc>;
  limiter: RateLimiter;
  now: () => Date;
  wakeOutbox: () => void;
  emailFromName?: string;
}

/**
 * "Send a test email to me": the welcome email with the texts on the administrator's screen
 * (saved or not), marked as a test, to the signed-in administrator. It is queued for the
 * outbox like every other email; at most TEST_EMAILS_PER_HOUR an hour per administrator.
 */
export async function requestTestEmail(
  deps: TestEmailDeps,
  input: Omit<SampleInput, 'texts' | 'now' | 'test'> & {
    tenantId: string;
    actor: string;
    to: string;
    texts: unknown;
  },
): Promise<void> {
  const texts = assertValidTexts(input.texts);
  const limit = await deps.limiter.hit(
    `welcome-test:${input.tenantId}:${input.actor}`,
    TEST_EMAILS_PER_HOUR,
    3600,
  );
  if (!limit.allowed) {
    throw new ApiError(
      429,
      'too_many_test_emails',
      `at most ${TEST_EMAILS_PER_HOUR} test emails an hour`,
      undefined,
      { 'Retry-After': String(limit.retryAfterSeconds) },
    );
  }
  const rendered = renderWelcomeSample({ ...input, texts, now: deps.now(), test: true });
  const fromName = texts.senderName ? rendered.fromName : (deps.emailFromName ?? rendered.fromName);
  await queueTestEmail(deps.TestEmailJob, deps.now(), {
    tenantId: input.tenantId,
    to: input.to,
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    fromName,
  });
  deps.wakeOutbox();
}
