import { ScimError } from '../../platform/errors/scim-error';
import { parseAttributeList, type Projection } from './projection';

export interface ListParams extends Projection {
  filter?: string;
  sortBy?: string;
  sortOrder?: string;
  startIndex: number;
  count: number;
  /** RFC 9865: present (possibly empty) when the client asked for cursor pagination. */
  cursor?: string;
}

/** A list without `count` gets this many (at most maxResults); advertised as defaultPageSize. */
export const DEFAULT_COUNT = 100;

function integer(value: unknown, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !/^-?\d{1,12}$/.test(value.trim())) {
    throw new ScimError(400, 'invalidValue', `${name} must be an integer`);
  }
  return Number(value);
}

function text(value: unknown, name: string, max = 10_000): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string')
    throw new ScimError(400, 'invalidValue', `${name} must be given once, as a string`);
  if (value.length > max)
    throw new ScimError(400, 'invalidValue', `${name} is longer than ${max} characters`);
  return value;
}

/**
 * RFC 7644 §3.4.2 query parameters (from the query string or a /.search body), with the
 * RFC's edge cases: startIndex < 1 → 1, count < 0 → 0, count over the maximum → the maximum.
 */
export function parseListParams(source: Record<string, unknown>, maxResults: number): ListParams {
  const lower = new Map(Object.entries(source).map(([k, v]) => [k.toLowerCase(), v]));
  const startIndex = Math.max(1, integer(numberish(lower.get('startindex')), 'startIndex') ?? 1);
  const count = Math.min(
    maxResults,
    Math.max(
      0,
      integer(numberish(lower.get('count')), 'count') ?? Math.min(DEFAULT_COUNT, maxResults),
    ),
  );
  const cursorValue = lower.get('cursor');
  return {
    filter: text(lower.get('filter'), 'filter'),
    sortBy: text(lower.get('sortby'), 'sortBy', 500),
    sortOrder: text(lower.get('sortorder'), 'sortOrder', 20),
    startIndex,
    count,
    cursor: cursorValue === undefined ? undefined : (text(cursorValue, 'cursor', 2000) ?? ''),
    attributes: parseAttributeList(joined(lower.get('attributes')), 'attributes'),
    excludedAttributes: parseAttributeList(
      joined(lower.get('excludedattributes')),
      'excludedAttributes',
    ),
  };
}

/** A /.search body gives numbers and arrays; the query string gives strings. */
function numberish(value: unknown): unknown {
  return typeof value === 'number' ? String(value) : value;
}

function joined(value: unknown): unknown {
  return Array.isArray(value) && value.every((v) => typeof v === 'string')
    ? value.join(',')
    : value;
}
