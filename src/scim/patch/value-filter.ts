import { prepareCaseInsensitive } from '../schemas/prepare-string';
import type { AttributeDefinition } from '../schemas/types';
import { findKey, isPlainObject } from './json';
import type { CompareOperator, CompareValue, ValueFilter } from './types';

/** Finds the definition a filter's attribute name refers to within one multi-valued element. */
export type SubAttributeLookup = (name: string) => AttributeDefinition | undefined;

/** Every attribute name a value filter mentions, in order of appearance. */
export function filterAttributes(filter: ValueFilter): string[] {
  switch (filter.kind) {
    case 'compare':
    case 'present':
      return [filter.attribute];
    case 'not':
      return filterAttributes(filter.filter);
    default:
      return [...filterAttributes(filter.left), ...filterAttributes(filter.right)];
  }
}

/**
 * RFC 7644 §3.4.2.2 evaluated in memory against one element of a multi-valued attribute;
 * string comparisons honour the sub-attribute's `caseExact` (RFC 7643 §2.2).
 */
export function matchesValueFilter(
  filter: ValueFilter,
  element: unknown,
  lookup: SubAttributeLookup,
): boolean {
  switch (filter.kind) {
    case 'and':
      return (
        matchesValueFilter(filter.left, element, lookup) &&
        matchesValueFilter(filter.right, element, lookup)
      );
    case 'or':
      return (
        matchesValueFilter(filter.left, element, lookup) ||
        matchesValueFilter(filter.right, element, lookup)
      );
    case 'not':
      return !matchesValueFilter(filter.filter, element, lookup);
    case 'present':
      return valuesOf(element, filter.attribute, lookup).some(isPresent);
    case 'compare': {
      const definition = lookup(filter.attribute);
      const values = valuesOf(element, filter.attribute, lookup);
      if (filter.value === null) {
        const absent = !values.some(isPresent);
        return filter.operator === 'ne' ? !absent : filter.operator === 'eq' && absent;
      }
      const test = (v: unknown): boolean => compare(v, filter.operator, filter.value, definition);
      return filter.operator === 'ne'
        ? !values.some((v) => compare(v, 'eq', filter.value, definition))
        : values.some(test);
    }
  }
}

/**
 * The sub-attribute values a filter pins down when it is `a eq x [and b eq y ...]`;
 * used to create the element an Entra-style `replace` expects to exist. Undefined otherwise.
 */
export function equalityAssignments(
  filter: ValueFilter,
  lookup: SubAttributeLookup,
): Record<string, CompareValue> | undefined {
  if (filter.kind === 'compare' && filter.operator === 'eq' && filter.value !== null) {
    const definition = lookup(filter.attribute);
    return definition ? { [definition.name]: filter.value } : undefined;
  }
  if (filter.kind === 'and') {
    const left = equalityAssignments(filter.left, lookup);
    const right = equalityAssignments(filter.right, lookup);
    return left && right ? { ...left, ...right } : undefined;
  }
  return undefined;
}

/** For a complex element, the named sub-attribute's value(s); for a simple one, the element. */
function valuesOf(element: unknown, attribute: string, lookup: SubAttributeLookup): unknown[] {
  let value: unknown = element;
  if (isPlainObject(element)) {
    const key = findKey(element, lookup(attribute)?.name ?? attribute);
    value = key === undefined ? undefined : element[key];
  } else if (attribute.toLowerCase() !== 'value') {
    value = undefined;
  }
  return Array.isArray(value) ? value : [value];
}

function isPresent(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (isPlainObject(value)) return Object.values(value).some(isPresent);
  return true;
}

function compare(
  actual: unknown,
  operator: CompareOperator,
  expected: CompareValue,
  definition: AttributeDefinition | undefined,
): boolean {
  if (typeof actual === 'boolean' || typeof expected === 'boolean') {
    return operator === 'eq' && actual === expected;
  }
  if (typeof actual === 'number' && typeof expected === 'number') {
    return ordered(actual - expected, operator);
  }
  if (typeof actual !== 'string' || typeof expected !== 'string') return false;
  if (definition?.type === 'dateTime') {
    const a = Date.parse(actual);
    const b = Date.parse(expected);
    if (!Number.isNaN(a) && !Number.isNaN(b) && ['eq', 'gt', 'ge', 'lt', 'le'].includes(operator)) {
      return ordered(a - b, operator);
    }
  }
  const caseExact = definition?.caseExact ?? false;
  const a = caseExact ? actual : prepareCaseInsensitive(actual);
  const b = caseExact ? expected : prepareCaseInsensitive(expected);
  switch (operator) {
    case 'co':
      return a.includes(b);
    case 'sw':
      return a.startsWith(b);
    case 'ew':
      return a.endsWith(b);
    default:
      return ordered(a === b ? 0 : a < b ? -1 : 1, operator);
  }
}

function ordered(difference: number, operator: CompareOperator): boolean {
  switch (operator) {
    case 'eq':
      return difference === 0;
    case 'gt':
      return difference > 0;
    case 'ge':
      return difference >= 0;
    case 'lt':
      return difference < 0;
    case 'le':
      return difference <= 0;
    default:
      return false;
  }
}
