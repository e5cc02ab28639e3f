import { type MongoQuery } from '../../../src/scim/filter/translate-filter';
import { refusal, translate } from './translate-support';

describe('translateFilter: operators by attribute type', () => {
  it('co/sw/ew escape every regex metacharacter; ew anchors with \\z', () => {
    expect(translate('userName co ".*"')).toEqual({ userName_lc: { $regex: '\\.\\*' } });
    expect(translate(String.raw`userName sw "a+b?(c)[d]{e}|f^g$h\\i"`)).toEqual({
      userName_lc: { $regex: '^a\\+b\\?\\(c\\)\\[d\\]\\{e\\}\\|f\\^g\\$h\\\\i' },
    });
    expect(translate('userName ew "@Example.COM"')).toEqual({
      userName_lc: { $regex: '@example\\.com\\z' },
    });
    expect(translate(String.raw`userName co "\u0000"`)).toEqual({
      userName_lc: { $regex: '\\x00' },
    });
  });

  it('case-exact strings (externalId, id) keep the value and the field as they are', () => {
    expect(translate('externalId sw "AbC"')).toEqual({ externalId: { $regex: '^AbC' } });
    expect(translate('id eq "X-1"')).toEqual({ _id: { $eq: 'X-1' } });
    expect(translate('externalId gt "M"')).toEqual({ externalId: { $gt: 'M' } });
  });

  it('gt/ge/lt/le on case-insensitive strings compare the shadow lexicographically', () => {
    expect(translate('userName ge "M" and userName lt "N"')).toEqual({
      $and: [{ userName_lc: { $gte: 'm' } }, { userName_lc: { $lt: 'n' } }],
    });
  });

  it('booleans compare with eq and ne only', () => {
    expect(translate('active eq true')).toEqual({ active: { $eq: true } });
    expect(translate('active ne false')).toEqual({ active: { $ne: false } });
    expect(refusal('active gt true')).toMatch(/only eq and ne/);
    expect(refusal('active co "t"')).toMatch(/compared with true or false/);
  });

  it('dateTime values become Dates; a value without offset is UTC; offsets are honoured', () => {
    expect(translate('meta.created eq "2011-05-13T04:42:34.5"')).toEqual({
      'meta.created': { $eq: new Date('2011-05-13T04:42:34.500Z') },
    });
    expect(translate('meta.created lt "2011-05-13T06:42:34+02:00"')).toEqual({
      'meta.created': { $lt: new Date('2011-05-13T04:42:34Z') },
    });
  });

  it('a comparison through a multi-valued attribute matches any element; its ne means no element equals', () => {
    expect(translate('emails.type eq "work"')).toEqual({ 'emails.type_lc': { $eq: 'work' } });
    expect(translate('emails.type ne "work"')).toEqual({
      $nor: [{ 'emails.type_lc': { $eq: 'work' } }],
    });
    expect(translate('emails.primary eq true')).toEqual({ 'emails.primary': { $eq: true } });
  });

  it('pr on a multi-valued attribute means a non-empty array; on its sub-attribute, some element has one', () => {
    expect(translate('emails pr')).toEqual({ 'emails.0': { $exists: true } });
    expect(translate('emails.value pr')).toEqual({ 'emails.value': { $type: ['string'] } });
    expect(translate('emails.primary pr')).toEqual({ 'emails.primary': { $type: ['bool'] } });
    expect(translate('name pr')).toEqual({ name: { $exists: true, $ne: null } });
  });

  it('eq null means "not present" and ne null means "present"', () => {
    expect(translate('title eq null')).toEqual({ $nor: [{ title: { $exists: true, $ne: null } }] });
    expect(translate('title ne null')).toEqual({ title: { $exists: true, $ne: null } });
    expect(translate('emails eq null')).toEqual({ $nor: [{ 'emails.0': { $exists: true } }] });
    expect(translate('emails.value eq null')).toEqual({
      $nor: [{ 'emails.value': { $type: ['string'] } }],
    });
    expect(refusal('title gt null')).toMatch(/cannot compare with null/);
  });
});

describe('translateFilter: value paths', () => {
  it('a single positive condition needs no same-element machinery', () => {
    expect(translate('emails[type eq "work"]')).toEqual({ 'emails.type_lc': { $eq: 'work' } });
    expect(translate('emails[value pr]')).toEqual({ 'emails.value': { $type: ['string'] } });
  });

  it('or inside brackets distributes: emails[A or B] is emails[A] or emails[B]', () => {
    expect(translate('emails[type eq "work" or type eq "home"]')).toEqual({
      $or: [{ 'emails.type_lc': { $eq: 'work' } }, { 'emails.type_lc': { $eq: 'home' } }],
    });
  });

  it('not and ne inside brackets are evaluated per element', () => {
    const perElement = (condition: (p: string) => MongoQuery): MongoQuery => ({
      emails: { $elemMatch: condition('') },
    });
    expect(translate('emails[not (type eq "work")]')).toEqual(
      perElement((p) => ({ $nor: [{ [`${p}type_lc`]: { $eq: 'work' } }] })),
    );
    expect(translate('emails[type ne "work"]')).toEqual(
      perElement((p) => ({ [`${p}type_lc`]: { $ne: 'work' } })),
    );
  });

  it('several conditions on one element become $elemMatch, fields relative to the element', () => {
    expect(translate('emails[type eq "work" and not (value ew ".org")]')).toEqual({
      emails: {
        $elemMatch: {
          $and: [{ type_lc: { $eq: 'work' } }, { $nor: [{ value_lc: { $regex: '\\.org\\z' } }] }],
        },
      },
    });
  });

  it('a value path on a single-valued complex attribute uses plain dotted fields', () => {
    expect(translate('name[givenName eq "Barbara" and familyName eq "Jensen"]')).toEqual({
      $and: [
        { 'name.givenName_lc': { $eq: 'barbara' } },
        { 'name.familyName_lc': { $eq: 'jensen' } },
      ],
    });
  });

  it('names inside brackets are sub-attributes of the bracketed attribute', () => {
    expect(refusal('emails[userName eq "x"]')).toMatch(
      /"emails\.userName" is not an attribute of User/,
    );
    expect(refusal('emails[name.givenName eq "x"]')).toMatch(/name a sub-attribute of emails/);
    expect(refusal('userName[value eq "x"]')).toMatch(/needs a complex attribute/);
    expect(refusal('emails.value[type eq "x"]')).toMatch(/needs a complex attribute/);
  });
});
