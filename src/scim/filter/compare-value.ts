import { prepareCaseInsensitive } from '../schemas/prepare-string';
import type { AttributeType } from '../schemas/types';
import { invalidFilter, quoted } from './filter-error';
import type { ComparisonNode, ComparisonOperator } from './filter-node';
import type { FilterTarget } from './filter-target';

export type MongoQuery = Record<string, unknown>;

/** BSON types a stored value of each SCIM type has (RFC 7643 §2.3; dateTime is stored as a Date). */
const BSON_TYPES: Record<AttributeType, string[]> = {
  string: ['string'],
  reference: ['string'],
  binary: ['string'],
  boolean: ['bool'],
  integer: ['int', 'long', 'double'],
  decimal: ['double', 'int', 'long', 'decimal'],
  dateTime: ['date'],
  complex: ['object'],
};

/**
 * RFC 7644 §3.4.2.2 `pr`: the attribute has a non-null value (a non-empty array when
 * multi-valued). Through an array `$type` asks "some element has one" (`$ne: null` would mean
 * "no element lacks one").
 */
export function presentCondition(target: FilterTarget): MongoQuery {
  const { field, acrossArray, resolved, definition } = target;
  if (acrossArray && resolved.subAttribute === undefined) {
    return { [`${field}.0`]: { $exists: true } };
  }
  if (acrossArray) return { [field]: { $type: BSON_TYPES[definition.type] } };
  return { [field]: { $exists: true, $ne: null } };
}

/**
 * RFC 7644 §3.4.2.2 Table 3 on one stored field. Values are only ever literals: strings are
 * lower-cased for the `_lc` shadow and regex-escaped for co/sw/ew; `eq null` is "not present".
 */
export function comparisonCondition(node: ComparisonNode, target: FilterTarget): MongoQuery {
  const { op, value } = node;
  if (value === null) {
    if (op === 'eq') return { $nor: [presentCondition(target)] };
    if (op === 'ne') return presentCondition(target);
    throw invalidFilter(`Invalid filter: "${op}" cannot compare with null; use eq, ne or pr`);
  }
  const { definition, field } = target;
  const path = target.resolved.canonicalPath;
  switch (definition.type) {
    case 'string':
    case 'reference':
    case 'binary': {
      if (typeof value !== 'string') throw mismatch(path, 'a string', value);
      // RFC 7644 §3.4.2.2 Table 3: gt/ge/lt/le on a Binary attribute SHALL be 400 invalidFilter.
      if (definition.type === 'binary' && !['eq', 'ne', 'co', 'sw', 'ew'].includes(op)) {
        throw invalidFilter(`Invalid filter: "${path}" is binary; "${op}" does not order it`);
      }
      const literal =
        definition.caseExact || definition.type !== 'string'
          ? value
          : prepareCaseInsensitive(value);
      if (op === 'co') return { [field]: { $regex: escapeRegex(literal) } };
      if (op === 'sw') return { [field]: { $regex: `^${escapeRegex(literal)}` } };
      // `\z`, not `$`: PCRE's `$` also matches before a final newline.
      if (op === 'ew') return { [field]: { $regex: `${escapeRegex(literal)}\\z` } };
      return ordered(op, field, literal, target.acrossArray);
    }
    case 'boolean':
      if (typeof value !== 'boolean') throw mismatch(path, 'true or false', value);
      if (op !== 'eq' && op !== 'ne') {
        throw invalidFilter(`Invalid filter: "${path}" is boolean; only eq and ne compare it`);
      }
      if (value === false && isPrimaryOfValues(target)) {
        const notPrimary = notTrue(field, target.acrossArray);
        return op === 'eq' ? notPrimary : { $nor: [notPrimary] };
      }
      return ordered(op, field, value, target.acrossArray);
    case 'integer':
    case 'decimal':
      if (typeof value !== 'number') throw mismatch(path, 'a number', value);
      assertOrdered(op, path, 'a number');
      return ordered(op, field, value, target.acrossArray);
    case 'dateTime':
      if (typeof value !== 'string') throw mismatch(path, 'a quoted dateTime', value);
      assertOrdered(op, path, 'a dateTime');
      return ordered(op, field, parseDateTime(value, path), target.acrossArray);
    default:
      throw invalidFilter(
        `Invalid filter: "${path}" is complex; compare one of its sub-attributes`,
      );
  }
}

/**
 * RFC 7643 §2.4: "If not specified, the value of "primary" SHALL be assumed to be "false"": in
 * a filter, `primary eq false` also matches a value that has no `primary`.
 */
const isPrimaryOfValues = (target: FilterTarget) =>
  target.resolved.subAttribute?.name === 'primary' && target.resolved.attribute.multiValued;

/** "primary is not true": inside `[…]` on the element; on a dotted path, some element's. */
function notTrue(field: string, acrossArray: boolean): MongoQuery {
  if (!acrossArray) return { [field]: { $ne: true } };
  const dot = field.lastIndexOf('.');
  return { [field.slice(0, dot)]: { $elemMatch: { [field.slice(dot + 1)]: { $ne: true } } } };
}

/**
 * eq/ne/gt/ge/lt/le. Through an array `ne` is "no element equals" (MongoDB's `$ne` on an
 * array), written as `$nor` of `$eq` to say so explicitly.
 */
function ordered(
  op: ComparisonOperator,
  field: string,
  value: unknown,
  acrossArray: boolean,
): MongoQuery {
  switch (op) {
    case 'eq':
      return { [field]: { $eq: value } };
    case 'ne':
      return acrossArray ? { $nor: [{ [field]: { $eq: value } }] } : { [field]: { $ne: value } };
    case 'gt':
      return { [field]: { $gt: value } };
    case 'ge':
      return { [field]: { $gte: value } };
    case 'lt':
      return { [field]: { $lt: value } };
    case 'le':
      return { [field]: { $lte: value } };
    default:
      throw invalidFilter(`Invalid filter: "${op}" does not apply here`);
  }
}

function assertOrdered(op: ComparisonOperator, path: string, kind: string): void {
  if (op === 'co' || op === 'sw' || op === 'ew') {
    throw invalidFilter(`Invalid filter: "${path}" is ${kind}; "${op}" only applies to strings`);
  }
}

/** Every regex metacharacter is escaped, and NUL (which a MongoDB regex cannot hold) spelled out. */
export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&').replace(/\0/g, '\\x00');
}

/** RFC 7643 §2.3.5: xsd:dateTime; without a zone offset it is taken as UTC. */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

export function parseDateTime(text: string, path: string): Date {
  const match = DATE_TIME.exec(text);
  const date = match ? new Date(match[8] ? text : `${text}Z`) : undefined;
  const [, year, month, day] = match ?? [];
  const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (
    date === undefined ||
    Number.isNaN(date.getTime()) ||
    calendar.getUTCDate() !== Number(day) ||
    calendar.getUTCMonth() !== Number(month) - 1
  ) {
    throw invalidFilter(
      `Invalid filter: "${path}" is a dateTime and ${quoted(text)} is not one (e.g. "2011-05-13T04:42:34Z")`,
    );
  }
  return date;
}

function mismatch(path: string, expected: string, value: unknown): Error {
  return invalidFilter(
    `Invalid filter: "${path}" must be compared with ${expected}, not ${JSON.stringify(value)}`,
  );
}
