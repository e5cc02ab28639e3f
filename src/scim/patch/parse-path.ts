import { ScimError } from '../../platform/errors/scim-error';
import { isForbiddenKey } from './json';
import { parseValueFilter } from './parse-value-filter';
import type { PatchPath } from './types';

/** Longer paths are refused before any parsing work. */
export const MAX_PATH_LENGTH = 1024;

/** RFC 7643 §2.1 ATTRNAME, plus the `$ref` sub-attribute name. */
const ATTRNAME = /^(?:\$ref|[A-Za-z][A-Za-z0-9_-]*)$/;
/** A schema URN as RFC 7643 §8.7 spells them: no whitespace, brackets or quotes. */
const URN = /^urn:[A-Za-z0-9][A-Za-z0-9-]*(?::[A-Za-z0-9._~%!$&'()*+,;=@-]+)+$/i;

/** RFC 7644 §3.5.2: parses PATH = attrPath / valuePath [subAttr]; 400 invalidPath if malformed. */
export function parsePath(text: string): PatchPath {
  const path = text.trim();
  if (path === '' || path.length > MAX_PATH_LENGTH) {
    throw invalidPath(text, 'a path must be 1 to 1024 characters');
  }
  const open = path.indexOf('[');
  const attributePath = open === -1 ? path : path.slice(0, open);
  validateAttributePath(attributePath, text);
  if (open === -1) {
    if (path.includes(']')) throw invalidPath(text, 'unbalanced "]"');
    return { attributePath };
  }
  if (attributePath.slice(attributePath.lastIndexOf(':') + 1).includes('.')) {
    throw invalidPath(text, 'a value filter applies to an attribute, not to a sub-attribute');
  }
  const close = findClosingBracket(path, open);
  if (close === -1) throw invalidPath(text, 'missing "]"');
  const filter = parseValueFilter(path.slice(open + 1, close), text);
  const rest = path.slice(close + 1);
  if (rest === '') return { attributePath, filter };
  const subAttribute = rest.startsWith('.') ? rest.slice(1) : '';
  if (!ATTRNAME.test(subAttribute) || isForbiddenKey(subAttribute)) {
    throw invalidPath(text, `unexpected "${rest}" after "]"`);
  }
  return { attributePath, filter, subAttribute };
}

/** attrPath = [URI ":"] ATTRNAME *1subAttr (RFC 7644 §3.10). */
function validateAttributePath(attributePath: string, text: string): void {
  if (attributePath.split(/[:.]/).some(isForbiddenKey)) throw invalidPath(text, 'reserved name');
  const isUrn = attributePath.toLowerCase().startsWith('urn:');
  const lastColon = attributePath.lastIndexOf(':');
  if (isUrn && !URN.test(attributePath)) throw invalidPath(text, 'malformed schema URN');
  if (!isUrn && lastColon !== -1) throw invalidPath(text, 'only a schema URN may contain ":"');
  const names = attributePath.slice(lastColon + 1).split('.');
  if (names.length > 2 || !names.every((name) => ATTRNAME.test(name))) {
    throw invalidPath(text, 'expected attribute or attribute.subAttribute');
  }
}

/** The `]` that closes `[` at `open`, skipping over quoted strings. */
function findClosingBracket(path: string, open: number): number {
  let inString = false;
  for (let i = open + 1; i < path.length; i += 1) {
    const c = path[i];
    if (inString) {
      if (c === '\\') i += 1;
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
    } else if (c === '[') {
      return -1;
    } else if (c === ']') {
      return i;
    }
  }
  return -1;
}

function invalidPath(path: string, reason: string): ScimError {
  return new ScimError(400, 'invalidPath', `Invalid path "${truncate(path)}": ${reason}.`);
}

function truncate(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
