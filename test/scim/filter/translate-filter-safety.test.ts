import { refusal, translate } from './translate-support';

/** Every key of a query, at any depth. */
function keysOf(node: unknown, into: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((item) => keysOf(item, into));
  else if (node !== null && typeof node === 'object' && !(node instanceof Date)) {
    for (const [key, value] of Object.entries(node)) {
      into.push(key);
      keysOf(value, into);
    }
  }
  return into;
}

describe('translateFilter: injection attempts stay literal', () => {
  it('a quoted injection is one literal value', () => {
    expect(translate(String.raw`userName eq "a\" or \"\" eq \""`)).toEqual({
      userName_lc: { $eq: 'a" or "" eq "' },
    });
  });

  it('operator-looking values are values, never keys', () => {
    const query = translate(
      'userName eq "$where" or displayName eq "{\\"$gt\\": \\"\\"}" or title co "$regex"',
    );
    expect(keysOf(query).filter((k) => k.startsWith('$'))).toEqual(['$or', '$eq', '$eq', '$regex']);
    expect(query).toEqual({
      $or: [
        { userName_lc: { $eq: '$where' } },
        { displayName_lc: { $eq: '{"$gt": ""}' } },
        { title_lc: { $regex: '\\$regex' } },
      ],
    });
  });

  it('never emits $where, $expr or $function, and only fields the registry knows', () => {
    const query = translate(
      'userName pr and not (emails[type eq "a" and value sw "b"]) or meta.created gt "2020-01-01T00:00:00Z"',
    );
    const keys = keysOf(query);
    expect(keys.some((k) => ['$where', '$expr', '$function', '$accumulator'].includes(k))).toBe(
      false,
    );
    for (const key of keys.filter((k) => !k.startsWith('$'))) {
      expect(key).toMatch(
        /^(userName|emails(\.(type_lc|value_lc))?|type_lc|value_lc|meta\.created)$/,
      );
    }
  });

  it('refuses $-names and unknown names as attributes', () => {
    expect(refusal('emails.$where eq "1"')).toMatch(/"emails\.\$where" is not an attribute/);
    expect(refusal('tenantId eq "other-tenant"')).toMatch(/"tenantId" is not an attribute of User/);
    expect(refusal('userName_lc eq "x"')).toMatch(/is not an attribute/);
    expect(refusal('_id eq "x"')).toBeDefined();
  });
});

describe('translateFilter: refusals are 400 invalidFilter naming the problem', () => {
  it.each([
    ['an unknown attribute', 'nickname2 eq "x"', /"nickname2" is not an attribute of User/],
    ['an unknown sub-attribute', 'name.middle eq "x"', /"name\.middle" is not an attribute/],
    ['the password (returned never)', 'password eq "secret"', /never returned/],
    ['password presence', 'password pr', /never returned/],
    [
      'a User attribute on Groups',
      'userName eq "x"',
      /"userName" is not an attribute of Group/,
      'Group',
    ],
    ['a complex attribute without value sub-attribute', 'name eq "x"', /"name" is complex/],
    ['meta without a sub-attribute', 'meta gt "2011-05-13T04:42:34Z"', /"meta" is complex/],
    [
      'a string attribute compared with a boolean',
      'userName gt true',
      /must be compared with a string/,
    ],
    [
      'a boolean attribute compared with a string',
      'active eq "yes"',
      /must be compared with true or false/,
    ],
    [
      'a dateTime compared with a number',
      'meta.created gt 5',
      /must be compared with a quoted dateTime/,
    ],
    ['an invalid dateTime', 'meta.lastModified gt "yesterday"', /is not one/],
    ['an impossible calendar date', 'meta.lastModified gt "2011-02-30T00:00:00Z"', /is not one/],
    ['co on a dateTime', 'meta.created co "2011"', /only applies to strings/],
    ['sw on a boolean', 'emails.primary sw "t"', /compared with true or false/],
    ['gt on a boolean sub-attribute', 'emails.primary gt false', /only eq and ne/],
    ['User groups (kept with memberships)', 'groups.value eq "g1"', /search Groups by members/],
    [
      'a $ref sub-attribute',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.$ref pr',
      /computed/,
    ],
    ['meta.version', 'meta.version eq "3"', /ETag/],
    ['schemas with co', 'schemas co "enterprise"', /"schemas" can only be compared/],
    ['schemas with a non-URN', 'schemas eq "User"', /not a schema URN/],
    ['members with ne', 'members ne "u1"', /members eq/, 'Group'],
    ['members with pr', 'members pr', /members eq/, 'Group'],
    ['members.display', 'members.display eq "Babs"', /members eq/, 'Group'],
    ['members with a non-string', 'members eq 5', /members eq/, 'Group'],
    [
      'members[…] with more than value eq',
      'members[value eq "u1" and type eq "User"]',
      /members eq/,
      'Group',
    ],
  ])('refuses %s', (_name, text, message, resourceType = 'User') => {
    expect(refusal(text, resourceType as 'User' | 'Group')).toMatch(message);
  });
});
