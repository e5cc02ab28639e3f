import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { hmac } from './secrets';

/**
 * AES-256-GCM under a key derived from APP_SECRET and a purpose, for secrets the server must
 * read back (signing keys, client secrets): `iv | tag | ciphertext` in base64. Each purpose has
 * its own key, so a sealed value of one kind never opens as another.
 */
export function sealText(appSecret: string, purpose: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', hmac(appSecret, 'seal', purpose), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/** Opens what sealText sealed; throws when the value was altered or sealed under another key. */
export function openText(appSecret: string, purpose: string, sealed: string): string {
  const raw = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv(
    'aes-256-gcm',
    hmac(appSecret, 'seal', purpose),
    raw.subarray(0, 12),
  );
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
