import type { Filter } from 'scim2-parse-filter';
import { parseFilter as parseTokens, Tokens } from 'scim2-parse-filter/lib/src/parser';
import { ScimError } from '../../platform/errors/scim-error';
import { invalidFilter, quoted } from './filter-error';
import { filterDepth, type ComparisonValue, type FilterNode } from './filter-node';
import { tokenizeFilter } from './tokenize-filter';

/** Bounds on client filters: a long or deeply nested filter is refused before it costs much. */
export interface FilterLimits {
  maxLength: number;
  maxDepth: number;
}

/**
 * RFC 7644 §3.4.2.2: parses filter text into our FilterNode AST. Operators and `and`/`or`/`not`
 * are case-insensitive; `and` binds tighter than `or`. Any failure is a 400 invalidFilter.
 * Lexing is ours (see tokenize-filter.ts); the grammar is scim2-parse-filter's parser.
 */
export function parseFilter(text: string, limits: FilterLimits): FilterNode {
  if (text.length > limits.maxLength) {
    throw invalidFilter(`Invalid filter: longer than ${limits.maxLength} characters`);
  }
  if (text.trim() === '') throw invalidFilter('Invalid filter: the filter is empty');
  const tokens = tokenizeFilter(text);
  let parsed: Filter;
  try {
    const list = new Tokens(tokens);
    parsed = parseTokens(list);
    const rest = list.peek();
    if (rest.type !== 'EOT') {
      throw new Error(`unexpected ${quoted(rest.literal)} after a complete filter`);
    }
  } catch (error) {
    if (error instanceof ScimError) throw error;
    throw invalidFilter(`Invalid filter ${quoted(text)}: ${describe(error)}`);
  }
  const node = fromLibrary(parsed, false);
  if (filterDepth(node) > limits.maxDepth) {
    throw invalidFilter(`Invalid filter: nested deeper than ${limits.maxDepth} levels`);
  }
  return node;
}

/** Converts the library's AST; RFC 7644 §3.4.2.2 valFilter has no value path inside a value path. */
function fromLibrary(filter: Filter, insideValuePath: boolean): FilterNode {
  switch (filter.op) {
    case 'and':
    case 'or':
      return { op: filter.op, filters: filter.filters.map((f) => fromLibrary(f, insideValuePath)) };
    case 'not':
      return { op: 'not', filter: fromLibrary(filter.filter, insideValuePath) };
    case '[]':
      if (insideValuePath) {
        throw invalidFilter(`Invalid filter: "${filter.attrPath}[…]" is nested in another "[…]"`);
      }
      return {
        op: 'valuePath',
        attrPath: filter.attrPath,
        filter: fromLibrary(filter.valFilter, true),
      };
    case 'pr':
      return { op: 'pr', attrPath: filter.attrPath };
    case 'eq':
    case 'ne':
    case 'co':
    case 'sw':
    case 'ew':
    case 'gt':
    case 'lt':
    case 'ge':
    case 'le':
      return { op: filter.op, attrPath: filter.attrPath, value: comparisonValue(filter.compValue) };
    default:
      throw invalidFilter('Invalid filter: unsupported operator');
  }
}

function comparisonValue(value: ComparisonValue): ComparisonValue {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw invalidFilter('Invalid filter: a number is out of range');
    return value === 0 ? 0 : value; // -0 → 0
  }
  return value;
}

/** Rewrites the library's messages ("[x(Word)] is not json", "Unexpected token  (EOT)") for clients. */
function describe(error: unknown): string {
  if (error instanceof RangeError) return 'nested too deeply';
  const message = error instanceof Error ? error.message : String(error);
  if (/is not json$/.test(message)) {
    return 'a comparison value must be a quoted string, a number, true, false or null';
  }
  if (/as valFilter operator$/.test(message)) {
    return 'an attribute must be followed by eq, ne, co, sw, ew, gt, ge, lt, le or pr';
  }
  if (/\(EOT\)|Unexpected token {2}expected/.test(message)) return 'the filter ends too early';
  return message;
}
