import { randomUUID } from 'node:crypto';
import { recordSent } from '../outbox/record-sent';
import type { MailSourceDeps } from '../outbox/mail-source-deps';
import type { Model, mongo } from 'mongoose';
import type { UserDoc } from '../../directory/users/user-model';
import { ReminderEmail } from '../../mail/templates';
import { TransportError } from '../../mail/transports/mail-transport';
import type { Logger } from '../../platform/logging/logger';
import type { TenantDoc } from '../../tenants/models';
import { signInWording } from '../../tenants/sign-in-mode';
import { pickLanguage, type Language } from '../../ui/i18n';
import {
  fillWelcomeTexts,
  placeholderValues,
  type WelcomeTexts,
} from '../../mail/texts/welcome-text-fields';
import type { LinkDoc } from '../links/link-model';
import { deriveLinkToken, linkIdOf } from '../links/link-tokens';
import {
  createCandidateBuffer,
  retryDelayMs,
  type JobSource,
} from '../../platform/workers/outbox-worker';
import { displayNameOf, givenNameOf, languageHintsOf, recipientOf } from '../outbox/recipient';
import { reminderDue, type ReminderState } from './reminder-due';

type Document = mongo.Document;

export interface ReminderSourceDeps extends MailSourceDeps {
  users: mongo.Collection<Document>;
  Link: Model<LinkDoc>;
  Tenant: Model<TenantDoc>;
  logger: Logger;
  /**
   * Least time between two scans for due reminders (WELCOME_REMINDER_SCAN_SECONDS): they are
   * counted in days, so a scan a minute keeps the users collection from being read on every
   * poll. Measured on the injected clock.
   */
  scanIntervalMs: number;
  /** The tenant's own words; the reminder takes its sender name from them, like the welcome. */
  findTexts?: (tenantId: string, language: Language) => Promise<WelcomeTexts | null>;
  /** sign-in/: the application the link goes on to after the first sign-in, named in the email. */
  applicationName?: (tenantId: string) => Promise<string | undefined>;
}

const SCAN_PAGE = 64;

interface Candidate {
  tenantId: string;
  userId: string;
  days: number;
}

/**
 * Welcome reminders (issue 12): one per generation, to a user who has not signed in N days
 * after their welcome email was accepted, N being the tenant's "Remind users who have not
 * signed in". The state lives in the user document (`welcome.reminder`) and is claimed like a
 * welcome job: one `findOneAndUpdate` whose filter is the whole rule (still due, still the
 * same generation, no sign-in, active, link not expired) and which moves the reminder's
 * `dueAt` past a lease. A resend removes `welcome.reminder`, so a new generation starts its
 * own clock.
 */
export function createReminderJobSource(deps: ReminderSourceDeps): JobSource {
  const { users } = deps;

  /**
   * Due reminders of every tenant that has them on, read without claiming them: one query for
   * the tenants and one for their users, however many tenants there are.
   */
  let lastScanAt = Number.NEGATIVE_INFINITY;
  let pageWasFull = false;
  const candidates = createCandidateBuffer(async () => {
    const now = deps.now();
    // A full page means more are due: read on at once rather than a minute later.
    if (!pageWasFull && now.getTime() - lastScanAt < deps.scanIntervalMs) return [];
    lastScanAt = now.getTime();
    pageWasFull = false;
    const tenants = await deps.Tenant.find(
      { welcomeReminderDays: { $gt: 0 } },
      { _id: 1, welcomeReminderDays: 1 },
    ).lean<Array<Pick<TenantDoc, '_id' | 'welcomeReminderDays'>>>();
    if (tenants.length === 0) return [];
    const daysOf = new Map(tenants.map((t) => [t._id, Number(t.welcomeReminderDays)]));
    const docs = await users
      .find(
        { $or: tenants.map((t) => reminderDue(t._id, daysOf.get(t._id)!, now)) },
        { projection: { _id: 1, tenantId: 1 } },
      )
      .limit(SCAN_PAGE)
      .toArray();
    pageWasFull = docs.length === SCAN_PAGE;
    return docs.map((d) => {
      const tenantId = String(d.tenantId);
      return JSON.stringify({ tenantId, userId: String(d._id), days: daysOf.get(tenantId) });
    });
  });

  async function claimAndSend(): Promise<boolean> {
    for (let next = await candidates.next(); next !== undefined; next = await candidates.next()) {
      const { tenantId, userId, days } = JSON.parse(next) as Candidate;
      const now = deps.now();
      const leaseId = randomUUID();
      const user = (await users.findOneAndUpdate(
        { _id: userId, ...reminderDue(tenantId, days, now) } as never,
        {
          $set: {
            'welcome.reminder.state': 'queued',
            'welcome.reminder.dueAt': new Date(now.getTime() + deps.leaseSeconds * 1000),
            'welcome.reminder.leaseId': leaseId,
          },
          $inc: { 'welcome.reminder.attempts': 1 },
        },
        { returnDocument: 'after' },
      )) as UserDoc | null;
      if (!user) continue;
      await send(user, leaseId);
      return true;
    }
    return false;
  }

  /** Only the holder of the lease, on the same generation, writes the outcome. */
  const settle = (user: UserDoc, leaseId: string, fields: Partial<ReminderState>) => {
    const set: Document = {};
    for (const [key, value] of Object.entries(fields)) set[`welcome.reminder.${key}`] = value;
    return users.updateOne(
      {
        _id: user._id,
        'welcome.generation': user.welcome.generation,
        'welcome.reminder.leaseId': leaseId,
      } as never,
      { $set: set },
    );
  };

  async function send(user: UserDoc, leaseId: string): Promise<void> {
    const welcome = user.welcome as {
      generation: number;
      nonce: string;
      sentAt: Date;
      reminder: ReminderState;
    };
    const to = recipientOf(user);
    const token = deriveLinkToken(
      deps.appSecret,
      'welcome',
      user._id,
      welcome.generation,
      welcome.nonce,
    );
    const link = await deps.Link.findById(linkIdOf(token)).lean<LinkDoc>();
    const now = deps.now();
    const unusable = !link
      ? 'the welcome link is gone'
      : link.usedAt || link.revokedAt
        ? 'the welcome link was used or revoked'
        : link.expiresAt.getTime() <= now.getTime()
          ? 'the welcome link has expired'
          : !to
            ? 'the user has no email address'
            : undefined;
    if (!link || !to || unusable) {
      await settle(user, leaseId, {
        state: 'skipped',
        lastError: unusable,
        generation: welcome.generation,
      });
      return;
    }
    const tenant = await deps.tenants.findTenantCached(user.tenantId);
    const language = pickLanguage(...languageHintsOf(user), tenant?.defaultLanguage);
    const tenantName = tenant?.displayName ?? user.tenantId;
    const applicationName = await deps.applicationName?.(user.tenantId);
    const { custom, senderName } = fillWelcomeTexts(
      await deps.findTexts?.(user.tenantId, language),
      placeholderValues({
        language,
        firstName: givenNameOf(user),
        displayName: displayNameOf(user),
        tenantName,
        expiresAt: link.expiresAt,
        applicationName,
      }),
    );
    const rendered = ReminderEmail.render({
      language,
      tenantName,
      userDisplayName: displayNameOf(user),
      userName: user.userName,
      link: `${deps.publicBaseUrl}/welcome/${token}`,
      expiresAt: link.expiresAt,
      welcomeSentAt: welcome.sentAt,
      custom,
      applicationName,
      signIn: signInWording(tenant, user),
    });
    try {
      await deps.transport.send({
        to,
        toName: displayNameOf(user),
        from: deps.emailFrom,
        fromName: senderName ?? deps.emailFromName ?? tenant?.displayName,
        ...rendered,
        categories: ['welcome-reminder'],
        customArgs: {
          tenantId: user.tenantId,
          userId: user._id,
          generation: String(welcome.generation),
          kind: 'welcome-reminder',
        },
      });
    } catch (error) {
      const transportError = error instanceof TransportError ? error : undefined;
      const reason = transportError?.message ?? (error as Error)?.message ?? 'unknown error';
      const attempts = welcome.reminder.attempts ?? 1;
      if ((transportError && !transportError.retryable) || attempts >= deps.maxAttempts) {
        deps.logger.warn('welcome reminder failed', { userId: user._id, reason, attempts });
        await settle(user, leaseId, { state: 'failed', lastError: reason });
        return;
      }
      const delay = retryDelayMs(
        attempts,
        { baseMs: deps.retryBaseMs, maxMs: deps.retryMaxMs },
        transportError?.retryAfterMs,
      );
      await settle(user, leaseId, {
        state: 'queued',
        lastError: reason,
        dueAt: new Date(deps.now().getTime() + delay),
      });
      return;
    }
    // Sent: failing to record it is not a failed send (record-sent.ts).
    const email = { kind: 'welcome-reminder', userId: user._id, tenantId: user.tenantId };
    await recordSent(deps.logger, email, () =>
      settle(user, leaseId, { state: 'sent', sentAt: deps.now(), generation: welcome.generation }),
    );
  }

  return { name: 'welcome-reminder', runOnce: () => claimAndSend() };
}
