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
  if (
    link.usedAt ||
    (await Link.db.collection('link_redemptions').findOne({ _id: link._id } as never))
  ) {
    return { status: 'used', link };
  }
  if (link.revokedAt) return { status: 'revoked', link };
  if (link.expiresAt.getTime() <= now.getTime()) return { status: 'expired', link };
  return { status: 'valid', link };
}

/**
 * Redeems a link exactly once: the redemption is an insert keyed by the link id, which is
 * atomic on every supported database, so of any number of concurrent redemptions one wins.
 */
export async function redeemLink(
  Link: Model<LinkDoc>,
  token: string,
  purpose: LinkPurpose,
  now: Date,
): Promise<InspectedLink> {
  const inspected = await inspectLink(Link, token, purpose, now);
  if (inspected.status !== 'valid' || !inspected.link) return inspected;
  const redemptions = Link.db.collection('link_redemptions');
  try {
    await redemptions.insertOne({ _id: inspected.link._id, at: now } as never);
  } catch (error) {
    if ((error as { code?: number }).code === 11000)
      return { status: 'used', link: inspected.link };
    throw error;
  }
  await Link.updateOne({ _id: inspected.link._id }, { $set: { usedAt: now } });
  return { status: 'valid', link: { ...inspected.link, usedAt: now } };
}
