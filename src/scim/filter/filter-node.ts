/** RFC 7644 §3.4.2.2 Table 3: the attribute operators that compare with a value. */
export type ComparisonOperator = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'lt' | 'ge' | 'le';

export const COMPARISON_OPERATORS: readonly ComparisonOperator[] = [
  'eq',
  'ne',
  'co',
  'sw',
  'ew',
  'gt',
  'lt',
  'ge',
  'le',
];

/** RFC 7644 §3.4.2.2: compValue = false / null / true / number / string. */
export type ComparisonValue = string | number | boolean | null;

/** `attrPath op compValue`, e.g. `userName eq "bjensen"`. */
export interface ComparisonNode {
  op: ComparisonOperator;
  attrPath: string;
  value: ComparisonValue;
}

/** `attrPath pr`: the attribute has a value. */
export interface PresentNode {
  op: 'pr';
  attrPath: string;
}

/** `a and b and …` / `a or b or …` (RFC 7644 §3.4.2.2 Table 4). */
export interface LogicalNode {
  op: 'and' | 'or';
  filters: FilterNode[];
}

/** `not (filter)`. */
export interface NotNode {
  op: 'not';
  filter: FilterNode;
}

/** `attrPath[valFilter]`: the inner filter holds for one and the same value of the attribute. */
export interface ValuePathNode {
  op: 'valuePath';
  attrPath: string;
  filter: FilterNode;
}

/** The filter AST the rest of the server uses (independent of the parsing library's shapes). */
export type FilterNode = ComparisonNode | PresentNode | LogicalNode | NotNode | ValuePathNode;

export function isComparison(node: FilterNode): node is ComparisonNode {
  return (COMPARISON_OPERATORS as readonly string[]).includes(node.op);
}

/** Nesting depth: a comparison or `pr` is 1; each and/or/not/value path adds one level. */
export function filterDepth(node: FilterNode): number {
  switch (node.op) {
    case 'and':
    case 'or':
      return 1 + Math.max(...node.filters.map(filterDepth));
    case 'not':
    case 'valuePath':
      return 1 + filterDepth(node.filter);
    default:
      return 1;
  }
}
