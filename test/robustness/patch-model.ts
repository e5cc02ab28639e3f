import fc from 'fast-check';
import { normalizeResource } from '../../src/scim/schemas/normalize-resource';
import type { ScimSchemaRegistry } from '../../src/scim/schemas/registry';
import {
  ENTERPRISE,
  ERROR,
  PATCH_OP,
  type Json,
  type ScimClient,
} from '../scim/routes/scim-client';

/** Generators and the checked run of random PATCH requests against the real `/Users` route. */

const PATHS = [
  'title',
  'displayName',
  'nickName',
  'active',
  'name.givenName',
  'name',
  'emails',
  'emails[type eq "work"].value',
  'emails[type eq "home"]',
  'phoneNumbers',
  'userName',
  'id',
  'meta.created',
  `${ENTERPRISE}:employeeNumber`,
  `${ENTERPRISE}:manager`,
  'nosuch',
  'emails[value co "@"].primary',
];

const value = fc.oneof(
  fc.string({ maxLength: 10 }),
  fc.boolean(),
  fc.integer({ min: -5, max: 5 }),
  fc.constant(null),
  fc.record({ givenName: fc.string({ maxLength: 5 }), familyName: fc.string({ maxLength: 5 }) }),
  fc.array(
    fc.record({
      value: fc.oneof(fc.emailAddress(), fc.integer()),
      type: fc.constantFrom('work', 'home', 'other'),
      primary: fc.boolean(),
    }),
    { maxLength: 3 },
  ),
);

export const patchOperation = fc.record(
  {
    op: fc.constantFrom('add', 'replace', 'remove', 'Add', 'Replace', 'delete'),
    path: fc.constantFrom(...PATHS),
    value,
  },
  { requiredKeys: ['op'] },
);

/** A sequence of PATCH requests, each of one to three operations. */
export const patchSequence = fc.array(fc.array(patchOperation, { minLength: 1, maxLength: 3 }), {
  minLength: 1,
  maxLength: 5,
});

export interface PatchRun {
  registry: ScimSchemaRegistry;
  scim: ScimClient;
  id: string;
  otherUserId: string;
  sequence: Array<Array<Record<string, unknown>>>;
}

/** The attributes a client controls: what must change all together or not at all. */
function writable(resource: Json): Json {
  const { meta: _meta, ...rest } = resource;
  return rest;
}

/** Checks every request of the run; returns the statuses it saw. */
export async function runPatchSequence(run: PatchRun): Promise<number[]> {
  const statuses: number[] = [];
  for (const Operations of run.sequence) {
    const before = (await run.scim.get(`/Users/${run.id}`)).body as Json;
    const res = await run.scim.patch(`/Users/${run.id}`, { schemas: [PATCH_OP], Operations });
    const after = (await run.scim.get(`/Users/${run.id}`)).body as Json;
    statuses.push(res.status);
    expect({ Operations, status: res.status }).toEqual({
      Operations,
      status: res.status < 500 ? res.status : 'not a 5xx',
    });
    if (res.status === 200) {
      expect(res.body).toEqual(after);
      expect(() => normalizeResource(run.registry, 'User', after, 'replace')).not.toThrow();
    } else {
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ schemas: [ERROR] });
      expect(writable(after)).toEqual(writable(before));
      expect(after.meta).toEqual(before.meta);
    }
    const foreign = await run.scim.patch(`/Users/${run.otherUserId}`, {
      schemas: [PATCH_OP],
      Operations,
    });
    expect(foreign.status === 404 || foreign.status === 400).toBe(true);
  }
  return statuses;
}
