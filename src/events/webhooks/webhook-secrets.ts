import { createCipheriv, createDecipheriv, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { hmac } from '../../platform/crypto/secrets';
import type { EndpointSecret } from './webhook-models';

const PREFIX = 'whsec_';

/** A Standard Webhooks secret: `whsec_` and 32 random bytes in base64. */
export const newWebhookSecret = (): string => `${PREFIX}${randomBytes(32).toString('base64')}`;

const keyOf = (appSecret: string) => hmac(appSecret, 'webhook-secret-seal');

/** AES-256-GCM under a key derived from APP_SECRET: the secret must be readable to sign. */
export function sealSecret(appSecret: string, secret: string, now: Date): EndpointSecret {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(appSecret), iv);
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  const sealed = Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  return { id: randomUUID(), sealed, createdAt: now, expiresAt: null };
}

export function openSecret(appSecret: string, sealed: string): string {
  const raw = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', keyOf(appSecret), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

/** The secrets that sign now: the current one and any rotated-out one still in its overlap. */
export function signingSecrets(appSecret: string, secrets: EndpointSecret[], now: Date): string[] {
  return secrets
    .filter((s) => s.expiresAt === null || new Date(s.expiresAt).getTime() > now.getTime())
    .map((s) => openSecret(appSecret, s.sealed));
}

/**
 * Standard Webhooks: `v1,` + base64 HMAC-SHA256 of `{id}.{timestamp}.{body}` under the base64
 * key after `whsec_`; one signature per secret, space-separated, so a receiver holding either
 * secret verifies during a rotation.
 */
export function signWebhook(
  secrets: string[],
  id: string,
  timestamp: number,
  body: string,
): string {
  return secrets
    .map((secret) => {
      const key = Buffer.from(
        secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret,
        'base64',
      );
      const mac = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
      return `v1,${mac}`;
    })
    .join(' ');
}
