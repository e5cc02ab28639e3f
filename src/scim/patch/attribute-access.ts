import type { AttributeDefinition } from '../schemas/types';
import { deepEqual, findKey, isPlainObject } from './json';
import type { PatchTarget } from './resolve-target';
import type { ScimResource } from './types';

type Located = Pick<PatchTarget, 'attribute' | 'extensionSchema'>;

/** The current value of the target's top-level attribute (core, or under its extension URN). */
export function readAttribute(resource: ScimResource, target: Located): unknown {
  const container = extensionObject(resource, target.extensionSchema) ?? resource;
  if (target.extensionSchema !== undefined && container === resource) return undefined;
  const key = findKey(container, target.attribute.name);
  return key === undefined ? undefined : container[key];
}

/**
 * Stores the attribute under its canonical name; `undefined` removes it (RFC 7643 §2.5).
 * An extension object is created on first write and dropped once empty.
 */
export function writeAttribute(resource: ScimResource, target: Located, value: unknown): void {
  const schema = target.extensionSchema;
  let container = extensionObject(resource, schema);
  if (schema !== undefined && container === undefined) {
    if (value === undefined) return;
    container = {};
    resource[schema] = container;
  }
  const object = container ?? resource;
  const existing = findKey(object, target.attribute.name);
  if (existing !== undefined) delete object[existing];
  if (value !== undefined) object[target.attribute.name] = value;
  if (schema !== undefined && Object.keys(object).length === 0) {
    delete resource[findKey(resource, schema) ?? schema];
  }
}

function extensionObject(
  resource: ScimResource,
  schema: string | undefined,
): Record<string, unknown> | undefined {
  if (schema === undefined) return undefined;
  const key = findKey(resource, schema);
  const value = key === undefined ? undefined : resource[key];
  return isPlainObject(value) ? value : undefined;
}

/** RFC 7644 §3.5.2.1: adds values not already present; returns the elements actually added. */
export function appendDistinct(elements: unknown[], additions: unknown[]): unknown[] {
  const added: unknown[] = [];
  for (const addition of additions) {
    if (!elements.some((e) => deepEqual(e, addition))) {
      elements.push(addition);
      added.push(addition);
    }
  }
  return added;
}

/**
 * RFC 7643 §2.4 / RFC 7644 §3.5.2: when an operation sets `primary: true` on a value, every
 * other value of the attribute loses its primary flag.
 */
export function enforceSinglePrimary(
  attribute: AttributeDefinition,
  elements: unknown[],
  touched: unknown[],
): void {
  const primary = attribute.subAttributes?.find((s) => s.name.toLowerCase() === 'primary');
  if (!primary) return;
  const winner = [...touched].reverse().find((e) => isPlainObject(e) && e[primary.name] === true);
  if (winner === undefined) return;
  for (const element of elements) {
    if (element !== winner && isPlainObject(element) && element[primary.name] === true) {
      element[primary.name] = false;
    }
  }
}

/**
 * RFC 7644 §3.5.2.1/§3.5.2.3: sub-attributes given replace or add to the existing ones; the
 * rest stay. When the `value` of a reference-like attribute (e.g. `manager`) changes, the old
 * `$ref`/`displayName` described the previous referent, so the new value replaces it whole.
 */
export function mergeComplex(
  attribute: AttributeDefinition,
  current: unknown,
  incoming: Record<string, unknown>,
): Record<string, unknown> {
  if (!isPlainObject(current)) return { ...incoming };
  const valueName = attribute.subAttributes?.find((s) => s.name.toLowerCase() === 'value')?.name;
  if (
    valueName !== undefined &&
    incoming[valueName] !== undefined &&
    !deepEqual(incoming[valueName], current[valueName])
  ) {
    return { ...incoming };
  }
  return { ...current, ...incoming };
}
