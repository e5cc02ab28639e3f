import type { Logger } from '../../platform/logging/logger';
import { recordSent } from '../outbox/record-sent';
import type { Model } from 'mongoose';
import type { MailSourceDeps } from '../outbox/mail-source-deps';
import type { Directory } from '../../directory/directory';
import { PasswordResetEmail } from '../../mail/templates';
import { TransportError } from '../../mail/transports/mail-transport';
import { pickLanguage } from '../../ui/i18n';
import { randomUUID } from 'node:crypto';
import type { LinkDoc } from '../links/link-model';
import { deriveLinkToken, linkIdOf } from '../links/link-tokens';
import { retryDelayMs, type JobSource } from '../../platform/workers/outbox-worker';
import { displayNameOf, languageHintsOf, recipientOf } from '../outbox/recipient';
import type { MailJobDoc } from './mail-job-model';

export interface ResetSourceDeps extends MailSourceDeps {
  MailJob: Model<MailJobDoc>;
  Link: Model<LinkDoc>;
  directory: Directory;
  ttlMinutes: number;
  logger: Logger;
  /** The tenant's default application, which the new password goes on to (named in the email). */
  applicationName?: (tenantId: string) => Promise<string | undefined>;
}

/**
 * Password-reset emails from the `mail_jobs` collection, taken with a send lease like welcome
 * jobs (one conditional update moves `dueAt` past the lease; the job stays `queued` until its
 * outcome is written).
 */
export function createResetJobSource(deps: ResetSourceDeps): JobSource {
  const jobs = deps.MailJob.collection;

  async function process(job: MailJobDoc, leaseId: string): Promise<void> {
    // Only the holder of the send lease writes the outcome (a takeover changes the lease id).
    const settle = async (update: { $set: Record<string, unknown> }) => {
      await jobs.updateOne({ _id: job._id, state: 'queued', leaseId } as never, {
        $set: { ...update.$set, attempts: job.attempts },
      });
      const state = update.$set.state as string;
      const outcome = state === 'sent' ? 'accepted' : state === 'failed' ? 'failed' : 'retried';
      deps.metrics?.countEmail('password-reset', outcome, job.tenantId);
    };
    const user = await deps.directory.users.findById(job.tenantId, job.userId);
    const to = user ? recipientOf(user) : undefined;
    if (!user || !to) {
      await settle({
        $set: {
          state: 'failed',
          lastError: user ? 'the user has no email address' : 'the user no longer exists',
        },
      });
      return;
    }
    const token = deriveLinkToken(deps.appSecret, 'password-reset', job._id, 1, job.nonce);
    const expiresAt = new Date(job.createdAt.getTime() + deps.ttlMinutes * 60_000);
    await deps.Link.updateOne(
      { _id: linkIdOf(token) },
      {
        $setOnInsert: {
          tenantId: job.tenantId,
          userId: job.userId,
          purpose: 'password-reset',
          generation: 1,
          jobId: job._id,
          createdAt: deps.now(),
          expiresAt,
          historyFrom: expiresAt,
        },
      },
      { upsert: true },
    ).catch((error: { code?: number }) => {
      if (error.code !== 11000) throw error;
    });
    const tenant = await deps.tenants.findTenantCached(job.tenantId);
    const rendered = PasswordResetEmail.render({
      language: pickLanguage(...languageHintsOf(user), tenant?.defaultLanguage),
      tenantName: tenant?.displayName ?? job.tenantId,
      userDisplayName: displayNameOf(user),
      userName: user.userName,
      link: `${deps.publicBaseUrl}/reset-password/${token}`,
      expiresAt,
      validForMinutes: deps.ttlMinutes,
      applicationName: await deps.applicationName?.(job.tenantId),
    });
    let result: Awaited<ReturnType<typeof deps.transport.send>>;
    try {
      result = await deps.transport.send({
        to,
        toName: displayNameOf(user),
        from: deps.emailFrom,
        fromName: deps.emailFromName ?? tenant?.displayName,
        ...rendered,
        categories: ['password-reset'],
        customArgs: {
          tenantId: job.tenantId,
          userId: job.userId,
          jobId: job._id,
          kind: 'password-reset',
        },
      });
    } catch (error) {
      const te = error instanceof TransportError ? error : undefined;
      const reason = te?.message ?? (error as Error).message;
      if ((te && !te.retryable) || job.attempts >= deps.maxAttempts) {
        await settle({ $set: { state: 'failed', lastError: reason } });
      } else {
        const delay = retryDelayMs(
          job.attempts,
          { baseMs: deps.retryBaseMs, maxMs: deps.retryMaxMs },
          te?.retryAfterMs,
        );
        await settle({
          $set: {
            state: 'queued',
            lastError: reason,
            dueAt: new Date(deps.now().getTime() + delay),
          },
        });
      }
      return;
    }
    // Sent: failing to record it is not a failed send (record-sent.ts).
    const email = { kind: 'password-reset', userId: job.userId, tenantId: job.tenantId };
    await recordSent(deps.logger, email, () =>
      settle({
        $set: {
          state: 'sent',
          sentAt: deps.now(),
          providerMessageId: result.providerMessageId ?? null,
        },
      }),
    );
  }

  return {
    name: 'password-reset',
    async runOnce() {
      const candidates = await jobs
        .find({ state: 'queued', dueAt: { $lte: deps.now() } }, { projection: { _id: 1 } })
        .sort({ dueAt: 1 })
        .limit(8)
        .toArray();
      for (const { _id } of candidates) {
        const now = deps.now();
        const leaseId = randomUUID();
        const job = (await jobs.findOneAndUpdate(
          { _id, state: 'queued', dueAt: { $lte: now } } as never,
          { $set: { dueAt: new Date(now.getTime() + deps.leaseSeconds * 1000), leaseId } },
          { returnDocument: 'after' },
        )) as MailJobDoc | null;
        if (!job) continue;
        await process({ ...job, attempts: job.attempts + 1 }, leaseId);
        return true;
      }
      return false;
    },
  };
}
