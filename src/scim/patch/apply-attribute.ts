import { ScimError } from '../../platform/errors/scim-error';
import { applyToValuePath } from './apply-value-path';
import {
  appendDistinct,
  enforceSinglePrimary,
  mergeComplex,
  readAttribute,
  writeAttribute,
} from './attribute-access';
import { coerceAttributeValue, coerceSubAttributeValue } from './coerce-value';
import { isPlainObject, isUnassigned } from './json';
import type { PatchTarget } from './resolve-target';
import type { CompareValue, PatchOpName, ScimResource } from './types';
import { matchesValueFilter } from './value-filter';

/** One operation whose path names an attribute (RFC 7644 §3.5.2.1-3), applied in place. */
export function applyToAttribute(
  resource: ScimResource,
  op: PatchOpName,
  target: PatchTarget,
  value: unknown,
): void {
  if (target.filter) {
    applyToValuePath(resource, op, target, target.filter, value);
  } else if (target.subAttribute) {
    applyToSubAttribute(resource, op, target, value);
  } else if (op === 'remove') {
    removeAttribute(resource, target, value);
  } else {
    setAttribute(resource, op, target, value);
  }
}

function setAttribute(
  resource: ScimResource,
  op: PatchOpName,
  target: PatchTarget,
  value: unknown,
): void {
  const { attribute } = target;
  const incoming = coerceAttributeValue(attribute, value, target.path);
  const current = readAttribute(resource, target);
  if (incoming === undefined) {
    // RFC 7643 §2.5: null and [] mean unassigned, so a replace with them removes the attribute.
    if (op === 'replace') writeAttribute(resource, target, undefined);
    return;
  }
  if (attribute.multiValued) {
    const additions = incoming as unknown[];
    const elements = op === 'add' && Array.isArray(current) ? structuredClone(current) : [];
    const touched = appendDistinct(elements, additions);
    enforceSinglePrimary(attribute, elements, touched);
    writeAttribute(resource, target, elements);
  } else if (attribute.type === 'complex') {
    writeAttribute(
      resource,
      target,
      mergeComplex(attribute, current, incoming as Record<string, unknown>),
    );
  } else {
    writeAttribute(resource, target, incoming);
  }
}

/**
 * RFC 7644 §3.5.2.2: removes the attribute; for a multi-valued attribute, a `value` (as Entra
 * sends for members) removes only the values it matches, compared per sub-attribute.
 */
function removeAttribute(resource: ScimResource, target: PatchTarget, value: unknown): void {
  const current = readAttribute(resource, target);
  if (!target.attribute.multiValued || isUnassigned(value) || !Array.isArray(current)) {
    writeAttribute(resource, target, undefined);
    return;
  }
  const selectors = coerceAttributeValue(target.attribute, value, target.path) as unknown[];
  const remaining = current.filter(
    (element) => !selectors.some((s) => selects(target, s, element)),
  );
  writeAttribute(resource, target, remaining.length === 0 ? undefined : remaining);
}

/** True when every sub-attribute given in `selector` equals the element's (caseExact-aware). */
function selects(target: PatchTarget, selector: unknown, element: unknown): boolean {
  const pairs = isPlainObject(selector) ? Object.entries(selector) : [['value', selector] as const];
  return pairs.every(
    ([attribute, expected]) =>
      isCompareValue(expected) &&
      matchesValueFilter(
        { kind: 'compare', attribute, operator: 'eq', value: expected },
        element,
        target.lookup,
      ),
  );
}

function isCompareValue(value: unknown): value is CompareValue {
  return ['string', 'number', 'boolean'].includes(typeof value);
}

/** `name.givenName` (single-valued parent) or `emails.display` (multi-valued, remove only). */
function applyToSubAttribute(
  resource: ScimResource,
  op: PatchOpName,
  target: PatchTarget,
  value: unknown,
): void {
  const sub = target.subAttribute;
  if (!sub) return;
  const current = readAttribute(resource, target);
  if (target.attribute.multiValued) {
    if (op !== 'remove') {
      throw new ScimError(
        400,
        'invalidPath',
        `"${target.path}" names a sub-attribute of every "${target.attribute.name}" value; use a value filter such as ${target.attribute.name}[type eq "work"].${sub.name}.`,
      );
    }
    if (!Array.isArray(current)) return;
    const remaining = current
      .map((e) => (isPlainObject(e) ? withoutKey(e, sub.name) : e))
      .filter((e) => !isPlainObject(e) || Object.keys(e).length > 0);
    writeAttribute(resource, target, remaining.length === 0 ? undefined : remaining);
    return;
  }
  const incoming = op === 'remove' ? undefined : coerceSubAttributeValue(sub, value, target.path);
  if (incoming === undefined && op === 'add') return;
  const base = isPlainObject(current) ? current : {};
  const next =
    incoming === undefined
      ? withoutKey(base, sub.name)
      : mergeComplex(target.attribute, base, { [sub.name]: incoming });
  writeAttribute(resource, target, Object.keys(next).length === 0 ? undefined : next);
}

function withoutKey(object: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy = { ...object };
  delete copy[key];
  return copy;
}
