import { ScimError } from '../../platform/errors/scim-error';
import type { AttributeDefinition } from '../schemas/types';
import { readAttribute } from './attribute-access';
import { deepEqual, findKey, isPlainObject, isUnassigned } from './json';
import type { PatchContext, ScimResource } from './types';

interface SchemaAttributes {
  extensionSchema?: string;
  attributes: AttributeDefinition[];
}

/**
 * RFC 7644 §3.5.2.2: removing a required attribute is a `mutability` error; RFC 7643 §7:
 * an immutable attribute (or sub-attribute of a single-valued complex one) that had a value
 * may not change. Checked once, on the patched copy against the original.
 */
export function assertInvariants(
  before: ScimResource,
  after: ScimResource,
  ctx: PatchContext,
): void {
  for (const { extensionSchema, attributes } of schemaAttributes(ctx)) {
    for (const attribute of attributes) {
      const located = { attribute, extensionSchema };
      const was = readAttribute(before, located);
      const is = readAttribute(after, located);
      if (attribute.required && !isUnassigned(was) && isUnassigned(is)) {
        throw mutability(`"${attribute.name}" is required and cannot be removed.`);
      }
      if (attribute.mutability === 'immutable' && !isUnassigned(was) && !deepEqual(was, is)) {
        throw mutability(`"${attribute.name}" is immutable.`);
      }
      if (attribute.type === 'complex' && !attribute.multiValued && isPlainObject(was)) {
        for (const sub of attribute.subAttributes ?? []) {
          const subWas = was[sub.name];
          const subIs = isPlainObject(is) ? is[sub.name] : undefined;
          if (
            sub.mutability === 'immutable' &&
            !isUnassigned(subWas) &&
            !deepEqual(subWas, subIs)
          ) {
            throw mutability(`"${attribute.name}.${sub.name}" is immutable.`);
          }
        }
      }
    }
  }
}

/** RFC 7643 §3: `schemas` lists the extension URNs the resource carries; kept in step. */
export function syncExtensionSchemas(
  before: ScimResource,
  after: ScimResource,
  ctx: PatchContext,
): void {
  const schemas = after[findKey(after, 'schemas') ?? 'schemas'];
  if (!Array.isArray(schemas)) return;
  for (const { schema } of ctx.registry.resourceType(ctx.resourceType).schemaExtensions) {
    const had = hasExtension(before, schema);
    const has = hasExtension(after, schema);
    if (had === has) continue;
    const index = schemas.findIndex(
      (s) => typeof s === 'string' && s.toLowerCase() === schema.toLowerCase(),
    );
    if (has && index === -1) schemas.push(schema);
    if (!has && index !== -1) schemas.splice(index, 1);
  }
}

function hasExtension(resource: ScimResource, schema: string): boolean {
  const key = findKey(resource, schema);
  const value = key === undefined ? undefined : resource[key];
  return isPlainObject(value) && Object.keys(value).length > 0;
}

function schemaAttributes(ctx: PatchContext): SchemaAttributes[] {
  const resourceType = ctx.registry.resourceType(ctx.resourceType);
  const core = ctx.registry.schema(resourceType.schema)?.attributes ?? [];
  const extensions = resourceType.schemaExtensions.map(({ schema }) => ({
    extensionSchema: schema,
    attributes: ctx.registry.schema(schema)?.attributes ?? [],
  }));
  return [{ attributes: core }, ...extensions];
}

function mutability(message: string): ScimError {
  return new ScimError(400, 'mutability', message);
}
