import type { Model, mongo } from 'mongoose';
import type { UserDoc } from '../../directory/users/user-model';
import { WelcomeEmail } from '../../mail/templates';
import { TransportError, type MailTransport } from '../../mail/transports/mail-transport';
import type { Logger } from '../../platform/logging/logger';
import type { TenantLibrary } from '../../tenants/tenant-library';
import { pickLanguage } from '../../ui/i18n';
import type { DocumentLocks } from '../../platform/db/document-lock';
import type { LinkDoc } from '../links/link-model';
import { deriveLinkToken, linkIdOf } from '../links/link-tokens';
import { createCandidateBuffer, retryDelayMs, type JobSource } from './outbox-worker';
import { displayNameOf, languageHintsOf, recipientOf } from './recipient';

type Collection<T extends mongo.Document> = mongo.Collection<T>;
type Document = mongo.Document;

export interface WelcomeSourceDeps {
  users: Collection<Document>;
  locks: DocumentLocks;
  Link: Model<LinkDoc>;
  tenants: TenantLibrary;
  transport: MailTransport;
  logger: Logger;
  appSecret: string;
  now: () => Date;
  publicBaseUrl: string;
  emailFrom: string;
  emailFromName?: string;
  linkTtlHours: number;
  leaseSeconds: number;
  maxAttempts: number;
  retryBaseMs: number;
}

/**
 * Welcome emails, claimed straight from the user documents (the decision was written in the
 * same insert as the user): `queued` and due, or `sending` with an expired lease.
 */
export function createWelcomeJobSource(deps: WelcomeSourceDeps): JobSource {
  const { users } = deps;

  const due = (now: Date) => ({ 'welcome.state': 'queued', 'welcome.dueAt': { $lte: now } });

  /** Due jobs, read without a lock; each is re-checked once its send lease is held. */
  const candidates = createCandidateBuffer(async () => {
    const docs = await users
      .find(due(deps.now()), { projection: { _id: 1 } })
      .sort({ 'welcome.dueAt': 1 })
      .limit(64)
      .toArray();
    return docs.map((d) => String(d._id));
  });

  /**
   * The send lease is a lock document (`send:<user>`) that expires after OUTBOX_LEASE_SECONDS:
   * taking it is one insert, so exactly one worker sends; if that worker dies, the lease
   * expires and another takes the job over. The job stays `queued` until it is settled.
   */
  async function claimAndSend(): Promise<boolean> {
    for (let id = await candidates.next(); id !== undefined; id = await candidates.next()) {
      const lease = await deps.locks.tryAcquire(`send:${id}`, deps.leaseSeconds * 1000);
      if (!lease) continue;
      try {
        const user = (await users.findOne({ _id: id } as never)) as UserDoc | null;
        if (!user || !isDue(user, deps.now())) continue;
        await send(user);
        return true;
      } finally {
        await lease.release();
      }
    }
    return false;
  }

  /** Settles the generation that was sent, unless a resend has moved on meanwhile. */
  const settle = (user: UserDoc, update: Document) =>
    deps.locks.withLock(`user:${user._id}`, async () => {
      const held = (await users.findOne({ _id: user._id } as never)) as UserDoc | null;
      const w = held?.welcome;
      if (w && w.state === 'queued' && w.generation === user.welcome.generation) {
        await users.updateOne({ _id: user._id } as never, update);
      }
    });

  async function ensureLink(user: UserDoc, token: string): Promise<LinkDoc> {
    const id = linkIdOf(token);
    const now = deps.now();
    try {
      // An insert, not an upsert: inserts are cheap and atomic on every supported database.
      await deps.Link.collection.insertOne({
        _id: id,
        tenantId: user.tenantId,
        userId: user._id,
        purpose: 'welcome',
        generation: user.welcome.generation as number,
        createdAt: now,
        expiresAt: new Date(now.getTime() + deps.linkTtlHours * 3_600_000),
      } as never);
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
    }
    const link = await deps.Link.findById(id).lean<LinkDoc>();
    if (!link) throw new Error('welcome link vanished');
    return link;
  }

  async function send(user: UserDoc): Promise<void> {
    const welcome = user.welcome as { generation: number; nonce: string; attempts?: number };
    const attempts = (welcome.attempts ?? 0) + 1;
    const to = recipientOf(user);
    if (!to) {
      await settle(user, {
        $set: {
          'welcome.state': 'failed',
          'welcome.lastError': 'the user has no email address',
          'welcome.failedAt': deps.now(),
        },
      });
      return;
    }
    const tenant = await deps.tenants.findTenantById(user.tenantId);
    const token = deriveLinkToken(
      deps.appSecret,
      'welcome',
      user._id,
      welcome.generation,
      welcome.nonce,
    );
    const link = await ensureLink(user, token);
    const rendered = WelcomeEmail.render({
      language: pickLanguage(...languageHintsOf(user), tenant?.defaultLanguage),
      tenantName: tenant?.displayName ?? user.tenantId,
      userDisplayName: displayNameOf(user),
      userName: user.userName,
      link: `${deps.publicBaseUrl}/welcome/${token}`,
      expiresAt: link.expiresAt,
    });
    try {
      const result = await deps.transport.send({
        to,
        toName: displayNameOf(user),
        from: deps.emailFrom,
        fromName: deps.emailFromName ?? tenant?.displayName,
        ...rendered,
        categories: ['welcome'],
        customArgs: {
          tenantId: user.tenantId,
          userId: user._id,
          generation: String(welcome.generation),
          kind: 'welcome',
        },
      });
      await settle(user, {
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
      });
    } catch (error) {
      await onFailure(user, attempts, error);
    }
  }

  async function onFailure(user: UserDoc, attempts: number, error: unknown) {
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
      await settle(user, {
        $set: {
          'welcome.state': 'failed',
          'welcome.attempts': attempts,
          'welcome.lastError': reason,
          'welcome.failedAt': deps.now(),
        },
      });
      return;
    }
    const delay = retryDelayMs(attempts, deps.retryBaseMs, transportError?.retryAfterMs);
    await settle(user, {
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
    runOnce: () => claimAndSend(),
  };
}

function isDue(user: UserDoc, now: Date): boolean {
  const w = user.welcome as { state?: string; dueAt?: Date };
  return w.state === 'queued' && !!w.dueAt && w.dueAt.getTime() <= now.getTime();
}
