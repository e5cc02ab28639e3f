import type { ErrorObject } from 'ajv';
import { ScimError } from '../../platform/errors/scim-error';
import {
  addEntry,
  assertNoForbiddenKeys,
  collectEntries,
  normalizeObject,
  type AttributeEntries,
} from './normalize-value';
import { findAttribute, resourceSchemas, type ScimSchemaRegistry } from './registry';
import { COMMON_ATTRIBUTES, isRecord } from './schema-definitions';
import type { ResourceTypeName } from './types';

/** RFC 7643 §3: a resource in its SCIM representation (canonical attribute names). */
export type ScimResource = { schemas: string[] } & Record<string, unknown>;

/** A client's body turned into the canonical resource, with the writeOnly password apart. */
export interface NormalizedResource {
  resource: ScimResource;
  /** RFC 7643 §4.1.1: writeOnly, never stored in the resource nor returned. */
  password?: string;
}

export type NormalizeMode = 'create' | 'replace';

/**
 * RFC 7644 §3.3 (POST) and §3.5.1 (PUT): turns a client's JSON body into the canonical SCIM
 * representation of the resource type. Throws ScimError 400 on malformed values.
 */
export function normalizeResource(
  registry: ScimSchemaRegistry,
  resourceType: ResourceTypeName,
  body: unknown,
  mode: NormalizeMode,
): NormalizedResource {
  if (!isRecord(body)) {
    throw new ScimError(400, 'invalidSyntax', `The body of a ${resourceType} must be an object`);
  }
  assertNoForbiddenKeys(body);
  const { core, extensions } = resourceSchemas(registry, resourceType);
  const coreAttributes = [...COMMON_ATTRIBUTES, ...core.attributes];
  const coreEntries: AttributeEntries = new Map();
  const extensionEntries = new Map(extensions.map((e) => [e.definition.id, new Map()]));
  const containers = [
    { id: core.id, attributes: coreAttributes, entries: coreEntries, prefix: '' },
    ...extensions.map(({ definition }) => ({
      id: definition.id,
      attributes: definition.attributes,
      entries: extensionEntries.get(definition.id) ?? new Map(),
      prefix: `${definition.id}:`,
    })),
  ];

  for (const [key, value] of Object.entries(body)) {
    const lowerKey = key.toLowerCase();
    if (!lowerKey.startsWith('urn:')) {
      const attribute = findAttribute(coreAttributes, key);
      if (attribute !== undefined) addEntry(coreEntries, attribute, value, attribute.name);
      continue;
    }
    for (const container of containers) {
      const lowerId = container.id.toLowerCase();
      if (lowerKey === lowerId && value !== null) {
        // RFC 7643 §3.3: an extension's attributes sit in an object keyed by the schema URN.
        if (!isRecord(value)) {
          throw new ScimError(400, 'invalidValue', `Attribute '${container.id}' must be an object`);
        }
        collectEntries(container.attributes, value, container.prefix, container.entries);
      } else if (lowerKey.startsWith(`${lowerId}:`)) {
        // RFC 7644 §3.10: a URN-qualified attribute name used as a top-level key.
        const attribute = findAttribute(container.attributes, key.slice(lowerId.length + 1));
        if (attribute !== undefined) {
          addEntry(container.entries, attribute, value, container.prefix + attribute.name);
        }
      }
    }
  }

  const resource: ScimResource = { schemas: [core.id] };
  const context = ` to ${mode} a ${resourceType}`;
  Object.assign(resource, normalizeObject(coreAttributes, coreEntries, '', context));
  for (const { definition, required } of extensions) {
    const entries = extensionEntries.get(definition.id) ?? new Map();
    const values =
      entries.size > 0
        ? normalizeObject(definition.attributes, entries, `${definition.id}:`, context)
        : undefined;
    if (values !== undefined) {
      resource.schemas.push(definition.id);
      resource[definition.id] = values;
    } else if (required) {
      throw new ScimError(400, 'invalidValue', `Schema extension '${definition.id}' is required`);
    }
  }

  const validate = registry.resourceValidator(resourceType);
  if (!validate(resource)) throw toInvalidValue(validate.errors);
  return splitPassword(resource);
}

/** RFC 7643 §4.1.1: the password is writeOnly; it leaves the resource here. */
function splitPassword(resource: ScimResource): NormalizedResource {
  const { password, ...rest } = resource;
  const normalized: NormalizedResource = { resource: rest as ScimResource };
  if (typeof password === 'string') normalized.password = password;
  return normalized;
}

function toInvalidValue(errors: ErrorObject[] | null | undefined): ScimError {
  const [error] = errors ?? [];
  if (error === undefined) return new ScimError(400, 'invalidValue', 'The resource is invalid');
  return new ScimError(400, 'invalidValue', `Attribute '${toScimPath(error)}' ${error.message}`);
}

/** `/emails/0/value` → `emails[0].value`, naming the attribute a client got wrong. */
function toScimPath(error: ErrorObject): string {
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (error.keyword === 'additionalProperties') {
    segments.push(String(error.params.additionalProperty));
  }
  return segments.reduce(joinSegment, '');
}

function joinSegment(path: string, segment: string, index: number): string {
  if (/^\d+$/.test(segment)) return `${path}[${segment}]`;
  if (index === 0) return segment;
  // RFC 7644 §3.10: an extension attribute is named `urn:…:User:manager.value`.
  if (index === 1 && path.toLowerCase().startsWith('urn:')) return `${path}:${segment}`;
  return `${path}.${segment}`;
}
