/** Keys that would reach an object's prototype chain if copied naively. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN_KEYS.has(key.toLowerCase());
}

/** A JSON object: not an array, a Date or any other class instance. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  // Checked by tag, not prototype: structuredClone may build objects in another realm.
  return Object.prototype.toString.call(value) === '[object Object]';
}

/** RFC 7643 §2.5: null and the empty array both mean "unassigned". */
export function isUnassigned(value: unknown): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
}

/** Structural equality of JSON values; key order does not matter. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isDate(a)) return isDate(b) && a.getTime() === b.getTime();
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/** Finds an own key case-insensitively (RFC 7643 §2.1: attribute names are case-insensitive). */
export function findKey(object: Record<string, unknown>, name: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(object, name)) return name;
  const lower = name.toLowerCase();
  return Object.keys(object).find((k) => k.toLowerCase() === lower);
}

function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}
