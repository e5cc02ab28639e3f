import { ScimError } from '../../../src/platform/errors/scim-error';
import { applyPatch } from '../../../src/scim/patch/apply-patch';
import type { PatchOperation, ScimResource } from '../../../src/scim/patch/types';
import { createSchemaRegistry } from '../../../src/scim/schemas/registry';
import type { AttributeDefinition, SchemaRegistry } from '../../../src/scim/schemas/types';

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const registry = createSchemaRegistry();
const userCtx = { registry, resourceType: 'User' as const };

function barbara(): ScimResource {
  return {
    schemas: [USER_SCHEMA],
    id: '2819c223-7f76-453a-919d-413861904646',
    userName: 'bjensen@example.com',
    active: true,
    name: { givenName: 'Barbara', familyName: 'Jensen' },
    emails: [{ type: 'work', value: 'bjensen@example.com', primary: true }],
  };
}

function scimErrorOf(run: () => unknown): ScimError {
  try {
    run();
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error('expected a ScimError');
}

/** The real registry with User attributes added or redefined, as a tenant's schema might be. */
function registryWithUserAttributes(
  change: (attributes: readonly AttributeDefinition[]) => AttributeDefinition[],
): SchemaRegistry {
  const core = registry.schema(USER_SCHEMA);
  if (!core) throw new Error('User schema missing');
  const attributes = change(core.attributes);
  const schema = { ...core, attributes };
  return {
    resourceType: (name) => registry.resourceType(name),
    resourceTypes: () => registry.resourceTypes(),
    schemas: () => registry.schemas(),
    schema: (id) => (id.toLowerCase() === USER_SCHEMA.toLowerCase() ? schema : registry.schema(id)),
    resolve: (resourceType, path) => {
      const attribute = attributes.find((a) => a.name.toLowerCase() === path.toLowerCase());
      if (resourceType !== 'User' || !attribute) return registry.resolve(resourceType, path);
      return {
        schemaId: USER_SCHEMA,
        extension: false,
        attribute,
        canonicalPath: attribute.name,
        storedField: attribute.name,
      };
    },
  };
}

describe('applyPatch', () => {
  it('applies nothing when a later operation is invalid: the error surfaces and the resource is untouched', () => {
    const resource = barbara();
    const snapshot = structuredClone(resource);
    const operations: PatchOperation[] = [
      { op: 'replace', path: 'active', value: false },
      { op: 'add', path: 'emails', value: [{ type: 'home', value: 'babs@jensen.org' }] },
      { op: 'replace', path: 'id', value: 'stolen' },
    ];
    const error = scimErrorOf(() => applyPatch(resource, operations, userCtx));
    expect(error.scimType).toBe('mutability');
    expect(resource).toEqual(snapshot);
  });

  it('returns a copy that shares no objects with the input resource or the request values', () => {
    const resource = barbara();
    const value = [{ type: 'home', value: 'babs@jensen.org' }];
    const { resource: patched } = applyPatch(
      resource,
      [{ op: 'add', path: 'emails', value }],
      userCtx,
    );
    (patched.name as Record<string, unknown>).givenName = 'Changed';
    value[0].value = 'changed@example.com';
    expect(resource.name).toEqual({ givenName: 'Barbara', familyName: 'Jensen' });
    expect(patched.emails).toEqual([
      { type: 'work', value: 'bjensen@example.com', primary: true },
      { type: 'home', value: 'babs@jensen.org' },
    ]);
  });

  it('compares Date values by instant, so a no-op on a stored resource reports no change', () => {
    const stored = { ...barbara(), meta: { created: new Date('2024-01-01T00:00:00Z') } };
    const noOp = applyPatch(stored, [{ op: 'replace', path: 'active', value: 'True' }], userCtx);
    expect(noOp.changed).toBe(false);
    expect(noOp.resource.meta).toEqual({ created: new Date('2024-01-01T00:00:00Z') });
    expect(
      applyPatch(stored, [{ op: 'replace', path: 'active', value: false }], userCtx).changed,
    ).toBe(true);
  });

  it('reports no memberChanges for a User and for a Group request that leaves members alone', () => {
    expect(
      applyPatch(barbara(), [{ op: 'replace', path: 'title', value: 'x' }], userCtx),
    ).not.toHaveProperty('memberChanges');
    const group = {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      id: 'g1',
      displayName: 'Tour Guides',
    };
    const result = applyPatch(group, [{ op: 'replace', path: 'displayName', value: 'Guides' }], {
      registry,
      resourceType: 'Group',
    });
    expect(result).toEqual({ resource: { ...group, displayName: 'Guides' }, changed: true });
  });

  it("leaves a Group's members JSON untouched and reports the member operations instead", () => {
    const group = { id: 'g1', displayName: 'Tour Guides', members: [{ value: 'u-1' }] };
    const result = applyPatch(
      group,
      [{ op: 'add', path: 'members', value: [{ value: 'u-2', type: 'User' }] }],
      {
        registry,
        resourceType: 'Group',
      },
    );
    expect(result.resource).toEqual(group);
    expect(result.memberChanges).toEqual({ add: [{ value: 'u-2', type: 'User' }], remove: [] });
  });

  it('patches an attribute the registry defines beyond the RFC schema, with its characteristics', () => {
    const badge: AttributeDefinition = {
      name: 'badgeNumber',
      type: 'integer',
      multiValued: false,
      required: false,
      caseExact: false,
      mutability: 'readWrite',
      returned: 'default',
      uniqueness: 'none',
    };
    const ctx = {
      registry: registryWithUserAttributes((a) => [...a, badge]),
      resourceType: 'User' as const,
    };
    const { resource } = applyPatch(
      barbara(),
      [{ op: 'add', path: 'BADGENUMBER', value: 42 }],
      ctx,
    );
    expect(resource.badgeNumber).toBe(42);
    expect(
      scimErrorOf(() =>
        applyPatch(barbara(), [{ op: 'add', path: 'badgeNumber', value: '42' }], ctx),
      ).scimType,
    ).toBe('invalidValue');
  });

  it('lets an immutable attribute be set once and refuses to change it afterwards (RFC 7643 §7)', () => {
    const ctx = {
      registry: registryWithUserAttributes((attributes) =>
        attributes.map((a) =>
          a.name === 'nickName' ? { ...a, mutability: 'immutable' as const } : a,
        ),
      ),
      resourceType: 'User' as const,
    };
    const { resource } = applyPatch(
      barbara(),
      [{ op: 'add', path: 'nickName', value: 'Babs' }],
      ctx,
    );
    expect(resource.nickName).toBe('Babs');
    expect(
      applyPatch(resource, [{ op: 'replace', path: 'nickName', value: 'Babs' }], ctx).changed,
    ).toBe(false);
    const error = scimErrorOf(() =>
      applyPatch(resource, [{ op: 'replace', path: 'nickName', value: 'B' }], ctx),
    );
    expect({ status: error.status, scimType: error.scimType }).toEqual({
      status: 400,
      scimType: 'mutability',
    });
  });
});
