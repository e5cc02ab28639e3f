import { hmac, sha256Hex } from '../../platform/crypto/secrets';
import type { LinkPurpose } from './link-model';

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * The token of a link, derived (ARCHITECTURE.md step 3) from the server secret, the purpose,
 * the user or job id, the generation and a stored nonce: a retried send carries the same link.
 */
export function deriveLinkToken(
  secret: string,
  purpose: LinkPurpose,
  subjectId: string,
  generation: number,
  nonce: string,
): string {
  return hmac(secret, 'one-time-link', purpose, subjectId, String(generation), nonce).toString(
    'base64url',
  );
}

export const isWellFormedToken = (token: string): boolean => TOKEN_SHAPE.test(token);

export const linkIdOf = (token: string): string => sha256Hex(token);
