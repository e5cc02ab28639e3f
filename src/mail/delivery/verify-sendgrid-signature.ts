import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** Header names of SendGrid's Signed Event Webhook. */
export const SENDGRID_SIGNATURE_HEADER = 'x-twilio-email-event-webhook-signature';
export const SENDGRID_TIMESTAMP_HEADER = 'x-twilio-email-event-webhook-timestamp';

export type SignatureVerdict = 'ok' | 'bad-signature' | 'stale' | 'missing';

export interface VerifySendgridSignatureInput {
  /** The verification key from SendGrid's settings: base64 DER SubjectPublicKeyInfo (PEM also accepted). */
  publicKeyBase64: string;
  /** `X-Twilio-Email-Event-Webhook-Signature`: base64 of a DER-encoded ECDSA signature. */
  signatureBase64: string | undefined;
  /** `X-Twilio-Email-Event-Webhook-Timestamp`: unix seconds, signed together with the body. */
  timestamp: string | undefined;
  /** The request body exactly as received; re-serialised JSON would not verify. */
  rawBody: Buffer;
  now: Date;
  /** How far the timestamp may be from `now`, either way, before the request counts as replayed. */
  maxAgeSeconds?: number;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const UNIX_SECONDS = /^\d{1,12}$/;

/**
 * Checks SendGrid's Signed Event Webhook: ECDSA P-256 with SHA-256 over `timestamp + rawBody`.
 * Throws only when the configured public key itself is unusable, which is a deployment error
 * (the webhook then fails with 5xx and SendGrid retries until the key is fixed).
 */
export function verifySendgridSignature(input: VerifySendgridSignatureInput): SignatureVerdict {
  const { signatureBase64, timestamp, rawBody, now, maxAgeSeconds = 300 } = input;
  const key = parseSendgridPublicKey(input.publicKeyBase64);
  if (!signatureBase64 || !timestamp) return 'missing';
  if (!UNIX_SECONDS.test(timestamp) || !BASE64.test(signatureBase64)) return 'bad-signature';

  const skewSeconds = Math.abs(now.getTime() / 1000 - Number(timestamp));
  if (skewSeconds > maxAgeSeconds) return 'stale';

  const payload = Buffer.concat([Buffer.from(timestamp, 'utf8'), rawBody]);
  const signature = Buffer.from(signatureBase64, 'base64');
  try {
    return verify('sha256', payload, { key, dsaEncoding: 'der' }, signature)
      ? 'ok'
      : 'bad-signature';
  } catch {
    // A signature that is valid base64 but not a DER ECDSA structure.
    return 'bad-signature';
  }
}

/** Parses and checks the configured key; call it at boot to fail early on a bad setting. */
export function parseSendgridPublicKey(publicKey: string): KeyObject {
  const trimmed = publicKey.trim();
  let key: KeyObject;
  try {
    key = trimmed.startsWith('-----BEGIN')
      ? createPublicKey({ key: trimmed, format: 'pem' })
      : createPublicKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'spki' });
  } catch {
    throw new Error('SendGrid webhook public key is not a base64 DER (SPKI) public key');
  }
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new Error('SendGrid webhook public key is not an ECDSA P-256 key');
  }
  return key;
}
