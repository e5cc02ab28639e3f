import { ScimError } from '../../../src/platform/errors/scim-error';
import { parsePatchRequest, PATCH_OP_SCHEMA } from '../../../src/scim/patch/parse-patch';

const limits = { maxOperations: 3 };

function errorOf(body: unknown): { status: number; scimType?: string } {
  try {
    parsePatchRequest(body, limits);
  } catch (error) {
    if (error instanceof ScimError) return { status: error.status, scimType: error.scimType };
    throw error;
  }
  throw new Error('expected a ScimError');
}

describe('parsePatchRequest', () => {
  it('lower-cases Entra op names and keeps path and value as sent', () => {
    const operations = parsePatchRequest(
      {
        schemas: [PATCH_OP_SCHEMA],
        Operations: [
          { op: 'Add', path: 'nickName', value: 'Babs' },
          { op: 'REPLACE', path: ' active ', value: 'False' },
          { op: 'Remove', path: 'members', value: [{ value: 'u1091' }] },
        ],
      },
      limits,
    );
    expect(operations).toEqual([
      { op: 'add', path: 'nickName', value: 'Babs' },
      { op: 'replace', path: 'active', value: 'False' },
      { op: 'remove', path: 'members', value: [{ value: 'u1091' }] },
    ]);
  });

  it('accepts the Operations, op, path and value keys in any case, and the schema URN in any case', () => {
    const operations = parsePatchRequest(
      {
        Schemas: [PATCH_OP_SCHEMA.toUpperCase()],
        operations: [{ OP: 'replace', Path: 'title', VALUE: 'Tour Guide' }],
      },
      limits,
    );
    expect(operations).toEqual([{ op: 'replace', path: 'title', value: 'Tour Guide' }]);
  });

  it('treats a null or blank path on add and replace as a path-less operation', () => {
    const operations = parsePatchRequest(
      {
        schemas: [PATCH_OP_SCHEMA],
        Operations: [
          { op: 'replace', path: null, value: { active: false } },
          { op: 'add', path: '  ', value: { nickName: 'Babs' } },
        ],
      },
      limits,
    );
    expect(operations).toEqual([
      { op: 'replace', value: { active: false } },
      { op: 'add', value: { nickName: 'Babs' } },
    ]);
  });

  it('keeps an explicit null value, which a replace turns into a removal', () => {
    const [operation] = parsePatchRequest(
      { schemas: [PATCH_OP_SCHEMA], Operations: [{ op: 'replace', path: 'title', value: null }] },
      limits,
    );
    expect(operation).toEqual({ op: 'replace', path: 'title', value: null });
    expect(Object.prototype.hasOwnProperty.call(operation, 'value')).toBe(true);
  });

  it('accepts exactly maxOperations operations and refuses one more with 400 tooMany', () => {
    const op = { op: 'replace', path: 'title', value: 'x' };
    expect(
      parsePatchRequest({ schemas: [PATCH_OP_SCHEMA], Operations: [op, op, op] }, limits),
    ).toHaveLength(3);
    expect(errorOf({ schemas: [PATCH_OP_SCHEMA], Operations: [op, op, op, op] })).toEqual({
      status: 400,
      scimType: 'tooMany',
    });
  });

  it('refuses a malformed path before anything is applied', () => {
    expect(
      errorOf({
        schemas: [PATCH_OP_SCHEMA],
        Operations: [{ op: 'add', path: 'emails[type eq', value: 'x' }],
      }),
    ).toEqual({ status: 400, scimType: 'invalidPath' });
  });

  it('refuses a value nested deeper than any SCIM value can be', () => {
    let value: unknown = 'x';
    for (let depth = 0; depth < 40; depth += 1) value = [value];
    expect(
      errorOf({ schemas: [PATCH_OP_SCHEMA], Operations: [{ op: 'add', path: 'emails', value }] }),
    ).toEqual({
      status: 400,
      scimType: 'invalidValue',
    });
  });

  it('refuses a constructor key in a path-less value without touching Object.prototype', () => {
    const body: unknown = JSON.parse(
      `{"schemas":["${PATCH_OP_SCHEMA}"],"Operations":[{"op":"add","value":{"__proto__":{"isAdmin":true}}}]}`,
    );
    expect(errorOf(body)).toEqual({ status: 400, scimType: 'invalidValue' });
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });
});
