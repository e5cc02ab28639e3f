import { ScimError } from '../../platform/errors/scim-error';
import type { AttributeDefinition } from '../schemas/types';
import { parsePath } from './parse-path';
import type { PatchContext, ValueFilter } from './types';
import { filterAttributes, type SubAttributeLookup } from './value-filter';

/** Where an operation's path points once resolved against the resource type's schemas. */
export interface PatchTarget {
  kind: 'attribute';
  /** The schema URN when the attribute belongs to an extension (stored under that key). */
  extensionSchema?: string;
  attribute: AttributeDefinition;
  /** From `name.givenName` or from the `.value` after a valuePath's `]`. */
  subAttribute?: AttributeDefinition;
  filter?: ValueFilter;
  /** Resolves the sub-attribute names a filter uses, within one element. */
  lookup: SubAttributeLookup;
  path: string;
}

/** A path naming a whole extension, e.g. `urn:…:enterprise:2.0:User` (not in RFC grammar). */
export interface ExtensionTarget {
  kind: 'extension';
  schemaId: string;
}

/**
 * RFC 7643 §3.1 common attributes, for a registry that does not resolve them; `schemas` is
 * listed so that a path naming it is refused as read-only rather than as unknown.
 */
const COMMON_ATTRIBUTES: readonly AttributeDefinition[] = [
  common('id', 'string', 'readOnly'),
  common('externalId', 'string', 'readWrite'),
  { ...common('meta', 'complex', 'readOnly'), subAttributes: [] },
  { ...common('schemas', 'reference', 'readOnly'), multiValued: true },
];

/** Resolves a PATCH path (RFC 7644 §3.5.2) against the registry; 400 invalidPath if unknown. */
export function resolveTarget(path: string, ctx: PatchContext): PatchTarget | ExtensionTarget {
  const resourceType = ctx.registry.resourceType(ctx.resourceType);
  const extensions = resourceType.schemaExtensions.map((e) => e.schema);
  const known = [resourceType.schema, ...extensions];
  assertColonAfterUrn(path, known);
  const parsed = parsePath(path);
  const { attributePath } = parsed;
  const wholeExtension = extensions.find((s) => s.toLowerCase() === attributePath.toLowerCase());
  if (wholeExtension !== undefined && parsed.filter === undefined) {
    return { kind: 'extension', schemaId: wholeExtension };
  }

  const lastColon = attributePath.lastIndexOf(':');
  const urn = lastColon === -1 ? undefined : attributePath.slice(0, lastColon);
  const [name, subName] = attributePath.slice(lastColon + 1).split('.');
  if (urn !== undefined && !known.some((s) => s.toLowerCase() === urn.toLowerCase())) {
    throw unknown(path, `schema "${urn}" is not part of ${ctx.resourceType}`);
  }
  // The registry resolves unqualified names in the core schema first, then in extensions.
  const resolved = ctx.registry.resolve(
    ctx.resourceType,
    urn === undefined ? name : `${urn}:${name}`,
  );
  const attribute =
    resolved?.attribute ??
    (urn === undefined || urn.toLowerCase() === resourceType.schema.toLowerCase()
      ? COMMON_ATTRIBUTES.find((a) => a.name.toLowerCase() === name.toLowerCase())
      : undefined);
  if (!attribute) throw unknown(path, `no attribute "${name}" in ${ctx.resourceType}`);

  const lookup = subAttributeLookup(attribute);
  const subAttributeName = subName ?? parsed.subAttribute;
  const subAttribute = subAttributeName === undefined ? undefined : lookup(subAttributeName);
  if (
    subAttributeName !== undefined &&
    (subAttribute === undefined || subAttribute === attribute)
  ) {
    // `meta.location` and the like: read-only whether or not the schema lists the sub-attribute.
    if (attribute.mutability === 'readOnly') {
      throw new ScimError(400, 'mutability', `"${attribute.name}" is read-only (path "${path}").`);
    }
    throw unknown(path, `no sub-attribute "${subAttributeName}" in "${attribute.name}"`);
  }
  if (parsed.filter) {
    if (!attribute.multiValued) throw unknown(path, `"${attribute.name}" is not multi-valued`);
    const missing = filterAttributes(parsed.filter).find((n) => lookup(n) === undefined);
    if (missing !== undefined) {
      throw unknown(path, `no sub-attribute "${missing}" in "${attribute.name}"`);
    }
  }
  return {
    kind: 'attribute',
    extensionSchema: resolved?.extension ? resolved.schemaId : undefined,
    attribute,
    subAttribute,
    filter: parsed.filter,
    lookup,
    path,
  };
}

/** RFC 7643 §7 mutability: a path may not target a readOnly attribute or sub-attribute. */
export function assertWritable(target: PatchTarget): void {
  const readOnly = [target.attribute, target.subAttribute].find(
    (a) => a?.mutability === 'readOnly',
  );
  if (readOnly) {
    throw new ScimError(
      400,
      'mutability',
      `"${readOnly.name}" is read-only (path "${target.path}").`,
    );
  }
}

/**
 * Sub-attributes of a complex attribute, case-insensitively; for a simple multi-valued
 * attribute, `value` names the element itself (RFC 7644 §3.4.2.2).
 */
export function subAttributeLookup(attribute: AttributeDefinition): SubAttributeLookup {
  return (name) => {
    const lower = name.toLowerCase();
    if (attribute.type !== 'complex') return lower === 'value' ? attribute : undefined;
    return attribute.subAttributes?.find((s) => s.name.toLowerCase() === lower);
  };
}

/**
 * RFC 7644 §3.10: a URN-qualified attribute is `URN ":" ATTRNAME`. Microsoft's sample writes
 * `…:2.0:User.manager`; refused with the path as received and the spelling it should have.
 */
function assertColonAfterUrn(path: string, schemas: readonly string[]): void {
  const text = path.trim();
  const schema = schemas.find((s) => text.toLowerCase().startsWith(`${s.toLowerCase()}.`));
  if (schema === undefined) return;
  const suggestion = `${schema}:${text.slice(schema.length + 1)}`;
  throw unknown(
    path,
    `a schema URN must end with ":" before the attribute name, as in "${truncate(suggestion)}"`,
  );
}

const truncate = (text: string) => (text.length > 160 ? `${text.slice(0, 157)}...` : text);

function unknown(path: string, reason: string): ScimError {
  return new ScimError(400, 'invalidPath', `Invalid path "${path}": ${reason}.`);
}

function common(
  name: string,
  type: AttributeDefinition['type'],
  mutability: AttributeDefinition['mutability'],
): AttributeDefinition {
  return {
    name,
    type,
    multiValued: false,
    required: false,
    caseExact: true,
    mutability,
    returned: 'default',
    uniqueness: 'none',
  };
}
