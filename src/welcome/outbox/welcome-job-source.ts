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

  const claimable = (now: Date) => ({
    $or: [
      { 'welcome.state': 'queued', 'welcome.dueAt': { $lte: now } },
      { 'welcome.state': 'sending', 'welcome.leaseUntil': { $lte: now } },
    ],
  });

  /**
   * Claims one due job: candidates are read without a lock, then one is re-checked and
   * leased under the user's document lock, so a job has exactly one owner at a time.
   */
  const candidates = createCandidateBuffer(async () => {
    const docs = await users
      .find(claimable(deps.now()), { projection: { _id: 1 } })
      .sort({ 'welcome.dueAt': 1 })
      .limit(64)
      .toArray();
    return docs.map((d) => String(d._id));
  });

  async function claim(owner: string): Promise<UserDoc | null> {
    for (let id = await candidates.next(); id !== undefined; id = await candidates.next()) {
      const claimed = await deps.locks.tryWithLock(`user:${id}`, async () => {
        const now = deps.now();
        const current = (await users.findOne({ _id: id } as never)) as UserDoc | null;
        if (!current || !isClaimable(current, now)) return null;
        const attempts = Number((current.welcome as { attempts?: number }).attempts ?? 0) + 1;
        const leaseUntil = new Date(now.getTime() + deps.leaseSeconds * 1000);
        await users.updateOne({ _id: id } as never, {
          $set: {
            'welcome.state': 'sending',
            'welcome.leaseOwner': owner,
            'welcome.leaseUntil': leaseUntil,
            'welcome.attempts': attempts,
          },
        });
        return {
          ...current,
          welcome: {
            ...current.welcome,
            state: 'sending',
            leaseOwner: owner,
            leaseUntil,
            attempts,
          },
        } as UserDoc;
      });
      if (claimed) return claimed;
    }
    return null;
  }

  /** Settles only what this owner still holds for this generation (a resend may have moved on). */
  const settle = (user: UserDoc, owner: string, update: Document) =>
    deps.locks.withLock(`user:${user._id}`, async () => {
      const held = (await users.findOne({ _id: user._id } as never)) as UserDoc | null;
      const w = held?.welcome;
      if (w && w.leaseOwner === owner && w.generation === user.welcome.generation) {
        await users.updateOne({ _id: user._id } as never, update);
      }
    });

  async function ensureLink(user: UserDoc, token: string): Promise<LinkDoc> {
    const id = linkIdOf(token);
    const now = deps.now();
    await deps.Link.updateOne(
      { _id: id },
      {
        $setOnInsert: {
          tenantId: user.tenantId,
          userId: user._id,
          purpose: 'welcome',
          generation: user.welcome.generation as number,
          createdAt: now,
          expiresAt: new Date(now.getTime() + deps.linkTtlHours * 3_600_000),
        },
      },
      { upsert: true },
    ).catch((error: { code?: number }) => {
      if (error.code !== 11000) throw error;
    });
    const link = await deps.Link.findById(id).lean<LinkDoc>();
    if (!link) throw new Error('welcome link vanished');
    return link;
  }

  async function send(user: UserDoc, owner: string): Promise<void> {
    const welcome = user.welcome as { generation: number; nonce: string; attempts: number };
    const to = recipientOf(user);
    if (!to) {
      await settle(user, owner, {
        $set: {
          'welcome.state': 'failed',
          'welcome.lastError': 'the user has no email address',
          'welcome.failedAt': deps.now(),
        },
        $unset: { 'welcome.leaseOwner': '', 'welcome.leaseUntil': '' },
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
      await settle(user, owner, {
        $set: {
          'welcome.state': 'sent',
          'welcome.sentAt': deps.now(),
          'welcome.linkExpiresAt': link.expiresAt,
          'welcome.providerMessageId': result.providerMessageId ?? null,
          'welcome.delivery': { status: 'accepted', at: deps.now() },
        },
        $unset: { 'welcome.leaseOwner': '', 'welcome.leaseUntil': '', 'welcome.lastError': '' },
        $inc: { 'welcome.sentCount': 1 },
      });
    } catch (error) {
      await onFailure(user, owner, welcome.attempts, error);
    }
  }

  async function onFailure(user: UserDoc, owner: string, attempts: number, error: unknown) {
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
      await settle(user, owner, {
        $set: {
          'welcome.state': 'failed',
          'welcome.lastError': reason,
          'welcome.failedAt': deps.now(),
        },
        $unset: { 'welcome.leaseOwner': '', 'welcome.leaseUntil': '' },
      });
      return;
    }
    const delay = retryDelayMs(attempts, deps.retryBaseMs, transportError?.retryAfterMs);
    await settle(user, owner, {
      $set: {
        'welcome.state': 'queued',
        'welcome.lastError': reason,
        'welcome.dueAt': new Date(deps.now().getTime() + delay),
      },
      $unset: { 'welcome.leaseOwner': '', 'welcome.leaseUntil': '' },
    });
  }

  return {
    name: 'welcome',
    async runOnce(owner) {
      const user = await claim(owner);
      if (!user) return false;
      await send(user, owner);
      return true;
    },
    async release(owner) {
      // Shutdown: in-flight sends have finished, so nothing else holds these leases.
      await users.updateMany(
        { 'welcome.state': 'sending', 'welcome.leaseOwner': owner },
        {
          $set: { 'welcome.state': 'queued', 'welcome.dueAt': deps.now() },
          $unset: { 'welcome.leaseOwner': '', 'welcome.leaseUntil': '' },
        },
      );
    },
  };
}

/** The same test as `claimable`, in memory (see document-lock.ts for why). */
function isClaimable(user: UserDoc, now: Date): boolean {
  const w = user.welcome as { state?: string; dueAt?: Date; leaseUntil?: Date };
  if (w.state === 'queued') return !!w.dueAt && w.dueAt.getTime() <= now.getTime();
  if (w.state === 'sending') return !!w.leaseUntil && w.leaseUntil.getTime() <= now.getTime();
  return false;
}
