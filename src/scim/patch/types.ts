import type { ResourceTypeName, SchemaRegistry } from '../schemas/types';

/** RFC 7644 §3.5.2: the three PATCH operations, normalised to lower case. */
export type PatchOpName = 'add' | 'replace' | 'remove';

/** RFC 7644 §3.5.2: one element of a PatchOp request's "Operations". */
export interface PatchOperation {
  op: PatchOpName;
  path?: string;
  value?: unknown;
}

/** RFC 7644 §3.4.2.2: comparison operators allowed in a value filter. */
export type CompareOperator = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';

/** A literal on the right-hand side of a comparison (RFC 7644 §3.4.2.2 compValue). */
export type CompareValue = string | number | boolean | null;

/** RFC 7644 §3.4.2.2 valFilter: the filter inside `attr[...]`, over sub-attributes. */
export type ValueFilter =
  | { kind: 'compare'; attribute: string; operator: CompareOperator; value: CompareValue }
  | { kind: 'present'; attribute: string }
  | { kind: 'and' | 'or'; left: ValueFilter; right: ValueFilter }
  | { kind: 'not'; filter: ValueFilter };

/** RFC 7644 §3.5.2 PATH = attrPath / valuePath [subAttr], split into its parts. */
export interface PatchPath {
  /** The attrPath before any `[`: optional URN, attribute name, optional `.subAttr`. */
  attributePath: string;
  /** The value filter between `[` and `]`, when the path is a valuePath. */
  filter?: ValueFilter;
  /** The sub-attribute named after `]`, e.g. `value` in `emails[type eq "work"].value`. */
  subAttribute?: string;
}

/** A SCIM resource in its client-visible JSON shape (RFC 7643 §3). */
export type ScimResource = Record<string, unknown>;

/** A group member as the membership collection needs it (RFC 7643 §4.2 "members"). */
export interface MemberRef {
  value: string;
  type?: string;
}

/**
 * The net effect of a request's `members` operations, in request order.
 * When `remove` is `'all'`, `replace` holds the complete new member set and `add` equals it.
 */
export interface MemberChanges {
  add: MemberRef[];
  remove: string[] | 'all';
  replace?: MemberRef[];
}

export interface PatchContext {
  registry: SchemaRegistry;
  resourceType: ResourceTypeName;
}

export interface PatchResult {
  /** The patched copy; the input resource is never mutated. */
  resource: ScimResource;
  /** True when the resource JSON differs from the input (members are reported separately). */
  changed: boolean;
  /** Present when the request touched a Group's `members`. */
  memberChanges?: MemberChanges;
}
