import { ScimError } from '../../platform/errors/scim-error';

/** RFC 7644 §3.14: weak entity tags from `meta.version`. */
export const etagOf = (version: number): string => `W/"${version}"`;

function tags(header: string): string[] {
  return header
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
}

const sameTag = (a: string, b: string) => a.replace(/^W\//, '') === b.replace(/^W\//, '');

/** `If-Match` (PUT, PATCH, DELETE): 412 unless the current version is listed. */
export function checkIfMatch(header: string | undefined, version: number): void {
  if (!header) return;
  const current = etagOf(version);
  if (tags(header).some((t) => t === '*' || sameTag(t, current))) return;
  throw new ScimError(412, undefined, `the resource changed: its version is now ${current}`);
}

/** `If-None-Match` on GET: true when the client's copy is current (answer 304). */
export function notModified(header: string | undefined, version: number): boolean {
  if (!header) return false;
  const current = etagOf(version);
  return tags(header).some((t) => t === '*' || sameTag(t, current));
}
