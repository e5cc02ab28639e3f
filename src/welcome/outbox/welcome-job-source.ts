import { signInWording } from '../../tenants/sign-in-mode';
import { pushUserEvent } from '../../events/user-events';
import { recordSent } from './record-sent';
import type { MailSourceDeps } from './mail-source-deps';
import type { Model, mongo } from 'mongoose';
import type { UserDoc } from '../../directory/users/user-model';
import { WelcomeEmail } from '../../mail/templates';
import { TransportError } from '../../mail/transports/mail-transport';
import type { Logger } from '../../platform/logging/logger';
import { pickLanguage, type Language } from '../../ui/i18n';
import {
  fillWelcomeTexts,
  placeholderValues,
  type WelcomeTexts,
} from '../../mail/texts/welcome-text-fields';
import { randomUUID } from 'node:crypto';
import type { LinkDoc } from '../links/link-model';
import { deriveLinkToken, linkIdOf } from '../links/link-tokens';
import {
  createCandidateBuffer,
  retryDelayMs,
  type JobSource,
} from '../../platform/workers/outbox-worker';
import { displayNameOf, givenNameOf, languageHintsOf, recipientOf } from './recipient';

type Collection<T extends mongo.Document> = mongo.Collection<T>;
type Document = mongo.Document;

export interface WelcomeSourceDeps extends MailSourceDeps {
  users: Collection<Document>;
  Link: Model<LinkDoc>;
  logger: Logger;
  linkTtlHours: number;
  /** The tenant's own words for a language (issue 12); absent or null: the built-in texts. */
  findTexts?: (tenantId: string, language: Language) => Promise<WelcomeTexts | null>;
  /** Tells the events relay that a send left a `welcome_email.sent` event on a user. */
  eventsWritten?: (where: 'users') => void;
  /** sign-in/: the application the link goes on to after the first sign-in, named in the email. */
  applicationName?: (tenantId: string) => Promise<string | undefined>;
}

/**
 * Welcome emails, claimed straight from the user documents (the decision was written in the
 * same insert as the user): `queued` and due. Claiming moves `dueAt` past the lease, so a
 * claimed job is not due for anyone else until its lease runs out.
 */
export function createWelcomeJobSource(deps: WelcomeSourceDeps): JobSource {
  const { users } = deps;

  const due = (now: Date) => ({ 'welcome.state': 'queued', 'welcome.dueAt': { $lte: now } });

  /** Due jobs, read without claiming them; each is claimed with a conditional update. */
  const candidates = createCandidateBuffer(async () => {
    const docs = await users
      .find(due(deps.now()), { projection: { _id: 1 } })
      .sort({ 'welcome.dueAt': 1 })
      .limit(64)
      .toArray();
    return docs.map((d) => String(d._id));
  });

  /**
   * The send lease: one `findOneAndUpdate` that matches only a due job and moves its `dueAt`
   * OUTBOX_LEASE_SECONDS ahead under a fresh lease id, so exactly one worker wins it; if that
   * worker dies, the job falls due again and another takes it over. The job stays `queued`
   * until it is settled.
   */
  async function claimAndSend(): Promise<boolean> {
    for (let id = await candidates.next(); id !== undefined; id = await candidates.next()) {
      const now = deps.now();
      const leaseId = randomUUID();
      const user = (await users.findOneAndUpdate(
        { _id: id, ...due(now) } as never,
        {
          $set: {
            'welcome.dueAt': new Date(now.getTime() + deps.leaseSeconds * 1000),
            'welcome.leaseId': leaseId,
          },
        },
        { returnDocument: 'after' },
      )) as UserDoc | null;
      if (!user) continue;
      await send(user, leaseId);
      return true;
    }
    return false;
  }

  /** Settles the job this lease holds, unless a resend or a takeover has moved on meanwhile. */
  const settle = async (user: UserDoc, leaseId: string, update: Document) => {
    await users.updateOne(
      {
        _id: user._id,
        'welcome.state': 'queued',
        'welcome.generation': user.welcome.generation,
        'welcome.leaseId': leaseId,
      } as never,
      update,
    );
  };

  /** The generation's link: inserted on the first attempt, read back on a retry. */
  async function ensureLink(user: UserDoc, token: string): Promise<LinkDoc> {
    const now = deps.now();
    const link = {
      _id: linkIdOf(token),
      tenantId: user.tenantId,
      userId: user._id,
      purpose: 'welcome' as const,
      generation: user.welcome.generation as number,
      createdAt: now,
      expiresAt: new Date(now.getTime() + deps.linkTtlHours * 3_600_000),
    };
    try {
      await deps.Link.collection.insertOne(link as never);
      return link as LinkDoc;
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
    }
    const existing = await deps.Link.findById(link._id).lean<LinkDoc>();
    if (!existing) throw new Error('welcome link vanished');
    return existing;
  }

  async function send(user: UserDoc, leaseId: string): Promise<void> {
    const welcome = user.welcome as { generation: number; nonce: string; attempts?: number };
    const attempts = (welcome.attempts ?? 0) + 1;
    const to = recipientOf(user);
    if (!to) {
      await settle(user, leaseId, {
        $set: {
          'welcome.state': 'failed',
          'welcome.lastError': 'the user has no email address',
          'welcome.failedAt': deps.now(),
        },
      });
      deps.metrics?.countEmail('welcome', 'failed', user.tenantId);
      return;
    }
    const tenant = await deps.tenants.findTenantCached(user.tenantId);
    const token = deriveLinkToken(
      deps.appSecret,
      'welcome',
      user._id,
      welcome.generation,
      welcome.nonce,
    );
    const link = await ensureLink(user, token);
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
    const rendered = WelcomeEmail.render({
      language,
      tenantName,
      userDisplayName: displayNameOf(user),
      userName: user.userName,
      link: `${deps.publicBaseUrl}/welcome/${token}`,
      expiresAt: link.expiresAt,
      custom,
      // A tenant on single sign-on: its SCIM users sign in with their company account.
      signIn: signInWording(tenant, user),
      applicationName,
    });
    let result: Awaited<ReturnType<typeof deps.transport.send>>;
    try {
      result = await deps.transport.send({
        to,
        toName: displayNameOf(user),
        from: deps.emailFrom,
        fromName: senderName ?? deps.emailFromName ?? tenant?.displayName,
        ...rendered,
        categories: ['welcome'],
        customArgs: {
          tenantId: user.tenantId,
          userId: user._id,
          generation: String(welcome.generation),
          kind: 'welcome',
        },
      });
    } catch (error) {
      await onFailure(user, leaseId, attempts, error);
      return;
    }
    // Sent: failing to record it is not a failed send (record-sent.ts).
    const email = { kind: 'welcome', userId: user._id, tenantId: user.tenantId };
    await recordSent(deps.logger, email, () =>
      settle(user, leaseId, {
        $set: {
          'welcome.state': 'sent',
          'welcome.attempts': attempts,
          'welcome.sentAt': deps.now(),
          'welcome.linkExpiresAt': link.expiresAt,
          'welcome.providerMessageId': result.providerMessageId ?? null,
          'welcome.delivery': { status: 'accepted', at: deps.now() },
        },
        $unset: { 'welcome.lastError': '' },
        $inc: { 'welcome.sentCount': 1 },
        $push: pushUserEvent('welcome_email.sent', {
          tenantId: user.tenantId,
          userId: user._id,
          at: deps.now(),
          data: { generation: welcome.generation },
        }),
      }),
    );
    deps.eventsWritten?.('users');
    deps.metrics?.countEmail('welcome', 'accepted', user.tenantId);
  }

  async function onFailure(user: UserDoc, leaseId: string, attempts: number, error: unknown) {
    const transportError = error instanceof TransportError ? error : undefined;
    const retryable = transportError ? transportError.retryable : true;
    const reason = transportError?.message ?? (error as Error)?.message ?? 'unknown error';
    if (!retryable || attempts >= deps.maxAttempts) {
      deps.logger.warn('welcome email failed', {
        userId: user._id,
        tenantId: user.tenantId,
        reason,
        attempts,
      });
      await settle(user, leaseId, {
        $set: {
          'welcome.state': 'failed',
          'welcome.attempts': attempts,
          'welcome.lastError': reason,
          'welcome.failedAt': deps.now(),
        },
      });
      deps.metrics?.countEmail('welcome', 'failed', user.tenantId);
      return;
    }
    deps.metrics?.countEmail('welcome', 'retried', user.tenantId);
    const delay = retryDelayMs(
      attempts,
      { baseMs: deps.retryBaseMs, maxMs: deps.retryMaxMs },
      transportError?.retryAfterMs,
    );
    await settle(user, leaseId, {
      $set: {
        'welcome.state': 'queued',
        'welcome.attempts': attempts,
        'welcome.lastError': reason,
        'welcome.dueAt': new Date(deps.now().getTime() + delay),
      },
    });
  }

  return {
    name: 'welcome',
    wokenBy: ['welcome'],
    runOnce: () => claimAndSend(),
  };
}
