import { randomUUID } from 'node:crypto';
import type { Model } from 'mongoose';
import { ApiError } from '../../platform/errors/api-error';
import type { EventDoc } from '../event-models';
import { parseTypes } from '../list-events';
import {
  checkTargetUrl,
  isPrivateAddress,
  systemResolver,
  TargetRefused,
  type HostResolver,
} from './target-guard';
import type { WebhookEndpointDoc, WebhookModels } from './webhook-models';
import { newWebhookSecret, sealSecret } from './webhook-secrets';

export interface EndpointDeps {
  models: WebhookModels;
  Event: Model<EventDoc>;
  appSecret: string;
  now: () => Date;
  allowPrivateTargets: boolean;
  /** DNS for the check at save (the system's unless a test stages a name). */
  resolveHost?: HostResolver;
}

export interface EndpointInput {
  url?: unknown;
  description?: unknown;
  types?: unknown;
  enabled?: unknown;
}

export function presentEndpoint(doc: WebhookEndpointDoc) {
  const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);
  return {
    id: doc._id,
    url: doc.url,
    description: doc.description,
    types: doc.types,
    status: doc.status,
    disabledReason: doc.disabledReason,
    disabledAt: iso(doc.disabledAt),
    failingSince: iso(doc.failingSince),
    lastError: doc.lastError,
    attempts: doc.attempts,
    createdAt: iso(doc.createdAt),
    secrets: doc.secrets.map((s) => ({
      id: s.id,
      createdAt: iso(s.createdAt),
      expiresAt: iso(s.expiresAt),
    })),
  };
}

/** Refuses a URL that is malformed or points at loopback or a private network (SSRF). */
async function checkTarget(
  url: unknown,
  allowPrivate: boolean,
  resolve: HostResolver = systemResolver,
): Promise<string> {
  if (typeof url !== 'string' || url.length > 2000) {
    throw new ApiError(400, 'invalid_url', 'url: an http(s) URL of at most 2000 characters');
  }
  try {
    const parsed = checkTargetUrl(url, allowPrivate);
    if (!allowPrivate) {
      const addresses = await resolve(parsed.hostname.replace(/^\[|\]$/g, '')).catch(() => []);
      const internal = addresses.find((a) => isPrivateAddress(a.address));
      if (internal)
        throw new TargetRefused(
          `url: ${parsed.hostname} resolves to ${internal.address}, a loopback or private-network address`,
        );
    }
    return parsed.toString();
  } catch (error) {
    if (error instanceof TargetRefused)
      throw new ApiError(400, 'webhook_target_refused', error.message);
    throw error;
  }
}

function checkTypes(types: unknown): string[] {
  if (types === undefined || types === null) return [];
  if (!Array.isArray(types) || types.some((t) => typeof t !== 'string') || types.length > 50) {
    throw new ApiError(400, 'invalid_types', 'types: a list of event type names (empty: all)');
  }
  return parseTypes((types as string[]).join(','));
}

function checkDescription(description: unknown): string {
  if (description === undefined || description === null) return '';
  if (typeof description !== 'string' || description.length > 200) {
    throw new ApiError(400, 'invalid_description', 'description: text of at most 200 characters');
  }
  return description.trim();
}

export function createEndpointLibrary(deps: EndpointDeps) {
  const endpoints = deps.models.Endpoint.collection;

  async function load(tenantId: string, id: string): Promise<WebhookEndpointDoc> {
    const doc = (await endpoints.findOne({
      _id: id,
      tenantId,
    } as never)) as WebhookEndpointDoc | null;
    if (!doc) throw new ApiError(404, 'not_found', 'no such webhook endpoint');
    return doc;
  }

  async function list(tenantId: string) {
    const docs = await endpoints.find({ tenantId }).sort({ createdAt: -1 }).limit(100).toArray();
    return (docs as unknown as WebhookEndpointDoc[]).map(presentEndpoint);
  }

  /** A new endpoint receives the events published from now on; its secret is shown once. */
  async function create(tenantId: string, input: EndpointInput, createdBy?: string) {
    const url = await checkTarget(input.url, deps.allowPrivateTargets, deps.resolveHost);
    const now = deps.now();
    const secret = newWebhookSecret();
    const [last] = await deps.Event.collection
      .find({ tenantId }, { projection: { position: 1 } })
      .sort({ position: -1 })
      .limit(1)
      .toArray();
    const doc: WebhookEndpointDoc = {
      _id: `we_${randomUUID().replace(/-/g, '')}`,
      tenantId,
      url,
      description: checkDescription(input.description),
      types: checkTypes(input.types),
      secrets: [sealSecret(deps.appSecret, secret, now)],
      status: 'enabled',
      disabledReason: null,
      disabledAt: null,
      cursor: typeof last?.position === 'number' ? last.position : 0,
      dueAt: now,
      leaseId: null,
      pending: false,
      attempts: 0,
      failingSince: null,
      lastError: null,
      createdAt: now,
      ...(createdBy ? { createdBy } : {}),
    };
    await endpoints.insertOne(doc as never);
    return { secret, endpoint: presentEndpoint(doc) };
  }

  /** Changes url, description, types; `enabled: true` re-enables a disabled endpoint. */
  async function update(tenantId: string, id: string, input: EndpointInput) {
    await load(tenantId, id);
    const set: Record<string, unknown> = {};
    if (input.url !== undefined)
      set.url = await checkTarget(input.url, deps.allowPrivateTargets, deps.resolveHost);
    if (input.description !== undefined) set.description = checkDescription(input.description);
    if (input.types !== undefined) set.types = checkTypes(input.types);
    if (input.enabled === true) {
      Object.assign(set, {
        status: 'enabled',
        disabledReason: null,
        disabledAt: null,
        failingSince: null,
        attempts: 0,
        dueAt: deps.now(),
      });
    } else if (input.enabled === false) {
      Object.assign(set, {
        status: 'disabled',
        disabledReason: 'disabled by an administrator',
        disabledAt: deps.now(),
        dueAt: null,
      });
    } else if (input.enabled !== undefined) {
      throw new ApiError(400, 'invalid_enabled', 'enabled: true or false');
    }
    await endpoints.updateOne({ _id: id, tenantId } as never, { $set: set });
    return presentEndpoint(await load(tenantId, id));
  }

  /**
   * A new secret, shown once; the previous ones keep signing for `overlapMinutes`, so receivers
   * can switch without losing a message (each message carries one signature per live secret).
   */
  async function rotateSecret(tenantId: string, id: string, overlapMinutes: unknown) {
    const overlap = overlapMinutes === undefined ? 1440 : overlapMinutes;
    if (
      typeof overlap !== 'number' ||
      !Number.isInteger(overlap) ||
      overlap < 0 ||
      overlap > 10_080
    ) {
      throw new ApiError(400, 'invalid_overlap', 'overlapMinutes: a whole number from 0 to 10080');
    }
    const doc = await load(tenantId, id);
    const now = deps.now();
    const until = new Date(now.getTime() + overlap * 60_000);
    const secret = newWebhookSecret();
    const previous = doc.secrets
      .filter((s) => s.expiresAt === null || new Date(s.expiresAt).getTime() > now.getTime())
      .map((s) => ({
        ...s,
        expiresAt: s.expiresAt && new Date(s.expiresAt) < until ? s.expiresAt : until,
      }));
    const secrets = [...previous, sealSecret(deps.appSecret, secret, now)];
    await endpoints.updateOne({ _id: id, tenantId } as never, { $set: { secrets } });
    return { secret, endpoint: presentEndpoint({ ...doc, secrets }) };
  }

  async function remove(tenantId: string, id: string): Promise<void> {
    const filter = { _id: id, tenantId } as never;
    for (let attempt = 0; attempt < 5; attempt++) {
      if ((await endpoints.deleteOne(filter)).deletedCount === 1) return;
      // A delete that races its worker's update of the endpoint can miss it on some engines
      // (FerretDB on DocumentDB deletes by row version); it is still there, so try again.
      if (!(await endpoints.findOne(filter, { projection: { _id: 1 } }))) break;
    }
    throw new ApiError(404, 'not_found', 'no such webhook endpoint');
  }

  return { load, list, create, update, rotateSecret, remove };
}

export type EndpointLibrary = ReturnType<typeof createEndpointLibrary>;
