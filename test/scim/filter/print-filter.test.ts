import {
  COMPARISON_OPERATORS,
  type ComparisonValue,
  type FilterNode,
} from '../../../src/scim/filter/filter-node';
import { parseFilter } from '../../../src/scim/filter/parse-filter';
import { printFilter } from '../../../src/scim/filter/print-filter';

const LIMITS = { maxLength: 100_000, maxDepth: 64 };

/** A small seeded PRNG (mulberry32), so a failing case is reproducible from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PATHS = [
  'userName',
  'name.familyName',
  'emails',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value',
  'x-1_y',
];
const SUB_PATHS = ['value', 'type', 'primary'];
const STRINGS = [
  '',
  'bjensen',
  'a"b',
  'back\\slash',
  'line\nbreak',
  '$where',
  '.*',
  ') or (',
  'Zoë',
  '\u0000',
  'tab\t',
  '\u2028',
];

function generate(next: () => number, depth: number, inValuePath: boolean): FilterNode {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const path = (): string => (inValuePath ? pick(SUB_PATHS) : pick(PATHS));
  const kind = depth <= 0 ? Math.floor(next() * 2) : Math.floor(next() * 6);
  switch (kind) {
    case 0: {
      const values: ComparisonValue[] = [
        pick(STRINGS),
        true,
        false,
        null,
        Math.floor(next() * 2000) - 1000,
        next() * 10 - 5,
        1e21,
      ];
      return { op: pick(COMPARISON_OPERATORS), attrPath: path(), value: pick(values) };
    }
    case 1:
      return { op: 'pr', attrPath: path() };
    case 2:
    case 3: {
      const count = 2 + Math.floor(next() * 3);
      const op = kind === 2 ? 'and' : 'or';
      // A direct child of the same operator is parenthesized when printed, so it stays nested.
      return {
        op,
        filters: Array.from({ length: count }, () => generate(next, depth - 1, inValuePath)),
      };
    }
    case 4:
      return { op: 'not', filter: generate(next, depth - 1, inValuePath) };
    default:
      return inValuePath
        ? generate(next, depth - 1, true)
        : {
            op: 'valuePath',
            attrPath: pick(['emails', 'addresses']),
            filter: generate(next, depth - 1, true),
          };
  }
}

describe('printFilter', () => {
  it('prints the RFC 7644 §3.4.2.2 examples as filter text that parses back to the same AST', () => {
    for (const text of [
      'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
      'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
      'meta.lastModified gt "2011-05-13T04:42:34Z"',
    ]) {
      const ast = parseFilter(text, LIMITS);
      expect(printFilter(ast)).toBe(text);
      expect(parseFilter(printFilter(ast), LIMITS)).toEqual(ast);
    }
  });

  it('parenthesizes nested logical filters so grouping survives', () => {
    const ast: FilterNode = {
      op: 'and',
      filters: [
        { op: 'pr', attrPath: 'a' },
        {
          op: 'and',
          filters: [
            { op: 'pr', attrPath: 'b' },
            { op: 'pr', attrPath: 'c' },
          ],
        },
      ],
    };
    expect(printFilter(ast)).toBe('a pr and (b pr and c pr)');
    expect(parseFilter(printFilter(ast), LIMITS)).toEqual(ast);
  });

  it('property: parse(print(ast)) equals ast for 1,000 generated ASTs', () => {
    for (let seed = 1; seed <= 1000; seed += 1) {
      const ast = generate(random(seed), 4, false);
      const text = printFilter(ast);
      let reparsed: FilterNode | undefined;
      try {
        reparsed = parseFilter(text, LIMITS);
      } catch (error) {
        throw new Error(`seed ${seed}: ${text}: ${(error as Error).message}`);
      }
      if (JSON.stringify(reparsed) !== JSON.stringify(ast)) {
        throw new Error(
          `seed ${seed}: ${text}\n${JSON.stringify(reparsed)}\n!=\n${JSON.stringify(ast)}`,
        );
      }
    }
  });
});
