import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { toResourceJsonSchema } from './json-schema';
import { COMMON_ATTRIBUTES, loadDefinitions } from './schema-definitions';
import {
  STORAGE_ALIASES,
  type AttributeDefinition,
  type ResolvedAttribute,
  type ResourceTypeDefinition,
  type ResourceTypeName,
  type SchemaDefinition,
  type SchemaRegistry,
} from './types';

/** The registry this module creates: a SchemaRegistry that also holds compiled validators. */
export interface ScimSchemaRegistry extends SchemaRegistry {
  /** Validates a normalized resource of the type (JSON Schema compiled once per registry). */
  resourceValidator(resourceType: ResourceTypeName): ValidateFunction;
}

/** An extension schema of a resource type with its storage alias (see STORAGE_ALIASES). */
export interface BoundExtension {
  definition: SchemaDefinition;
  required: boolean;
  alias: string;
}

/** RFC 7643 §6: the schemas a resource type is made of. */
export interface ResourceSchemas {
  core: SchemaDefinition;
  extensions: BoundExtension[];
}

/** RFC 7643 §7, §8.7: the schemas and resource types this service provider supports. */
export function createSchemaRegistry(): ScimSchemaRegistry {
  const { schemas, resourceTypes } = loadDefinitions();
  const schemasById = new Map(schemas.map((s) => [s.id.toLowerCase(), s]));
  const typesByName = new Map(resourceTypes.map((t) => [t.id, t]));

  const base: SchemaRegistry = {
    resourceType(name: ResourceTypeName): ResourceTypeDefinition {
      const definition = typesByName.get(name);
      if (definition === undefined) throw new Error(`Unknown SCIM resource type ${String(name)}`);
      return definition;
    },
    resourceTypes: () => [...resourceTypes],
    schema: (id: string) => schemasById.get(id.toLowerCase()),
    schemas: () => [...schemas],
    resolve: (resourceType, path) => resolvePath(bound.get(resourceType), path),
  };
  const bound = new Map(resourceTypes.map((t) => [t.id, resourceSchemas(base, t.id)]));

  const ajv = new Ajv({ strict: true, allErrors: false });
  addFormats(ajv, ['iso-date-time']);
  const validators = new Map(
    [...bound].map(([name, { core, extensions }]) => [
      name,
      ajv.compile(toResourceJsonSchema(core, extensions)),
    ]),
  );

  return Object.freeze({
    ...base,
    resourceValidator(resourceType: ResourceTypeName): ValidateFunction {
      const validate = validators.get(resourceType);
      if (validate === undefined) throw new Error(`Unknown SCIM resource type ${resourceType}`);
      return validate;
    },
  });
}

/** RFC 7643 §6: the core schema and extensions of a resource type, looked up in a registry. */
export function resourceSchemas(
  registry: SchemaRegistry,
  resourceType: ResourceTypeName,
): ResourceSchemas {
  const definition = registry.resourceType(resourceType);
  const core = registry.schema(definition.schema);
  if (core === undefined) throw new Error(`Schema ${definition.schema} is not registered`);
  const extensions = definition.schemaExtensions.map(({ schema, required }) => {
    const extension = registry.schema(schema);
    const alias = STORAGE_ALIASES[schema];
    if (extension === undefined || alias === undefined) {
      throw new Error(`Schema extension ${schema} is not registered or has no storage alias`);
    }
    return { definition: extension, required, alias };
  });
  return { core, extensions };
}

/** RFC 7643 §2.1: attribute names are case-insensitive. */
export function findAttribute(
  definitions: readonly AttributeDefinition[] | undefined,
  name: string,
): AttributeDefinition | undefined {
  const wanted = name.toLowerCase();
  return definitions?.find((a) => a.name.toLowerCase() === wanted);
}

/**
 * RFC 7644 §3.10: a path is `[schemaURN ":"] attrName ["." subAttr]`. Unqualified names are
 * looked up in the core schema and common attributes first, then in the extensions.
 */
function resolvePath(
  schemas: ResourceSchemas | undefined,
  path: string,
): ResolvedAttribute | undefined {
  if (schemas === undefined || typeof path !== 'string' || path.length === 0) return undefined;
  const { core, extensions } = schemas;
  let scope: { core: boolean; extensions: BoundExtension[] } = { core: true, extensions };
  let rest = path;
  if (path.toLowerCase().startsWith('urn:')) {
    // Attribute names never contain ':', so the URN ends at the last one.
    const cut = path.lastIndexOf(':');
    const urn = path.slice(0, cut).toLowerCase();
    rest = path.slice(cut + 1);
    if (urn === core.id.toLowerCase()) scope = { core: true, extensions: [] };
    else scope = { core: false, extensions: extensions.filter((e) => matches(e, urn)) };
    if (!scope.core && scope.extensions.length === 0) return undefined;
  }
  const parts = rest.split('.');
  if (parts.length > 2 || parts.some((p) => p.length === 0)) return undefined;
  const [name, subName] = parts as [string, string | undefined];

  if (scope.core) {
    const commonAttribute = findAttribute(COMMON_ATTRIBUTES, name);
    if (commonAttribute !== undefined) {
      return build(core.id, false, commonAttribute, subName, '', commonAttribute.name === 'id');
    }
    const attribute = findAttribute(core.attributes, name);
    if (attribute !== undefined) return build(core.id, false, attribute, subName, '', false);
  }
  for (const extension of scope.extensions) {
    const attribute = findAttribute(extension.definition.attributes, name);
    if (attribute !== undefined) {
      return build(extension.definition.id, true, attribute, subName, extension.alias, false);
    }
  }
  return undefined;
}

function matches(extension: BoundExtension, lowerUrn: string): boolean {
  return extension.definition.id.toLowerCase() === lowerUrn;
}

function build(
  schemaId: string,
  extension: boolean,
  attribute: AttributeDefinition,
  subName: string | undefined,
  alias: string,
  isId: boolean,
): ResolvedAttribute | undefined {
  let subAttribute: AttributeDefinition | undefined;
  if (subName !== undefined) {
    subAttribute = findAttribute(attribute.subAttributes, subName);
    if (subAttribute === undefined) return undefined;
  }
  const relative = subAttribute ? `${attribute.name}.${subAttribute.name}` : attribute.name;
  const resolved: ResolvedAttribute = {
    schemaId,
    extension,
    attribute,
    canonicalPath: extension ? `${schemaId}:${relative}` : relative,
    storedField: isId ? '_id' : alias ? `${alias}.${relative}` : relative,
  };
  if (subAttribute !== undefined) resolved.subAttribute = subAttribute;
  return resolved;
}
