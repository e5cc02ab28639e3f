import type { FilterNode } from './filter-node';

/**
 * Prints a FilterNode as RFC 7644 §3.4.2.2 filter text such that parsing it gives the same
 * AST back: nested and/or are parenthesized, `not` always takes parentheses, values are JSON.
 */
export function printFilter(node: FilterNode): string {
  switch (node.op) {
    case 'and':
    case 'or':
      return node.filters.map(printOperand).join(` ${node.op} `);
    case 'not':
      return `not (${printFilter(node.filter)})`;
    case 'valuePath':
      return `${node.attrPath}[${printFilter(node.filter)}]`;
    case 'pr':
      return `${node.attrPath} pr`;
    default:
      return `${node.attrPath} ${node.op} ${JSON.stringify(node.value)}`;
  }
}

function printOperand(node: FilterNode): string {
  return node.op === 'and' || node.op === 'or' ? `(${printFilter(node)})` : printFilter(node);
}
