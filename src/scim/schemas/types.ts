/** RFC 7643 §7: the attribute characteristics a schema definition carries. */
export type AttributeType =
  'string' | 'boolean' | 'decimal' | 'integer' | 'dateTime' | 'binary' | 'reference' | 'complex';

export interface AttributeDefinition {
  name: string;
  type: AttributeType;
  multiValued: boolean;
  description?: string;
  required: boolean;
  caseExact: boolean;
  mutability: 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
  returned: 'always' | 'never' | 'default' | 'request';
  uniqueness: 'none' | 'server' | 'global';
  canonicalValues?: string[];
  referenceTypes?: string[];
  subAttributes?: AttributeDefinition[];
}

/** RFC 7643 §7: a schema resource. */
export interface SchemaDefinition {
  id: string;
  name: string;
  description: string;
  attributes: AttributeDefinition[];
}

/** RFC 7643 §6: a resource type. */
export interface ResourceTypeDefinition {
  id: 'User' | 'Group';
  name: string;
  endpoint: string;
  description: string;
  schema: string;
  schemaExtensions: Array<{ schema: string; required: boolean }>;
}

export type ResourceTypeName = ResourceTypeDefinition['id'];

/** An attribute path resolved against a resource type's schemas. */
export interface ResolvedAttribute {
  /** Schema URN the attribute belongs to. */
  schemaId: string;
  /** True when the schema is an extension (stored under its alias, see STORAGE_ALIASES). */
  extension: boolean;
  /** The top-level attribute. */
  attribute: AttributeDefinition;
  /** The sub-attribute, when the path names one (`emails.value`, `name.givenName`). */
  subAttribute?: AttributeDefinition;
  /** Canonical SCIM path, e.g. `emails.value` or `urn:…:enterprise:2.0:User:manager.value`. */
  canonicalPath: string;
  /** Dotted MongoDB field of the stored value, e.g. `emails.value`, `enterprise.manager.value`. */
  storedField: string;
}

/**
 * Storage convention shared by the repository, the filter translator and the sort code:
 * - the document's `_id` is the SCIM `id` (a UUID string); `tenantId` scopes every document;
 * - core attributes are stored at the top level under their canonical names;
 * - an extension schema's attributes are stored under its alias below (URNs contain dots);
 * - every string attribute or sub-attribute whose `caseExact` is false has a sibling shadow
 *   field `<name>_lc` holding the lower-cased value (an array for multi-valued strings), which
 *   case-insensitive comparisons and unique indexes use;
 * - `meta` is stored as `{ created: Date, lastModified: Date, version: number }`;
 * - `_sort` and `_sortPresent` mirror the attributes with each one's sort key and a presence
 *   marker (see sort-keys.ts), so sorting is a database sort with missing values last.
 */
export const STORAGE_ALIASES: Readonly<Record<string, string>> = {
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': 'enterprise',
};

export const LOWERCASE_SHADOW_SUFFIX = '_lc';

export interface SchemaRegistry {
  resourceType(name: ResourceTypeName): ResourceTypeDefinition;
  resourceTypes(): ResourceTypeDefinition[];
  schema(id: string): SchemaDefinition | undefined;
  schemas(): SchemaDefinition[];
  /**
   * Resolves `path` (case-insensitive names, optional URN prefix, optional sub-attribute)
   * for a resource type; undefined when the resource type has no such attribute.
   */
  resolve(resourceType: ResourceTypeName, path: string): ResolvedAttribute | undefined;
}
