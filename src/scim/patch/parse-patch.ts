import { ScimError } from '../../platform/errors/scim-error';
import { findKey, isForbiddenKey, isPlainObject } from './json';
import { parsePath } from './parse-path';
import type { PatchOpName, PatchOperation } from './types';

/** RFC 7644 §3.5.2: the message schema a PATCH body must declare. */
export const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** No SCIM value is nested this deep: `{urn: {manager: [{value}]}}` is four levels. */
const MAX_VALUE_DEPTH = 16;

export interface PatchLimits {
  maxOperations: number;
}

/**
 * RFC 7644 §3.5.2: validates a PatchOp body and returns its operations, `op` lower-cased.
 * More than `maxOperations` operations is refused with 400 `tooMany` (the RFC sets no limit).
 */
export function parsePatchRequest(body: unknown, limits: PatchLimits): PatchOperation[] {
  if (!isPlainObject(body)) {
    throw new ScimError(400, 'invalidSyntax', 'The PATCH body must be a JSON object.');
  }
  const schemasKey = findKey(body, 'schemas');
  const schemas = schemasKey === undefined ? undefined : body[schemasKey];
  const declaresPatchOp =
    Array.isArray(schemas) &&
    schemas.some((s) => typeof s === 'string' && s.toLowerCase() === PATCH_OP_SCHEMA.toLowerCase());
  if (!declaresPatchOp) {
    throw new ScimError(400, 'invalidSyntax', `"schemas" must contain "${PATCH_OP_SCHEMA}".`);
  }
  const operationsKey = findKey(body, 'Operations');
  const operations = operationsKey === undefined ? undefined : body[operationsKey];
  if (!Array.isArray(operations) || operations.length === 0) {
    throw new ScimError(
      400,
      'invalidSyntax',
      '"Operations" must be an array of one or more operations.',
    );
  }
  if (operations.length > limits.maxOperations) {
    throw new ScimError(
      400,
      'tooMany',
      `A PATCH request may carry at most ${limits.maxOperations} operations; this one has ${operations.length}.`,
    );
  }
  return operations.map((raw, index) => parseOperation(raw, index));
}

function parseOperation(raw: unknown, index: number): PatchOperation {
  const where = `Operations[${index}]`;
  if (!isPlainObject(raw)) {
    throw new ScimError(400, 'invalidSyntax', `${where} must be an object.`);
  }
  const op = parseOpName(readMember(raw, 'op'), where);
  const rawPath = readMember(raw, 'path');
  const valueKey = findKey(raw, 'value');
  if (rawPath !== undefined && rawPath !== null && typeof rawPath !== 'string') {
    throw new ScimError(400, 'invalidPath', `${where}.path must be a string.`);
  }
  // A null or empty path is treated as an absent one: the target is the resource itself.
  const path = typeof rawPath === 'string' && rawPath.trim() !== '' ? rawPath.trim() : undefined;
  if (op === 'remove' && path === undefined) {
    throw new ScimError(
      400,
      'noTarget',
      `${where}: "remove" requires a "path" (RFC 7644 §3.5.2.2).`,
    );
  }
  if (op !== 'remove' && valueKey === undefined) {
    throw new ScimError(400, 'invalidValue', `${where}: "${op}" requires a "value".`);
  }
  if (path !== undefined) parsePath(path);
  const operation: PatchOperation = path === undefined ? { op } : { op, path };
  if (valueKey !== undefined) {
    assertSafeValue(raw[valueKey], where);
    operation.value = raw[valueKey];
  }
  return operation;
}

function readMember(object: Record<string, unknown>, name: string): unknown {
  const key = findKey(object, name);
  return key === undefined ? undefined : object[key];
}

/** Entra sends `Add`, `Replace`, `Remove`; the RFC's names are lower case. */
function parseOpName(raw: unknown, where: string): PatchOpName {
  const name = typeof raw === 'string' ? raw.toLowerCase() : undefined;
  if (name === 'add' || name === 'replace' || name === 'remove') return name;
  throw new ScimError(400, 'invalidSyntax', `${where}.op must be "add", "replace" or "remove".`);
}

/** Refuses prototype-polluting keys and absurd nesting anywhere in a value, iteratively. */
function assertSafeValue(value: unknown, where: string): void {
  const pending: Array<{ node: unknown; depth: number }> = [{ node: value, depth: 0 }];
  while (pending.length > 0) {
    const { node, depth } = pending.pop() as { node: unknown; depth: number };
    if (depth > MAX_VALUE_DEPTH) {
      throw new ScimError(400, 'invalidValue', `${where}.value is nested too deeply.`);
    }
    if (Array.isArray(node)) {
      for (const item of node) pending.push({ node: item, depth: depth + 1 });
    } else if (isPlainObject(node)) {
      for (const key of Object.keys(node)) {
        if (isForbiddenKey(key)) {
          throw new ScimError(
            400,
            'invalidValue',
            `${where}.value may not contain the key "${key}".`,
          );
        }
        pending.push({ node: node[key], depth: depth + 1 });
      }
    }
  }
}
