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
import type { AttributeDefinition, ResourceTypeName } from './types';

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
  const coreContainer = container(core.id, [...COMMON_ATTRIBUTES, ...core.attributes], '');
  const extensionContainers = extensions.map(({ definition, required }) => ({
    ...container(definition.id, definition.attributes, `${definition.id}:`),
    required,
  }));
  collectBody(body, coreContainer, extensionContainers);

  const context = ` to ${mode} a ${resourceType}`;
  const resource: ScimResource = { schemas: [core.id] };
  Object.assign(
    resource,
    normalizeObject(coreContainer.attributes, coreContainer.entries, '', context),
  );
  for (const { id, attributes, entries, prefix, required } of extensionContainers) {
    const values =
      entries.size > 0 ? normalizeObject(attributes, entries, prefix, context) : undefined;
    if (values !== undefined) {
      resource.schemas.push(id);
      resource[id] = values;
    } else if (required) {
      throw new ScimError(400, 'invalidValue', `Schema extension '${id}' is required${context}`);
    }
  }

  const validate = registry.resourceValidator(resourceType);
  if (!validate(resource)) throw toInvalidValue(validate.errors);
  return splitPassword(resource);
}

/** The attributes of one schema and the values a client gave for them. */
interface Container {
  id: string;
  attributes: readonly AttributeDefinition[];
  entries: AttributeEntries;
  /** Prefix of attribute paths in error messages: '' for core, the URN and ':' for extensions. */
  prefix: string;
}

function container(
  id: string,
  attributes: readonly AttributeDefinition[],
  prefix: string,
): Container {
  return { id, attributes, entries: new Map(), prefix };
}

/** Sorts the body's keys into the schema they belong to (RFC 7643 §3). */
function collectBody(
  body: Record<string, unknown>,
  core: Container,
  extensions: readonly Container[],
): void {
  for (const [key, value] of Object.entries(body)) {
    const lowerKey = key.toLowerCase();
    if (!lowerKey.startsWith('urn:')) {
      const attribute = findAttribute(core.attributes, key);
      // RFC 7644 §3.3: attributes the schema does not define are ignored.
      if (attribute !== undefined) addEntry(core.entries, attribute, value, attribute.name);
      continue;
    }
    for (const { id, attributes, entries, prefix } of [core, ...extensions]) {
      const lowerId = id.toLowerCase();
      if (lowerKey === lowerId && value !== null) {
        // RFC 7643 §3.3: an extension's attributes sit in an object keyed by the schema URN.
        if (!isRecord(value)) {
          throw new ScimError(400, 'invalidValue', `Attribute '${id}' must be an object`);
        }
        collectEntries(attributes, value, prefix, entries);
      } else if (lowerKey.startsWith(`${lowerId}:`)) {
        // RFC 7644 §3.10: a URN-qualified attribute name used as a top-level key.
        const attribute = findAttribute(attributes, key.slice(lowerId.length + 1));
        if (attribute !== undefined) addEntry(entries, attribute, value, prefix + attribute.name);
      }
    }
  }
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
