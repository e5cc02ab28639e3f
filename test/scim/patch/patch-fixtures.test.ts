import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ScimError } from '../../../src/platform/errors/scim-error';
import { applyPatch } from '../../../src/scim/patch/apply-patch';
import { parsePatchRequest } from '../../../src/scim/patch/parse-patch';
import type { MemberChanges, ScimResource } from '../../../src/scim/patch/types';
import { createSchemaRegistry } from '../../../src/scim/schemas/registry';
import type { ResourceTypeName } from '../../../src/scim/schemas/types';

/** One before/operations/after case, as in SCIMMY's PatchOp fixtures. */
interface PatchCase {
  name: string;
  resourceType?: ResourceTypeName;
  maxOperations?: number;
  /** Defaults to the fixture file's `before`. */
  before?: ScimResource;
  request: unknown;
  after?: ScimResource;
  changed?: boolean;
  memberChanges?: MemberChanges;
  error?: { status: number; scimType: string };
}

interface PatchFixture {
  description: string;
  resourceType: ResourceTypeName;
  before?: ScimResource;
  cases: PatchCase[];
}

const FIXTURES = path.join(__dirname, '../../fixtures/patch');
const registry = createSchemaRegistry();

const fixtures = readdirSync(FIXTURES)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => ({
    file,
    ...(JSON.parse(readFileSync(path.join(FIXTURES, file), 'utf8')) as PatchFixture),
  }));

function beforeOf(fixture: PatchFixture, patchCase: PatchCase): ScimResource {
  const before = patchCase.before ?? fixture.before;
  if (before === undefined) throw new Error(`${patchCase.name}: no "before" resource`);
  return before;
}

function run(fixture: PatchFixture, patchCase: PatchCase) {
  const operations = parsePatchRequest(patchCase.request, {
    maxOperations: patchCase.maxOperations ?? 20,
  });
  return applyPatch(beforeOf(fixture, patchCase), operations, {
    registry,
    resourceType: patchCase.resourceType ?? fixture.resourceType,
  });
}

describe.each(fixtures)('$file: $description', (fixture) => {
  const successes = fixture.cases.filter((c) => c.error === undefined);
  const failures = fixture.cases.filter((c) => c.error !== undefined);

  if (successes.length > 0) {
    it.each(successes.map((c) => [c.name, c] as const))('%s', (_name, patchCase) => {
      const before = structuredClone(beforeOf(fixture, patchCase));
      const result = run(fixture, patchCase);
      expect(result.resource).toEqual(patchCase.after);
      expect(result.changed).toBe(patchCase.changed);
      expect(result.memberChanges).toEqual(patchCase.memberChanges);
      expect(beforeOf(fixture, patchCase)).toEqual(before);
    });
  }

  if (failures.length > 0) {
    it.each(failures.map((c) => [c.name, c] as const))('%s', (_name, patchCase) => {
      let thrown: unknown;
      try {
        run(fixture, patchCase);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ScimError);
      expect({
        status: (thrown as ScimError).status,
        scimType: (thrown as ScimError).scimType,
      }).toEqual(patchCase.error);
    });
  }
});
