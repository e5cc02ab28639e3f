/** RFC 7644 §3.5.2: the PATCH engine, pure functions over a resource's SCIM JSON. */
export { applyPatch } from './apply-patch';
export { parsePatchRequest, PATCH_OP_SCHEMA, type PatchLimits } from './parse-patch';
export { parsePath } from './parse-path';
export { matchesValueFilter } from './value-filter';
export type {
  MemberChanges,
  MemberRef,
  PatchContext,
  PatchOperation,
  PatchOpName,
  PatchPath,
  PatchResult,
  ScimResource,
  ValueFilter,
} from './types';
