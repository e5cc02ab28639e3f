import fc from 'fast-check';
import { ScimError } from '../../src/platform/errors/scim-error';
import { COMPARISON_OPERATORS, type FilterNode } from '../../src/scim/filter/filter-node';
import { parseFilter } from '../../src/scim/filter/parse-filter';
import { printFilter } from '../../src/scim/filter/print-filter';
import { translateFilter, type MongoQuery } from '../../src/scim/filter/translate-filter';
import { createSchemaRegistry } from '../../src/scim/schemas/registry';
import { patchSequence, runPatchSequence } from './patch-model';
import { propertyRuns } from '../support/property-runs';
import { createTestApp, scimToken, type TestApp } from '../support/test-app';
import { createUser, scimClient, type ScimClient } from '../scim/routes/scim-client';

const LIMITS = { maxLength: 100_000, maxDepth: 64 };
const registry = createSchemaRegistry();

const attrName = fc.constantFrom(
  'userName',
  'name.familyName',
  'emails',
  'title',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value',
  'x-1_y',
);
const subAttr = fc.constantFrom('value', 'type', 'primary', 'display');
const compValue = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ maxLength: 8 }),
  fc.constantFrom('$where', '") or ("', '\\', '\u0000', '\u2028'),
  fc.boolean(),
  fc.constant(null),
  fc.integer({ min: -1e6, max: 1e6 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
);

function filterArbitrary(path: fc.Arbitrary<string>, inner: boolean): fc.Arbitrary<FilterNode> {
  return fc.letrec<{ node: FilterNode }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.record({ op: fc.constantFrom(...COMPARISON_OPERATORS), attrPath: path, value: compValue }),
      fc.record({ op: fc.constant('pr' as const), attrPath: path }),
      fc.record({
        op: fc.constantFrom('and' as const, 'or' as const),
        filters: fc.array(tie('node'), { minLength: 2, maxLength: 3 }),
      }),
      fc.record({ op: fc.constant('not' as const), filter: tie('node') }),
      ...(inner
        ? []
        : [
            fc.record({
              op: fc.constant('valuePath' as const),
              attrPath: fc.constantFrom('emails', 'addresses'),
              filter: filterArbitrary(subAttr, true),
            }),
          ]),
    ),
  })).node;
}

/** -0 prints as 0; the AST of the printed text is what the parser must give back. */
const normalized = (ast: FilterNode): unknown =>
  JSON.parse(JSON.stringify(ast, (_k, v: unknown) => (Object.is(v, -0) ? 0 : v)));

describe('filter properties (fast-check)', () => {
  it('printing any filter AST and parsing it again gives the same AST', () => {
    fc.assert(
      fc.property(filterArbitrary(attrName, false), (ast) => {
        expect(normalized(parseFilter(printFilter(ast), LIMITS))).toEqual(normalized(ast));
      }),
      propertyRuns(1000),
    );
  });

  const ALLOWED_OPERATORS = new Set([
    '$and',
    '$or',
    '$nor',
    '$not',
    '$eq',
    '$ne',
    '$gt',
    '$gte',
    '$lt',
    '$lte',
    '$in',
    '$nin',
    '$exists',
    '$regex',
    '$options',
    '$elemMatch',
    '$type',
    '$size',
  ]);
  const hostileName = fc.oneof(
    attrName,
    fc.constantFrom('$where', '$expr', '$function', 'tenantId', '_id', 'userName_lc', '__proto__'),
    fc.constantFrom('emails.$where', 'meta.$expr', 'name.constructor', 'x.$function'),
    fc.stringMatching(/^[a-zA-Z$_][\w$.:-]{0,20}$/),
  );

  function walk(query: unknown, onKey: (key: string) => void): void {
    if (Array.isArray(query)) query.forEach((q) => walk(q, onKey));
    else if (query !== null && typeof query === 'object' && !(query instanceof Date)) {
      for (const [key, value] of Object.entries(query as Record<string, unknown>)) {
        onKey(key);
        if (key !== '$regex') walk(value, onKey);
      }
    }
  }

  it('the translator emits only whitelisted operators and registry fields, whatever the input', () => {
    fc.assert(
      fc.property(
        filterArbitrary(hostileName, false),
        fc.constantFrom('User' as const, 'Group' as const),
        (ast, resourceType) => {
          let query: MongoQuery;
          try {
            query = translateFilter(ast, { registry, resourceType });
          } catch (error) {
            expect(error).toBeInstanceOf(ScimError);
            expect(error).toMatchObject({ status: 400, scimType: 'invalidFilter' });
            return;
          }
          walk(query, (key) => {
            if (key.startsWith('$')) expect(ALLOWED_OPERATORS).toContain(key);
            else {
              expect(key).toMatch(/^[a-zA-Z][\w]*(\.(\d+|[a-zA-Z_][\w]*))*$/);
              expect(key).not.toMatch(/(^|\.)(tenantId|__proto__|constructor|prototype)(\.|$)/);
            }
          });
        },
      ),
      propertyRuns(1500),
    );
  });
});

describe('PATCH properties over HTTP (fast-check)', () => {
  let t: TestApp;
  let scim: ScimClient;
  let other: ScimClient;
  let otherUserId: string;

  beforeAll(async () => {
    t = await createTestApp('properties');
    scim = scimClient(t, await scimToken(t));
    other = scimClient(t, await scimToken(t, 'other-tenant'));
    otherUserId = String((await createUser(other, 'prop.user')).id);
  });
  afterAll(async () => t.close());

  it('random PATCH sequences apply completely or not at all, stay valid and stay in the tenant', async () => {
    const otherBefore = (await other.get(`/Users/${otherUserId}`)).body as unknown;
    let run = 0;
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(patchSequence, async (sequence) => {
        run += 1;
        const id = String((await createUser(scim, `prop.user.${run}`)).id);
        const statuses = await runPatchSequence({ registry, scim, id, otherUserId, sequence });
        statuses.forEach((s) => seen.add(s));
      }),
      propertyRuns(40),
    );
    expect((await other.get(`/Users/${otherUserId}`)).body).toEqual(otherBefore);
    // The generator reaches both outcomes, so neither check above is vacuous.
    expect([...seen].sort()).toEqual([200, 400]);
  }, 60_000);
});
