import { ScimError } from '../../platform/errors/scim-error';
import { enforceSinglePrimary, readAttribute, writeAttribute } from './attribute-access';
import { coerceElement, coerceSubAttributeValue } from './coerce-value';
import { isPlainObject } from './json';
import type { PatchTarget } from './resolve-target';
import type { PatchOpName, ScimResource, ValueFilter } from './types';
import { equalityAssignments, matchesValueFilter } from './value-filter';

interface Outcome {
  /** The attribute's values after the operation. */
  next: unknown[];
  /** Values the operation wrote, for the primary rule of RFC 7644 §3.5.2. */
  touched: unknown[];
}

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
  const matched = new Set(elements.filter((e) => matchesValueFilter(filter, e, target.lookup)));
  const outcome =
    op === 'remove'
      ? removeSelected(target, elements, matched)
      : target.subAttribute
        ? setSelectedSubAttribute(op, target, filter, elements, matched, value)
        : setSelectedValues(op, target, filter, elements, matched, value);
  if (outcome === undefined) return;
  const next = outcome.next.filter((e) => !isPlainObject(e) || Object.keys(e).length > 0);
  enforceSinglePrimary(target.attribute, next, outcome.touched);
  writeAttribute(resource, target, next.length === 0 ? undefined : next);
}

/** RFC 7644 §3.5.2.2: removes the selected values, or their sub-attribute. */
function removeSelected(target: PatchTarget, elements: unknown[], matched: Set<unknown>): Outcome {
  // RFC 7644 §3.12: a filter that yields no match is noTarget.
  if (matched.size === 0) throw noTarget(target);
  const sub = target.subAttribute;
  const next = sub
    ? elements.map((e) => (matched.has(e) && isPlainObject(e) ? without(e, sub.name) : e))
    : elements.filter((e) => !matched.has(e));
  return { next, touched: [] };
}

/** `emails[type eq "work"].value`: sets (or, for null, clears) the sub-attribute of each match. */
function setSelectedSubAttribute(
  op: PatchOpName,
  target: PatchTarget,
  filter: ValueFilter,
  elements: unknown[],
  matched: Set<unknown>,
  value: unknown,
): Outcome | undefined {
  const sub = target.subAttribute;
  if (!sub) return undefined;
  const incoming = coerceSubAttributeValue(sub, value, target.path);
  // Only a replace with null clears (RFC 7643 §2.5); an add of nothing changes nothing.
  if (incoming === undefined && (op === 'add' || matched.size === 0)) return undefined;
  if (matched.size === 0) {
    const created = createElement(target, filter, { [sub.name]: incoming });
    return { next: [...elements, created], touched: [created] };
  }
  const touched: unknown[] = [];
  const next = elements.map((e) => {
    if (!matched.has(e) || !isPlainObject(e)) return e;
    const updated = incoming === undefined ? without(e, sub.name) : { ...e, [sub.name]: incoming };
    touched.push(updated);
    return updated;
  });
  return { next, touched };
}

/**
 * `addresses[type eq "work"]`: replace swaps each match for the value (RFC 7644 §3.5.2.3,
 * noTarget when nothing matches); add merges into each match, or appends when none does.
 */
function setSelectedValues(
  op: PatchOpName,
  target: PatchTarget,
  filter: ValueFilter,
  elements: unknown[],
  matched: Set<unknown>,
  value: unknown,
): Outcome | undefined {
  const incoming = coerceElement(target.attribute, unwrapSingle(value), target.path);
  if (incoming === undefined && (op === 'add' || matched.size === 0)) return undefined;
  if (matched.size === 0) {
    if (op === 'replace') throw noTarget(target);
    const created = isPlainObject(incoming) ? createElement(target, filter, incoming) : incoming;
    return { next: [...elements, created], touched: [created] };
  }
  const touched: unknown[] = [];
  const next: unknown[] = [];
  for (const e of elements) {
    if (!matched.has(e)) {
      next.push(e);
    } else if (incoming !== undefined) {
      const merge = op === 'add' && isPlainObject(e) && isPlainObject(incoming);
      const updated = merge ? { ...e, ...incoming } : structuredClone(incoming);
      touched.push(updated);
      next.push(updated);
    }
  }
  return { next, touched };
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
    if (definition)
      element[definition.name] = coerceSubAttributeValue(definition, raw, target.path);
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
  return new ScimError(
    400,
    'noTarget',
    `No value of "${target.attribute.name}" matches "${target.path}".`,
  );
}
