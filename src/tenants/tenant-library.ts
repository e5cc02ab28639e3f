import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { ApiError } from '../platform/errors/api-error';
import { hashPassword, hmac, randomToken, safeEqual, sha256Hex } from '../platform/crypto/secrets';
import { createTtlCache } from '../platform/cache/ttl-cache';
import type { AuditDoc, TenantDoc, TenantModels } from './models';

export const DEFAULT_TENANT = 'default';
const TOKEN_PREFIX = 'scim_';
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const LAST_USED_RESOLUTION_MS = 60_000;

export interface ScimPrincipal {
  tenantId: string;
  /** The token's id (opaque tokens) or `jwt:<jti>`. */
  credentialId: string;
  /** The connector label, e.g. "Entra ID" or "Okta". */
  connector: string;
}

export interface ScimTokenView {
  id: string;
  label: string;
  hint: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface TenantLibraryDeps {
  models: TenantModels;
  appSecret: string;
  now: () => Date;
  /** How long this process trusts a resolved credential or tenant (CACHE_TTL_SECONDS; 0: never). */
  cacheTtlMs?: number;
}

interface CachedCredential {
  principal: ScimPrincipal;
  /** The token's last recorded use (opaque tokens): written at most once a minute. */
  lastUsedAt?: number;
}

const TENANT_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Tenants, their SCIM credentials and administrators (logto-style verb functions). */
export function createTenantLibrary({
  models,
  appSecret,
  now,
  cacheTtlMs = 5_000,
}: TenantLibraryDeps) {
  const { Tenant, ScimToken, RevokedJwt, Administrator, Audit } = models;
  const clock = () => now().getTime();
  const credentials = createTtlCache<CachedCredential>({
    ttlMs: cacheTtlMs,
    maxEntries: 10_000,
    now: clock,
  });
  const tenantCache = createTtlCache<TenantDoc>({
    ttlMs: cacheTtlMs,
    maxEntries: 10_000,
    now: clock,
  });
  const forgetCredential = (credentialId: string) =>
    credentials.deleteWhere((c) => c.principal.credentialId === credentialId);
  const jwtKey = (tenant: Pick<TenantDoc, '_id' | 'jwtKeyVersion'>) =>
    hmac(appSecret, 'scim-jwt', tenant._id, String(tenant.jwtKeyVersion));

  async function ensureTenant(id: string, displayName = id): Promise<TenantDoc> {
    if (!TENANT_ID.test(id))
      throw new ApiError(400, 'invalid_tenant', 'tenant id must be a lower-case slug');
    await Tenant.updateOne(
      { _id: id },
      {
        $setOnInsert: {
          _id: id,
          displayName,
          defaultLanguage: 'en',
          jwtKeyVersion: 1,
          sendWelcomeEmail: false,
          sendLoginEmailsToNewUsers: false,
          createdAt: now(),
        },
      },
      { upsert: true },
    ).catch((error: { code?: number }) => {
      if (error.code !== 11000) throw error;
    });
    const tenant = await Tenant.findById(id).lean<TenantDoc>();
    if (!tenant) throw new Error(`tenant ${id} vanished`);
    return tenant;
  }

  /**
   * The tenant as stored now: for decisions that must see the latest settings (the switches).
   * Read through the driver (what `findById().lean()` gave): a create reads it for the welcome
   * switch, and mongoose's query object cost ~1 % of a create's CPU.
   */
  async function findTenantById(id: string): Promise<TenantDoc | null> {
    if (typeof id !== 'string') return null;
    return (await Tenant.collection.findOne({ _id: id } as never)) as TenantDoc | null;
  }

  /** The tenant as this process saw it at most CACHE_TTL_SECONDS ago: names, language, keys. */
  async function findTenantCached(id: string): Promise<TenantDoc | null> {
    const cached = tenantCache.get(id);
    if (cached) return cached;
    const tenant = await findTenantById(id);
    if (tenant) tenantCache.set(id, tenant);
    return tenant;
  }

  /** Drops this process's cached copy after a change (other processes expire theirs). */
  function forgetTenant(id: string): void {
    tenantCache.delete(id);
  }

  async function createScimToken(
    tenantId: string,
    label: string,
    createdBy?: string,
    secret?: string,
  ) {
    const token = secret ?? `${TOKEN_PREFIX}${randomToken(32)}`;
    const doc = {
      _id: randomUUID(),
      tenantId,
      label: label.trim().slice(0, 100) || 'SCIM client',
      hash: sha256Hex(token),
      hint: token.slice(0, TOKEN_PREFIX.length + 4),
      createdAt: now(),
      createdBy,
    };
    await ScimToken.create(doc);
    return { token, view: toView(doc) };
  }

  /** Makes `secret` a valid token of the tenant (idempotent; SCIM_BOOTSTRAP_TOKEN). */
  async function ensureScimToken(tenantId: string, secret: string, label: string): Promise<void> {
    const existing = await ScimToken.findOne({ hash: sha256Hex(secret) }).lean();
    if (existing && existing.tenantId === tenantId && !existing.revokedAt) return;
    if (existing) {
      await ScimToken.deleteOne({ _id: existing._id });
      forgetCredential(existing._id);
    }
    try {
      await createScimToken(tenantId, label, 'bootstrap', secret);
    } catch (error) {
      // Replicas starting together: another one has just made the same token.
      if ((error as { code?: number }).code !== 11000) throw error;
      const made = await ScimToken.findOne({ hash: sha256Hex(secret) }).lean();
      if (made?.tenantId !== tenantId || made.revokedAt) throw error;
    }
  }

  async function listScimTokens(tenantId: string): Promise<ScimTokenView[]> {
    const docs = await ScimToken.find({ tenantId }).sort({ createdAt: -1 }).limit(500).lean();
    return docs.map(toView);
  }

  async function revokeScimToken(tenantId: string, id: string): Promise<boolean> {
    const result = await ScimToken.updateOne(
      { _id: id, tenantId, revokedAt: null },
      { $set: { revokedAt: now() } },
    );
    forgetCredential(id);
    return result.matchedCount === 1;
  }

  function issueScimJwt(
    tenant: TenantDoc,
    label: string,
    expiresInSeconds?: number,
  ): { token: string; jti: string } {
    const jti = randomUUID();
    const token = jwt.sign({ tid: tenant._id, lbl: label }, jwtKey(tenant), {
      algorithm: 'HS256',
      jwtid: jti,
      ...(expiresInSeconds ? { expiresIn: expiresInSeconds } : {}),
    });
    return { token, jti };
  }

  async function revokeScimJwt(tenantId: string, jti: string): Promise<void> {
    await RevokedJwt.updateOne(
      { _id: `${tenantId}:${jti}` },
      { $setOnInsert: { tenantId, jti, revokedAt: now() } },
      { upsert: true },
    );
    forgetCredential(`jwt:${jti}`);
  }

  async function authenticateJwt(bearer: string): Promise<ScimPrincipal | null> {
    const decoded = jwt.decode(bearer);
    if (!decoded || typeof decoded !== 'object' || typeof decoded.tid !== 'string') return null;
    const tenant = await findTenantCached(decoded.tid);
    if (!tenant) return null;
    try {
      const claims = jwt.verify(bearer, jwtKey(tenant), { algorithms: ['HS256'] });
      if (typeof claims !== 'object' || typeof claims.jti !== 'string') return null;
      if (await RevokedJwt.exists({ _id: `${tenant._id}:${claims.jti}` })) return null;
      const label = typeof claims.lbl === 'string' ? claims.lbl : 'SCIM JWT';
      return { tenantId: tenant._id, credentialId: `jwt:${claims.jti}`, connector: label };
    } catch {
      return null;
    }
  }

  /** Records a token's use, at most once a minute per token (fire and forget). */
  function touch(entry: CachedCredential): void {
    const t = clock();
    if (entry.lastUsedAt !== undefined && t - entry.lastUsedAt <= LAST_USED_RESOLUTION_MS) return;
    entry.lastUsedAt = t;
    void ScimToken.updateOne(
      { _id: entry.principal.credentialId },
      { $set: { lastUsedAt: new Date(t) } },
    ).catch(() => undefined);
  }

  async function resolveBearer(bearer: string, hash: string): Promise<CachedCredential | null> {
    if (JWT_SHAPE.test(bearer) && !bearer.startsWith(TOKEN_PREFIX)) {
      const viaJwt = await authenticateJwt(bearer);
      if (viaJwt) return { principal: viaJwt };
    }
    const token = await ScimToken.findOne({ hash }).lean();
    if (!token || token.revokedAt || !safeEqual(token.hash, hash)) return null;
    return {
      principal: { tenantId: token.tenantId, credentialId: token._id, connector: token.label },
      lastUsedAt: token.lastUsedAt?.getTime(),
    };
  }

  /**
   * Resolves a bearer credential to exactly one tenant, or null. A valid credential is
   * remembered for CACHE_TTL_SECONDS under its SHA-256 (never the secret itself); revoking it
   * here drops it at once.
   */
  async function authenticateScimBearer(bearer: string): Promise<ScimPrincipal | null> {
    if (bearer.length > 4096) return null;
    const hash = sha256Hex(bearer);
    let entry = credentials.get(hash);
    if (!entry) {
      const resolved = await resolveBearer(bearer, hash);
      if (!resolved) return null;
      entry = resolved;
      credentials.set(hash, entry);
    }
    if (!entry.principal.credentialId.startsWith('jwt:')) touch(entry);
    return entry.principal;
  }

  async function ensureAdministrator(
    tenantId: string,
    email: string,
    password: string,
  ): Promise<{ created: boolean }> {
    const key = email.trim().toLowerCase();
    const existing = await Administrator.findOne({ tenantId, email: key }).lean();
    if (existing) return { created: false };
    try {
      await Administrator.create({
        _id: randomUUID(),
        tenantId,
        email: key,
        passwordHash: await hashPassword(password),
        createdAt: now(),
      });
      return { created: true };
    } catch (error) {
      if ((error as { code?: number }).code === 11000) return { created: false };
      throw error;
    }
  }

  async function audit(entry: AuditEntry) {
    await Audit.create({ ...entry, at: now() });
  }

  return {
    ensureTenant,
    findTenantById,
    findTenantCached,
    forgetTenant,
    createScimToken,
    ensureScimToken,
    listScimTokens,
    revokeScimToken,
    issueScimJwt,
    revokeScimJwt,
    authenticateScimBearer,
    ensureAdministrator,
    audit,
  };
}

export type TenantLibrary = ReturnType<typeof createTenantLibrary>;

/** One line of a tenant's audit log: who did what to what, with the state before and after. */
export type AuditEntry = Omit<AuditDoc, 'at'>;

/** Records an audit entry (the tenant library's `audit`), as capabilities that audit receive it. */
export type RecordAudit = (entry: AuditEntry) => Promise<void>;

function toView(doc: {
  _id: string;
  label: string;
  hint?: string;
  createdAt?: Date;
  lastUsedAt?: Date;
  revokedAt?: Date;
}): ScimTokenView {
  return {
    id: doc._id,
    label: doc.label,
    hint: doc.hint ?? '',
    createdAt: doc.createdAt ?? new Date(0),
    lastUsedAt: doc.lastUsedAt ?? null,
    revokedAt: doc.revokedAt ?? null,
  };
}
