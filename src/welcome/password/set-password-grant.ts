import jwt from 'jsonwebtoken';
import type { Model } from 'mongoose';
import { hmac } from '../../platform/crypto/secrets';
import type { LinkDoc, LinkPurpose } from '../links/link-model';

/** What a redeemed link entitles its holder to: setting one user's password, once, soon. */
export interface SetPasswordGrant {
  tenantId: string;
  userId: string;
  purpose: LinkPurpose;
  /** The redeemed link's id; also the grant's `jti`, so a grant is bound to one redemption. */
  linkId: string;
}

export const GRANT_TTL_SECONDS = 30 * 60;
/** The collection of spent grants (their `jti`s), removed a day after the grant expired. */
export const GRANT_USES = 'set_password_grant_uses';
const AUDIENCE = 'set-password';
const MAX_GRANT_LENGTH = 2048;

const keyOf = (appSecret: string) => hmac(appSecret, 'set-password-grant');
const seconds = (moment: Date) => Math.floor(moment.getTime() / 1000);

/**
 * Carries a redemption to the password form without reusing the link: an HS256 JWT in a
 * hidden field. It is the form's CSRF proof too, since only the redeeming page ever sees it.
 */
export function issueSetPasswordGrant(
  appSecret: string,
  grant: SetPasswordGrant,
  now: Date,
): string {
  return jwt.sign(
    { tid: grant.tenantId, purpose: grant.purpose, iat: seconds(now) },
    keyOf(appSecret),
    {
      algorithm: 'HS256',
      subject: grant.userId,
      jwtid: grant.linkId,
      audience: AUDIENCE,
      expiresIn: GRANT_TTL_SECONDS,
    },
  );
}

/** The grant, or null when it is forged, expired or malformed. */
export function verifySetPasswordGrant(
  appSecret: string,
  token: string,
  now: Date,
): SetPasswordGrant | null {
  if (token.length === 0 || token.length > MAX_GRANT_LENGTH) return null;
  try {
    const claims = jwt.verify(token, keyOf(appSecret), {
      algorithms: ['HS256'],
      audience: AUDIENCE,
      clockTimestamp: seconds(now),
    });
    if (typeof claims !== 'object') return null;
    const { tid, sub, jti, purpose } = claims;
    if (typeof tid !== 'string' || typeof sub !== 'string' || typeof jti !== 'string') return null;
    if (purpose !== 'welcome' && purpose !== 'password-reset') return null;
    return { tenantId: tid, userId: sub, purpose, linkId: jti };
  } catch {
    return null;
  }
}

/**
 * Spends a grant: an insert keyed by its `jti`, atomic on every supported database, so a
 * double-submitted or replayed form sets the password at most once. False when already spent.
 */
export async function spendSetPasswordGrant(
  Link: Model<LinkDoc>,
  grant: SetPasswordGrant,
  now: Date,
): Promise<boolean> {
  try {
    await Link.db
      .collection(GRANT_USES)
      .insertOne({ _id: grant.linkId, userId: grant.userId, at: now } as never);
    return true;
  } catch (error) {
    if ((error as { code?: number }).code === 11000) return false;
    throw error;
  }
}
