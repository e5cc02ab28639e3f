import type { Model } from 'mongoose';
import type { LinkDoc, LinkPurpose } from './link-model';
import { isWellFormedToken, linkIdOf } from './link-tokens';

export type LinkStatus = 'valid' | 'used' | 'expired' | 'revoked' | 'invalid';

export interface InspectedLink {
  status: LinkStatus;
  link?: LinkDoc;
}

/** What a link is now, without changing anything (mail scanners fetch links: GET is safe). */
export async function inspectLink(
  Link: Model<LinkDoc>,
  token: string,
  purpose: LinkPurpose,
  now: Date,
): Promise<InspectedLink> {
  if (!isWellFormedToken(token)) return { status: 'invalid' };
  const link = await Link.findById(linkIdOf(token)).lean<LinkDoc>();
  if (!link || link.purpose !== purpose) return { status: 'invalid' };
  if (link.usedAt) return { status: 'used', link };
  if (link.revokedAt) return { status: 'revoked', link };
  if (link.expiresAt.getTime() <= now.getTime()) return { status: 'expired', link };
  return { status: 'valid', link };
}

/**
 * Redeems a link exactly once (ARCHITECTURE.md step 5): one conditional update sets `usedAt`
 * only on a link that is unused, unrevoked and unexpired, so of any number of concurrent
 * redemptions one wins. The others are told what the link is now.
 */
export async function redeemLink(
  Link: Model<LinkDoc>,
  token: string,
  purpose: LinkPurpose,
  now: Date,
): Promise<InspectedLink> {
  if (!isWellFormedToken(token)) return { status: 'invalid' };
  const link = await Link.findOneAndUpdate(
    { _id: linkIdOf(token), purpose, usedAt: null, revokedAt: null, expiresAt: { $gt: now } },
    { $set: { usedAt: now } },
    { new: true },
  ).lean<LinkDoc>();
  if (link) return { status: 'valid', link };
  return inspectLink(Link, token, purpose, now);
}
