import { parseFilter } from '../../../src/scim/filter/parse-filter';
import { translateFilter, type MongoQuery } from '../../../src/scim/filter/translate-filter';
import { createSchemaRegistry } from '../../../src/scim/schemas/registry';

const registry = createSchemaRegistry();
const LIMITS = { maxLength: 4096, maxDepth: 32 };
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
function translate(text: string, resourceType: 'User' | 'Group' = 'User'): MongoQuery {
  return translateFilter(parseFilter(text, LIMITS), { registry, resourceType });
}

/** `emails[…]` as one element satisfying `condition`, its fields relative to the element. */
function sameElement(array: string, condition: (prefix: string) => MongoQuery): MongoQuery {
  return { [array]: { $elemMatch: condition('') } };
}

describe('translateFilter: the RFC 7644 §3.4.2.2 examples', () => {
  it('userName eq "bjensen" compares the lower-cased shadow', () => {
    expect(translate('userName eq "bjensen"')).toEqual({ userName_lc: { $eq: 'bjensen' } });
  });

  it('name.familyName co "O\'Malley" is an escaped, unanchored regex on the sub-attribute shadow', () => {
    expect(translate('name.familyName co "O\'Malley"')).toEqual({
      'name.familyName_lc': { $regex: "o'malley" },
    });
  });

  it('userName sw "J" is an anchored prefix regex, with or without the core URN', () => {
    expect(translate('userName sw "J"')).toEqual({ userName_lc: { $regex: '^j' } });
    expect(translate('urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"')).toEqual({
      userName_lc: { $regex: '^j' },
    });
  });

  it('title pr means present and not null', () => {
    expect(translate('title pr')).toEqual({ title: { $exists: true, $ne: null } });
  });

  it.each([
    ['gt', '$gt'],
    ['ge', '$gte'],
    ['lt', '$lt'],
    ['le', '$lte'],
  ])('meta.lastModified %s "2011-05-13T04:42:34Z" compares Dates', (op, mongoOp) => {
    expect(translate(`meta.lastModified ${op} "2011-05-13T04:42:34Z"`)).toEqual({
      'meta.lastModified': { [mongoOp]: new Date('2011-05-13T04:42:34Z') },
    });
  });

  it('title pr and userType eq "Employee" is an $and', () => {
    expect(translate('title pr and userType eq "Employee"')).toEqual({
      $and: [{ title: { $exists: true, $ne: null } }, { userType_lc: { $eq: 'employee' } }],
    });
  });

  it('title pr or userType eq "Intern" is an $or', () => {
    expect(translate('title pr or userType eq "Intern"')).toEqual({
      $or: [{ title: { $exists: true, $ne: null } }, { userType_lc: { $eq: 'intern' } }],
    });
  });

  it('schemas eq "<enterprise URN>" matches users that have enterprise attributes', () => {
    expect(translate(`schemas eq "${ENTERPRISE}"`)).toEqual({ enterprise: { $exists: true } });
    expect(translate('schemas eq "urn:ietf:params:scim:schemas:core:2.0:User"')).toEqual({
      _id: { $exists: true },
    });
    expect(translate('schemas eq "urn:example:unknown"')).toEqual({ _id: { $in: [] } });
    expect(translate(`schemas ne "${ENTERPRISE}"`)).toEqual({
      $nor: [{ enterprise: { $exists: true } }],
    });
  });

  it('emails co "example.com" compares the value sub-attribute of the complex attribute', () => {
    expect(
      translate(
        'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
      ),
    ).toEqual({
      $and: [
        { userType_lc: { $eq: 'employee' } },
        {
          $or: [
            { 'emails.value_lc': { $regex: 'example\\.com' } },
            { 'emails.value_lc': { $regex: 'example\\.org' } },
          ],
        },
      ],
    });
  });

  it('ne is $ne and not (…) is $nor', () => {
    expect(
      translate(
        'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
      ),
    ).toEqual({
      $and: [
        { userType_lc: { $ne: 'employee' } },
        {
          $nor: [
            {
              $or: [
                { 'emails.value_lc': { $regex: 'example\\.com' } },
                { 'emails.value_lc': { $regex: 'example\\.org' } },
              ],
            },
          ],
        },
      ],
    });
  });

  it('emails.type eq "work" matches any element through the dotted path', () => {
    expect(translate('userType eq "Employee" and (emails.type eq "work")')).toEqual({
      $and: [{ userType_lc: { $eq: 'employee' } }, { 'emails.type_lc': { $eq: 'work' } }],
    });
  });

  it('emails[type eq "work" and value co "@example.com"] requires both of one element', () => {
    expect(
      translate('userType eq "Employee" and emails[type eq "work" and value co "@example.com"]'),
    ).toEqual({
      $and: [
        { userType_lc: { $eq: 'employee' } },
        sameElement('emails', (p) => ({
          $and: [
            { [`${p}type_lc`]: { $eq: 'work' } },
            { [`${p}value_lc`]: { $regex: '@example\\.com' } },
          ],
        })),
      ],
    });
  });

  it('two value paths joined by or stay independent', () => {
    expect(
      translate(
        'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
      ),
    ).toEqual({
      $or: [
        sameElement('emails', (p) => ({
          $and: [
            { [`${p}type_lc`]: { $eq: 'work' } },
            { [`${p}value_lc`]: { $regex: '@example\\.com' } },
          ],
        })),
        sameElement('ims', (p) => ({
          $and: [
            { [`${p}type_lc`]: { $eq: 'xmpp' } },
            { [`${p}value_lc`]: { $regex: '@foo\\.com' } },
          ],
        })),
      ],
    });
  });
});

describe('translateFilter: what identity providers send', () => {
  it('Entra and Okta: userName eq "x" on the case-insensitive shadow', () => {
    expect(translate('userName eq "Test_User_Dfeef4c5-5681@contoso.com"')).toEqual({
      userName_lc: { $eq: 'test_user_dfeef4c5-5681@contoso.com' },
    });
  });

  it('Entra: externalId eq "x" is case-exact on the field itself', () => {
    expect(translate('externalId eq "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"')).toEqual({
      externalId: { $eq: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef' },
    });
  });

  it('Entra: displayName eq "x" on Groups uses the shadow', () => {
    expect(translate('displayName eq "Group1DisplayName"', 'Group')).toEqual({
      displayName_lc: { $eq: 'group1displayname' },
    });
  });

  it('Entra: id eq "…" and members eq "…" queries _id and leaves a member placeholder', () => {
    expect(translate('id eq "9067729b3d-ab19" and members eq "7f1a3e9e-b4a1"', 'Group')).toEqual({
      $and: [{ _id: { $eq: '9067729b3d-ab19' } }, { __memberOf: '7f1a3e9e-b4a1' }],
    });
  });

  it('members.value eq and members[value eq] give the same placeholder', () => {
    expect(translate('members.value eq "u1"', 'Group')).toEqual({ __memberOf: 'u1' });
    expect(translate('members[value eq "u1"]', 'Group')).toEqual({ __memberOf: 'u1' });
    expect(translate('not (members eq "u1")', 'Group')).toEqual({ $nor: [{ __memberOf: 'u1' }] });
  });

  it('enterprise extension attributes resolve under their storage alias', () => {
    expect(translate(`${ENTERPRISE}:employeeNumber eq "701984"`)).toEqual({
      'enterprise.employeeNumber_lc': { $eq: '701984' },
    });
    expect(translate(`${ENTERPRISE}:manager.value eq "26118915-6090"`)).toEqual({
      'enterprise.manager.value': { $eq: '26118915-6090' },
    });
    expect(translate('department eq "Tour Operations"')).toEqual({
      'enterprise.department_lc': { $eq: 'tour operations' },
    });
  });
});
