import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

import {
  parseSendgridPublicKey,
  verifySendgridSignature,
} from '../../../src/mail/delivery/verify-sendgrid-signature';

/** SendGrid signs `timestamp + raw body` with ECDSA P-256 / SHA-256, DER-encoded, base64. */
function keyPair() {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const publicKeyBase64 = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
  return { publicKeyBase64, privateKey };
}

function signWith(privateKey: KeyObject, timestamp: string, rawBody: Buffer): string {
  return sign('sha256', Buffer.concat([Buffer.from(timestamp), rawBody]), privateKey).toString(
    'base64',
  );
}

const { publicKeyBase64, privateKey } = keyPair();
const now = new Date('2024-05-01T12:00:00Z');
const timestamp = String(now.getTime() / 1000);
const rawBody = Buffer.from(
  '[{"email":"ada@example.com","timestamp":1714564800,"event":"delivered","sg_message_id":"abc.filter0001"}]\r\n',
);
const signatureBase64 = signWith(privateKey, timestamp, rawBody);
const valid = { publicKeyBase64, signatureBase64, timestamp, rawBody, now };

describe('verifySendgridSignature', () => {
  it('accepts a body signed with the configured key', () => {
    expect(verifySendgridSignature(valid)).toBe('ok');
  });

  it('rejects a body changed by a single byte', () => {
    const tampered = Buffer.from(rawBody.toString().replace('delivered', 'delivereD'));

    expect(verifySendgridSignature({ ...valid, rawBody: tampered })).toBe('bad-signature');
  });

  it('rejects a body signed with another key', () => {
    const other = keyPair();

    const forged = signWith(other.privateKey, timestamp, rawBody);

    expect(verifySendgridSignature({ ...valid, signatureBase64: forged })).toBe('bad-signature');
  });

  it('rejects a valid signature moved to another timestamp', () => {
    const later = String(Number(timestamp) + 1);

    expect(verifySendgridSignature({ ...valid, timestamp: later })).toBe('bad-signature');
  });

  it('calls a correctly signed request older than maxAgeSeconds stale', () => {
    const old = String(Number(timestamp) - 301);
    const signature = signWith(privateKey, old, rawBody);

    expect(verifySendgridSignature({ ...valid, timestamp: old, signatureBase64: signature })).toBe(
      'stale',
    );
    expect(
      verifySendgridSignature({
        ...valid,
        timestamp: old,
        signatureBase64: signature,
        maxAgeSeconds: 600,
      }),
    ).toBe('ok');
  });

  it('calls a timestamp further in the future than the allowed skew stale', () => {
    const future = String(Number(timestamp) + 301);
    const signature = signWith(privateKey, future, rawBody);

    expect(
      verifySendgridSignature({ ...valid, timestamp: future, signatureBase64: signature }),
    ).toBe('stale');
  });

  it('reports a missing signature or timestamp header as missing', () => {
    expect(verifySendgridSignature({ ...valid, signatureBase64: undefined })).toBe('missing');
    expect(verifySendgridSignature({ ...valid, timestamp: '' })).toBe('missing');
  });

  it.each([
    ['not base64 at all', '!!!not-base64!!!'],
    ['base64 that is not a DER signature', Buffer.from('hello').toString('base64')],
    ['a truncated signature', signatureBase64.slice(0, 20)],
  ])('rejects %s as a bad signature', (_label, signature) => {
    expect(verifySendgridSignature({ ...valid, signatureBase64: signature })).toBe('bad-signature');
  });

  it('rejects a timestamp that is not unix seconds', () => {
    expect(verifySendgridSignature({ ...valid, timestamp: '2024-05-01T12:00:00Z' })).toBe(
      'bad-signature',
    );
  });

  it('throws on a configured key that is not an ECDSA P-256 public key', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
    const rsaBase64 = rsa.export({ format: 'der', type: 'spki' }).toString('base64');

    expect(() => verifySendgridSignature({ ...valid, publicKeyBase64: 'bm90IGEga2V5' })).toThrow(
      'not a base64 DER',
    );
    expect(() => parseSendgridPublicKey(rsaBase64)).toThrow('not an ECDSA P-256 key');
  });

  it('accepts the key pasted as PEM as well as bare base64 DER', () => {
    const pem = `-----BEGIN PUBLIC KEY-----\n${publicKeyBase64}\n-----END PUBLIC KEY-----\n`;

    expect(verifySendgridSignature({ ...valid, publicKeyBase64: pem })).toBe('ok');
  });
});
