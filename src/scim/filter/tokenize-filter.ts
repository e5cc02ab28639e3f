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
  // After a rewritten `].sub`: close the bracket after the operator (and its value, unless `pr`).
  let closeAfter: 'operator' | 'value' | undefined;
  const settle = (kind: 'operator' | 'value', isPresent = false) => {
    if (closeAfter === 'operator' && kind === 'operator' && !isPresent) {
      closeAfter = 'value';
    } else if (closeAfter === kind) {
      tokens.push({ type: 'Bracket', literal: ']' });
      closeAfter = undefined;
    }
  };
  while (position < text.length) {
    lexemes.lastIndex = position;
    const match = lexemes.exec(text);
    if (match === null) throw unexpected(text, position);
    const [lexeme, space, quotedString, number, bracket, name] = match;
    if (quotedString !== undefined) {
      assertJsonString(quotedString, position);
      tokens.push({ type: 'Quoted', literal: quotedString });
      settle('value');
    } else if (number !== undefined) {
      tokens.push({ type: 'Number', literal: number });
      settle('value');
    } else if (bracket !== undefined) {
      // Entra ID sends `emails[type eq "work"].value eq "x"` (PATCH path syntax, RFC 7644
      // §3.5.2) as a filter; it means `emails[type eq "work" and value eq "x"]`, so rewrite it.
      const sub = bracket === ']' ? /^\.([A-Za-z][\w$-]*)/.exec(text.slice(position + 1)) : null;
      if (sub) {
        const open = tokens.map((t) => t.literal).lastIndexOf('[');
        if (open < 0) throw unexpected(text, position);
        tokens.splice(open + 1, 0, { type: 'Bracket', literal: '(' });
        tokens.push(
          { type: 'Bracket', literal: ')' },
          { type: 'Word', literal: 'and' },
          { type: 'Word', literal: sub[1]! },
        );
        closeAfter = 'operator';
        position += 1 + sub[0].length;
        continue;
      }
      tokens.push({ type: 'Bracket', literal: bracket });
    } else if (name !== undefined) {
      const lower = name.toLowerCase();
      tokens.push({ type: 'Word', literal: LITERALS.has(lower) ? lower : name });
      if (closeAfter === 'value') settle('value');
      else if (closeAfter === 'operator') settle('operator', lower === 'pr');
    } else if (space === undefined) {
      throw unexpected(text, position);
    }
    position += lexeme.length;
  }
  if (closeAfter !== undefined)
    throw invalidFilter('Invalid filter: an incomplete comparison after "]."');
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
