import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import { openText, sealText } from '../../platform/crypto/seal';

const PURPOSE = 'oidc-signing-key';

/** A signing key of the OpenID Connect provider; the private JWK only ever sealed at rest. */
export interface SigningKeyDoc {
  _id: string; // the JWK `kid`
  alg: 'RS256';
  sealed: string;
  createdAt: Date;
  /** Set by rotation: the key no longer signs, but stays in JWKS until `removeAfter`. */
  retiredAt: Date | null;
  removeAfter: Date | null;
}

/** A private JWK as oidc-provider's `jwks.keys` takes it. */
export type PrivateJwk = Record<string, unknown> & { kid: string; alg: string; use: 'sig' };

const schema = new Schema<SigningKeyDoc>(
  {
    _id: String,
    alg: String,
    sealed: String,
    createdAt: Date,
    retiredAt: { type: Date, default: null },
    removeAfter: { type: Date, default: null },
  },
  { collection: 'oidc_signing_keys', versionKey: false },
);

export function signingKeyModel(conn: Connection): Model<SigningKeyDoc> {
  return (conn.models.SigningKey as Model<SigningKeyDoc>) ?? conn.model('SigningKey', schema);
}

function newKey(appSecret: string, now: Date): SigningKeyDoc {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomUUID();
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
  return {
    _id: kid,
    alg: 'RS256',
    sealed: sealText(appSecret, PURPOSE, JSON.stringify(jwk)),
    createdAt: now,
    retiredAt: null,
    removeAfter: null,
  };
}

export interface SigningKeysDeps {
  SigningKey: Model<SigningKeyDoc>;
  appSecret: string;
  now: () => Date;
  /** How long a retired key stays published: the longest-lived token it signed. */
  keepRetiredSeconds: number;
}

/**
 * The keys to publish, the signing key first (oidc-provider signs with the first key of an
 * algorithm). The newest unretired key signs; retired keys follow until their tokens have
 * expired. With no key yet, one is made (two processes starting at once may each make one:
 * both are published, the newer signs).
 */
export async function loadSigningKeys(deps: SigningKeysDeps): Promise<PrivateJwk[]> {
  const now = deps.now();
  let docs = await deps.SigningKey.find({
    $or: [{ removeAfter: null }, { removeAfter: { $gt: now } }],
  })
    .sort({ createdAt: -1 })
    .lean<SigningKeyDoc[]>();
  if (!docs.some((d) => d.retiredAt === null)) {
    const created = newKey(deps.appSecret, now);
    await deps.SigningKey.create(created);
    docs = [created, ...docs];
  }
  const ordered = [
    ...docs.filter((d) => d.retiredAt === null),
    ...docs.filter((d) => d.retiredAt !== null),
  ];
  return ordered.map((d) => JSON.parse(openText(deps.appSecret, PURPOSE, d.sealed)) as PrivateJwk);
}

/** A short fingerprint of the published key set, to notice a rotation made by another process. */
export async function signingKeysVersion(SigningKey: Model<SigningKeyDoc>): Promise<string> {
  const docs = await SigningKey.find({}, { _id: 1, retiredAt: 1 }).lean<SigningKeyDoc[]>();
  return docs
    .map((d) => `${d._id}:${d.retiredAt ? 'r' : 'a'}`)
    .sort()
    .join(',');
}

/**
 * `cli keys:rotate`: a new key signs from now on; the previous ones are retired and stay in
 * JWKS for `keepRetiredSeconds`, so tokens they signed still verify until they expire.
 */
export async function rotateSigningKeys(
  deps: SigningKeysDeps,
): Promise<{ kid: string; retired: string[] }> {
  const now = deps.now();
  const active = await deps.SigningKey.find({ retiredAt: null }, { _id: 1 }).lean<
    SigningKeyDoc[]
  >();
  const created = newKey(deps.appSecret, now);
  await deps.SigningKey.create(created);
  const removeAfter = new Date(now.getTime() + deps.keepRetiredSeconds * 1000);
  const retired = active.map((d) => d._id);
  await deps.SigningKey.updateMany(
    { _id: { $in: retired } },
    { $set: { retiredAt: now, removeAfter } },
  );
  await deps.SigningKey.deleteMany({ removeAfter: { $lte: now } });
  return { kid: created._id, retired };
}
