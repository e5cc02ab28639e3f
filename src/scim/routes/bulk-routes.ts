import { Router } from 'express';
import { ScimError } from '../../platform/errors/scim-error';
import { createGroupOperations } from '../operations/group-operations';
import { createUserOperations } from '../operations/user-operations';
import { locationOf } from '../presenters/present-resource';
import { etagOf } from '../query/etag';
import type { ScimDeps } from '../scim-deps';
import { sendScim } from './send-scim';

const BULK_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const BULK_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:BulkResponse';
const REF = /^bulkId:(.+)$/;

interface BulkOperation {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  bulkId?: string;
  version?: string;
  path: string;
  data?: unknown;
}

interface BulkResult {
  method: string;
  bulkId?: string;
  location?: string;
  version?: string;
  status: string;
  response?: unknown;
}

/** RFC 7644 §3.7: the request's shape; anything else is a 400 before any operation runs. */
function parseBulkRequest(
  body: unknown,
  maxOperations: number,
): { operations: BulkOperation[]; failOnErrors: number } {
  const b = (body ?? {}) as Record<string, unknown>;
  if (!Array.isArray(b.schemas) || !b.schemas.includes(BULK_REQUEST)) {
    throw new ScimError(400, 'invalidSyntax', `"schemas" must contain "${BULK_REQUEST}"`);
  }
  if (!Array.isArray(b.Operations) || b.Operations.length === 0) {
    throw new ScimError(400, 'invalidSyntax', '"Operations" must be a non-empty array');
  }
  if (b.Operations.length > maxOperations) {
    throw new ScimError(
      413,
      undefined,
      `a bulk request may hold at most ${maxOperations} operations (maxOperations)`,
    );
  }
  const failOnErrors = b.failOnErrors === undefined ? Infinity : Number(b.failOnErrors);
  if (!Number.isInteger(failOnErrors) && failOnErrors !== Infinity) {
    throw new ScimError(400, 'invalidValue', 'failOnErrors must be an integer');
  }
  const operations = (b.Operations as unknown[]).map((raw, i): BulkOperation => {
    const o = (raw ?? {}) as Record<string, unknown>;
    const method = typeof o.method === 'string' ? o.method.toUpperCase() : '';
    if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) {
      throw new ScimError(
        400,
        'invalidValue',
        `Operations[${i}].method must be POST, PUT, PATCH or DELETE`,
      );
    }
    if (typeof o.path !== 'string' || !o.path.startsWith('/')) {
      throw new ScimError(
        400,
        'invalidValue',
        `Operations[${i}].path must be a resource path such as /Users`,
      );
    }
    if (method === 'POST' && (typeof o.bulkId !== 'string' || !o.bulkId)) {
      throw new ScimError(400, 'invalidValue', `Operations[${i}]: a POST needs a bulkId`);
    }
    return {
      method: method as BulkOperation['method'],
      bulkId: typeof o.bulkId === 'string' ? o.bulkId : undefined,
      version: typeof o.version === 'string' ? o.version : undefined,
      path: o.path,
      data: o.data,
    };
  });
  return { operations, failOnErrors };
}

/** Every `bulkId:X` reference in a value (RFC 7644 §3.7.2). */
function referencesIn(value: unknown, out = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    const m = REF.exec(value);
    if (m) out.add(m[1]!);
  } else if (Array.isArray(value)) value.forEach((v) => referencesIn(v, out));
  else if (value && typeof value === 'object')
    Object.values(value).forEach((v) => referencesIn(v, out));
  return out;
}

function substitute(value: unknown, ids: Map<string, string>): unknown {
  if (typeof value === 'string') {
    const m = REF.exec(value);
    return m && ids.has(m[1]!) ? ids.get(m[1]!) : value;
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, ids));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, ids)]));
  }
  return value;
}

/** Members whose value is a still-unresolved reference, split off so a cycle can be broken. */
function withoutPendingMembers(
  data: unknown,
  ids: Map<string, string>,
): { data: unknown; deferred: unknown[] } {
  if (
    !data ||
    typeof data !== 'object' ||
    !Array.isArray((data as { members?: unknown }).members)
  ) {
    return { data, deferred: [] };
  }
  const members = (data as { members: Array<{ value?: unknown }> }).members;
  const pending = (m: { value?: unknown }) =>
    typeof m.value === 'string' && REF.test(m.value) && !ids.has(REF.exec(m.value)![1]!);
  return {
    data: { ...data, members: members.filter((m) => !pending(m)) },
    deferred: members.filter(pending),
  };
}

/**
 * `POST /Bulk` (RFC 7644 §3.7). Operations run in order; one that refers to a bulkId not yet
 * created waits for it; a circular reference between new groups is broken by creating them
 * without the pending members and adding those once every group exists (§3.7.1).
 */
export function bulkRoutes(deps: ScimDeps): Router {
  const router = Router();
  const users = createUserOperations(deps);
  const groups = createGroupOperations(deps);

  router.post('/Bulk', async (req, res) => {
    const tenantId = req.tenantId!;
    const { operations, failOnErrors } = parseBulkRequest(req.body, deps.config.bulkMaxOperations);
    const defined = new Set(operations.map((o) => o.bulkId).filter(Boolean) as string[]);
    const ids = new Map<string, string>();
    const results: Array<BulkResult | undefined> = operations.map(() => undefined);
    const laterMembers: Array<{ groupId: string; members: unknown[]; index: number }> = [];
    let errors = 0;

    const run = async (index: number, op: BulkOperation, data: unknown): Promise<void> => {
      const [, type, rawId] = /^\/(Users|Groups)(?:\/([^/]+))?$/.exec(op.path) ?? [];
      const result: BulkResult = {
        method: op.method,
        ...(op.bulkId ? { bulkId: op.bulkId } : {}),
        status: '',
      };
      try {
        if (!type || (op.method === 'POST') === Boolean(rawId))
          throw new ScimError(400, 'invalidPath', `no such bulk path ${op.path}`);
        const id = rawId ? String(substitute(decodeURIComponent(rawId), ids)) : '';
        const ops = type === 'Users' ? users : groups;
        const rt = type === 'Users' ? 'User' : 'Group';
        // RFC 7644 §3.7.3: a location for every operation but a failed POST.
        if (rawId) result.location = locationOf(deps.config.baseUrl, rt, id);
        if (op.method === 'DELETE') {
          await ops.remove(tenantId, id, op.version);
          result.status = '204';
        } else {
          const doc =
            op.method === 'POST'
              ? type === 'Users'
                ? await users.create(tenantId, req.scim?.connector ?? 'SCIM', data)
                : await groups.create(tenantId, data, req.scim?.connector)
              : op.method === 'PUT'
                ? await ops.replace(tenantId, id, data, op.version)
                : await ops.patch(tenantId, id, data, op.version);
          if (op.bulkId && op.method === 'POST') ids.set(op.bulkId, doc._id);
          result.status = op.method === 'POST' ? '201' : '200';
          result.location = locationOf(deps.config.baseUrl, rt, doc._id);
          result.version = etagOf(doc.meta.version);
        }
      } catch (error) {
        const c = deps.describeError(error);
        if (c.unexpected)
          deps.logger.error('bulk operation failed', { requestId: req.requestId, error });
        errors++;
        result.status = String(c.status);
        result.response = {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
          status: String(c.status),
          ...(c.scimType ? { scimType: c.scimType } : {}),
          detail: c.unexpected ? `internal error (request id ${req.requestId})` : c.message,
        };
      }
      results[index] = result;
    };

    let pending = operations.map((_, i) => i);
    while (pending.length > 0 && errors < failOnErrors) {
      const waiting: number[] = [];
      for (const i of pending) {
        if (errors >= failOnErrors) break;
        const op = operations[i]!;
        const refs = [...referencesIn(op.path.split('/')), ...referencesIn(op.data)];
        const unknown = refs.find((r) => !defined.has(r));
        if (unknown) {
          errors++;
          results[i] = {
            method: op.method,
            status: '409',
            response: {
              schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
              status: '409',
              scimType: 'invalidValue',
              detail: `no operation has bulkId "${unknown}"`,
            },
          };
        } else if (refs.every((r) => ids.has(r))) {
          await run(i, op, substitute(op.data, ids));
        } else waiting.push(i);
      }
      if (waiting.length === pending.length) {
        // No progress: a circular reference. Create waiting groups without the pending members.
        const breakable = waiting.find(
          (i) => operations[i]!.method === 'POST' && operations[i]!.path === '/Groups',
        );
        if (breakable === undefined) {
          for (const i of waiting) {
            errors++;
            results[i] = {
              method: operations[i]!.method,
              status: '409',
              response: {
                schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
                status: '409',
                scimType: 'invalidValue',
                detail: 'circular bulkId references that cannot be resolved',
              },
            };
          }
          break;
        }
        const op = operations[breakable]!;
        const split = withoutPendingMembers(op.data, ids);
        await run(breakable, op, substitute(split.data, ids));
        const created = op.bulkId ? ids.get(op.bulkId) : undefined;
        if (created && split.deferred.length)
          laterMembers.push({ groupId: created, members: split.deferred, index: breakable });
        pending = waiting.filter((i) => i !== breakable);
        continue;
      }
      pending = waiting;
    }
    for (const later of laterMembers) {
      try {
        const doc = await groups.patch(tenantId, later.groupId, {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [{ op: 'add', path: 'members', value: substitute(later.members, ids) }],
        });
        const result = results[later.index];
        if (result) result.version = etagOf(doc.meta.version);
      } catch (error) {
        const result = results[later.index];
        if (result) {
          const c = deps.describeError(error);
          result.status = String(c.status);
          result.response = {
            schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
            status: String(c.status),
            detail: c.message,
          };
        }
      }
    }
    sendScim(res, 200, {
      schemas: [BULK_RESPONSE],
      Operations: results.filter((r): r is BulkResult => r !== undefined),
    });
  });
  return router;
}
