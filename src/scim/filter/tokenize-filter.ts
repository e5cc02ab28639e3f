import type { Token } from 'scim2-parse-filter/lib/src/parser';
import { invalidFilter, quoted } from './filter-error';

/**
 * RFC 7644 §3.4.2.2 lexemes, in order: whitespace, a JSON string (RFC 7159 §7), a JSON number
 * (§6) not run into a name, a bracket, a name (attribute path, operator, `true`/`false`/`null`).
 * Names may contain `$` after the first character so `members.$ref` is refused by name later.
 */
const LEXEME_SOURCE =
  /(\s+)|("(?:[^"\\]|\\.)*")|(-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?)(?![\w.:$-])|([()[\]])|([A-Za-z][\w.:$-]*)/
    .source;

/** ABNF literals are case-insensitive (RFC 5234 §2.3), JSON's are not. */
const LITERALS = new Set(['true', 'false', 'null']);

/**
 * Splits filter text into the token list scim2-parse-filter's parser reads. We lex ourselves
 * because the library's tokenizer doubles every backslash not before a quote (so `"a\\b"`
 * became `a\\b`, `"\u0041"` stayed `\u0041` and `"a\\"` failed) and rejects a negative number
 * followed by a space; here quoted strings and numbers are exactly JSON.
 */
export function tokenizeFilter(text: string): Token[] {
  const tokens: Token[] = [];
  const lexemes = new RegExp(LEXEME_SOURCE, 'y');
  let position = 0;
  while (position < text.length) {
    lexemes.lastIndex = position;
    const match = lexemes.exec(text);
    if (match === null) throw unexpected(text, position);
    const [lexeme, space, quotedString, number, bracket, name] = match;
    if (quotedString !== undefined) {
      assertJsonString(quotedString, position);
      tokens.push({ type: 'Quoted', literal: quotedString });
    } else if (number !== undefined) {
      tokens.push({ type: 'Number', literal: number });
    } else if (bracket !== undefined) {
      // `emails[type eq "work"].value` is PATCH path syntax (RFC 7644 §3.5.2), not a filter.
      if (bracket === ']' && text[position + 1] === '.') {
        throw invalidFilter(
          `Invalid filter: a sub-attribute after "]" (at position ${position}) is not allowed in a filter; write emails[type eq "work" and value eq "…"] instead`,
        );
      }
      tokens.push({ type: 'Bracket', literal: bracket });
    } else if (name !== undefined) {
      const lower = name.toLowerCase();
      tokens.push({ type: 'Word', literal: LITERALS.has(lower) ? lower : name });
    } else if (space === undefined) {
      throw unexpected(text, position);
    }
    position += lexeme.length;
  }
  tokens.push({ type: 'EOT', literal: '' });
  return tokens;
}

function assertJsonString(literal: string, position: number): void {
  try {
    JSON.parse(literal);
  } catch {
    throw invalidFilter(
      `Invalid filter: the string at position ${position} is not a valid JSON string (RFC 7159 §7): ${quoted(literal)}`,
    );
  }
}

function unexpected(text: string, position: number): Error {
  const rest = text.slice(position);
  const what = rest.startsWith('"') ? 'an unterminated string' : `unexpected ${quoted(rest, 20)}`;
  return invalidFilter(`Invalid filter: ${what} at position ${position}`);
}
