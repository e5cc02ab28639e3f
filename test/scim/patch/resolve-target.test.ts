import { ScimError } from '../../../src/platform/errors/scim-error';
import { resolveTarget } from '../../../src/scim/patch/resolve-target';
import { createSchemaRegistry } from '../../../src/scim/schemas/registry';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const userCtx = { registry: createSchemaRegistry(), resourceType: 'User' as const };

function errorOf(path: string): ScimError {
  try {
    resolveTarget(path, userCtx);
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error(`expected ${path} to be refused`);
}

describe('a path that qualifies an attribute with a dot instead of ":" (Microsoft\'s sample)', () => {
  it('is refused with 400 invalidPath naming the path as received and how the URN must end', () => {
    const error = errorOf(`${ENTERPRISE}.manager`);
    expect(error).toMatchObject({ status: 400, scimType: 'invalidPath' });
    expect(error.message).toContain(`"${ENTERPRISE}.manager"`);
    expect(error.message).toContain(`must end with ":"`);
    expect(error.message).toContain(`"${ENTERPRISE}:manager"`);
    expect(error.message).not.toMatch(/schema "urn:[^"]*enterprise:2\.0" is not/);
  });

  it('also when the URN is written in another case, or with a sub-attribute', () => {
    const lower = `${ENTERPRISE.toLowerCase()}.manager.value`;
    const error = errorOf(lower);
    expect(error.message).toContain(`"${lower}"`);
    expect(error.message).toContain(`"${ENTERPRISE}:manager.value"`);
  });

  it('the colon form resolves to the enterprise manager', () => {
    const target = resolveTarget(`${ENTERPRISE}:manager`, userCtx);
    expect(target).toMatchObject({ kind: 'attribute', extensionSchema: ENTERPRISE });
  });
});
