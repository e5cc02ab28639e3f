import { ScimError } from '../../platform/errors/scim-error';
import { enforceSinglePrimary, readAttribute, writeAttribute } from './attribute-access';
import { coerceElement, coerceSubAttributeValue } from './coerce-value';
import { isPlainObject } from './json';
import type { PatchTarget } from './resolve-target';
import type { PatchOpName, ScimResource, ValueFilter } from './types';
import { equalityAssignments, matchesValueFilter } from './value-filter';

/**
 * RFC 7644 §3.5.2: an operation on `attr[filter]` or `attr[filter].sub`, applied in place.
 * Deliberate deviation (Entra): add/replace of `attr[a eq "x"].sub` with no matching value
 * creates `{a: "x", sub: value}` instead of failing with noTarget (RFC 7644 §3.5.2.3).
 */
export function applyToValuePath(
  resource: ScimResource,
  op: PatchOpName,
  target: PatchTarget,
  filter: ValueFilter,
  value: unknown,
): void {
  const current = readAttribute(resource, target);
  const elements: unknown[] = Array.isArray(current) ? structuredClone(current) : [];
  const matched = elements.filter((e) => matchesValueFilter(filter, e, target.lookup));
  let touched: unknown[] = [];
  let next = elements;

  if (op === 'remove') {
    // RFC 7644 §3.12: a filter that yields no match is noTarget.
    if (matched.length === 0) throw noTarget(target);
    const sub = target.subAttribute;
    next = sub
      ? elements.map((e) => (matched.includes(e) && isPlainObject(e) ? without(e, sub.name) : e))
      : elements.filter((e) => !matched.includes(e));
  } else if (target.subAttribute) {
    const sub = target.subAttribute;
    const incoming = coerceSubAttributeValue(sub, value, target.path);
    if (matched.length === 0) {
      if (incoming === undefined) return;
      touched = [createElement(target, filter, { [sub.name]: incoming })];
      next.push(...touched);
    } else {
      next = elements.map((e) => {
        if (!matched.includes(e) || !isPlainObject(e)) return e;
        const updated = incoming === undefined ? without(e, sub.name) : { ...e, [sub.name]: incoming };
        touched.push(updated);
        return updated;
      });
    }
  } else {
    const incoming = coerceElement(target.attribute, unwrapSingle(value), target.path);
    if (matched.length === 0) {
      if (incoming === undefined) return;
      // RFC 7644 §3.5.2.3: replace of a valuePath with no match is noTarget; add creates.
      if (op === 'replace') throw noTarget(target);
      touched = [isPlainObject(incoming) ? createElement(target, filter, incoming) : incoming];
      next.push(...touched);
    } else {
      next = [];
      for (const e of elements) {
        if (!matched.includes(e)) {
          next.push(e);
        } else if (incoming !== undefined) {
          const merge = op === 'add' && isPlainObject(e) && isPlainObject(incoming);
          const updated = merge ? { ...e, ...incoming } : structuredClone(incoming);
          touched.push(updated);
          next.push(updated);
        }
      }
    }
  }
  next = next.filter((e) => !isPlainObject(e) || Object.keys(e).length > 0);
  enforceSinglePrimary(target.attribute, next, touched);
  writeAttribute(resource, target, next.length === 0 ? undefined : next);
}

/** The element a filter such as `type eq "work"` describes, completed with `fields`. */
function createElement(
  target: PatchTarget,
  filter: ValueFilter,
  fields: Record<string, unknown>,
): Record<string, unknown> {
  const assignments = equalityAssignments(filter, target.lookup);
  if (!assignments) throw noTarget(target);
  const element: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(assignments)) {
    const definition = target.lookup(name);
    if (definition) element[definition.name] = coerceSubAttributeValue(definition, raw, target.path);
  }
  return { ...element, ...fields };
}

/** Entra and Okta sometimes wrap the single value of a valuePath operation in an array. */
function unwrapSingle(value: unknown): unknown {
  return Array.isArray(value) && value.length === 1 ? value[0] : value;
}

function without(object: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy = { ...object };
  delete copy[key];
  return copy;
}

function noTarget(target: PatchTarget): ScimError {
  return new ScimError(400, 'noTarget', `No value of "${target.attribute.name}" matches "${target.path}".`);
}
