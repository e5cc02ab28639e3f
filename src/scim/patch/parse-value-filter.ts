import { ScimError } from '../../platform/errors/scim-error';
import { isForbiddenKey } from './json';
import type { CompareOperator, CompareValue, ValueFilter } from './types';

/** Nesting of `not(...)` and parentheses allowed inside one value filter. */
const MAX_DEPTH = 8;

const COMPARE_OPERATORS: ReadonlySet<string> = new Set([
  'eq',
  'ne',
  'co',
  'sw',
  'ew',
  'gt',
  'ge',
  'lt',
  'le',
]);
const SUB_ATTRNAME = /^(?:\$ref|[A-Za-z][A-Za-z0-9_-]*)$/;

type Token =
  | { kind: 'open' | 'close' }
  | { kind: 'word'; text: string }
  | { kind: 'literal'; value: CompareValue };

/**
 * RFC 7644 §3.4.2.2 valFilter, as used inside a PATCH valuePath: comparisons of
 * sub-attributes joined by and/or/not. 400 invalidPath when it does not parse.
 */
export function parseValueFilter(text: string, path: string): ValueFilter {
  const fail = (reason: string): ScimError =>
    new ScimError(400, 'invalidPath', `Invalid value filter in path "${path}": ${reason}.`);
  const tokens = tokenize(text, fail);
  let position = 0;

  const peekWord = (): string | undefined => {
    const token = tokens[position];
    return token?.kind === 'word' ? token.text.toLowerCase() : undefined;
  };
  const expect = (kind: 'open' | 'close'): void => {
    if (tokens[position]?.kind !== kind) throw fail(`expected "${kind === 'open' ? '(' : ')'}"`);
    position += 1;
  };

  const parseOr = (depth: number): ValueFilter => {
    let left = parseAnd(depth);
    while (peekWord() === 'or') {
      position += 1;
      left = { kind: 'or', left, right: parseAnd(depth) };
    }
    return left;
  };
  const parseAnd = (depth: number): ValueFilter => {
    let left = parseUnary(depth);
    while (peekWord() === 'and') {
      position += 1;
      left = { kind: 'and', left, right: parseUnary(depth) };
    }
    return left;
  };
  const parseUnary = (depth: number): ValueFilter => {
    if (depth > MAX_DEPTH) throw fail('nested too deeply');
    if (peekWord() === 'not') {
      position += 1;
      expect('open');
      const filter = parseOr(depth + 1);
      expect('close');
      return { kind: 'not', filter };
    }
    if (tokens[position]?.kind === 'open') {
      position += 1;
      const filter = parseOr(depth + 1);
      expect('close');
      return filter;
    }
    return parseAttributeExpression();
  };
  const parseAttributeExpression = (): ValueFilter => {
    const attribute = tokens[position];
    if (
      attribute?.kind !== 'word' ||
      !SUB_ATTRNAME.test(attribute.text) ||
      isForbiddenKey(attribute.text)
    ) {
      throw fail('expected a sub-attribute name');
    }
    const operator = tokens[position + 1];
    const name = operator?.kind === 'word' ? operator.text.toLowerCase() : '';
    if (name === 'pr') {
      position += 2;
      return { kind: 'present', attribute: attribute.text };
    }
    if (!COMPARE_OPERATORS.has(name)) throw fail(`expected an operator after "${attribute.text}"`);
    const literal = tokens[position + 2];
    if (literal?.kind !== 'literal') throw fail(`expected a value after "${name}"`);
    position += 3;
    return {
      kind: 'compare',
      attribute: attribute.text,
      operator: name as CompareOperator,
      value: literal.value,
    };
  };

  const filter = parseOr(0);
  if (position !== tokens.length) throw fail('unexpected text after the filter');
  return filter;
}

function tokenize(text: string, fail: (reason: string) => ScimError): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t') {
      i += 1;
    } else if (c === '(' || c === ')') {
      tokens.push({ kind: c === '(' ? 'open' : 'close' });
      i += 1;
    } else if (c === '"') {
      const end = endOfString(text, i);
      if (end === -1) throw fail('unterminated string');
      tokens.push({ kind: 'literal', value: JSON.parse(text.slice(i, end + 1)) as string });
      i = end + 1;
    } else {
      const match = /^[^\s()"]+/.exec(text.slice(i));
      const word = match ? match[0] : c;
      tokens.push(toWordOrLiteral(word, fail));
      i += word.length;
    }
  }
  if (tokens.length === 0) throw fail('empty filter');
  return tokens;
}

/** Index of the quote that closes the JSON string starting at `start`, or -1. */
function endOfString(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i += 1) {
    if (text[i] === '\\') i += 1;
    else if (text[i] === '"') return validJsonString(text.slice(start, i + 1)) ? i : -1;
  }
  return -1;
}

function validJsonString(literal: string): boolean {
  try {
    JSON.parse(literal);
    return true;
  } catch {
    return false;
  }
}

function toWordOrLiteral(word: string, fail: (reason: string) => ScimError): Token {
  const lower = word.toLowerCase();
  if (lower === 'true' || lower === 'false') return { kind: 'literal', value: lower === 'true' };
  if (lower === 'null') return { kind: 'literal', value: null };
  if (/^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(word))
    return { kind: 'literal', value: Number(word) };
  if (/^[A-Za-z$][A-Za-z0-9_$-]*$/.test(word)) return { kind: 'word', text: word };
  throw fail(`unexpected "${word}"`);
}
