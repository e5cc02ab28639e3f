import { resolveMemberPlaceholders } from '../../../src/scim/filter/translate-filter';

describe('resolveMemberPlaceholders', () => {
  it('replaces each placeholder with the ids of the groups having that member, wherever it is', async () => {
    const lookup = jest.fn(async (member: string) => (member === 'u1' ? ['g1', 'g2'] : []));
    const query = {
      $and: [
        { _id: { $eq: 'g1' } },
        { $or: [{ __memberOf: 'u1' }, { $nor: [{ __memberOf: 'u2' }] }] },
      ],
    };
    await expect(resolveMemberPlaceholders(query, lookup)).resolves.toEqual({
      $and: [
        { _id: { $eq: 'g1' } },
        { $or: [{ _id: { $in: ['g1', 'g2'] } }, { $nor: [{ _id: { $in: [] } }] }] },
      ],
    });
  });

  it('looks each member up once and leaves the input unchanged', async () => {
    const lookup = jest.fn(async () => ['g9']);
    const query = { $or: [{ __memberOf: 'u1' }, { __memberOf: 'u1' }] };
    const resolved = await resolveMemberPlaceholders(query, lookup);
    expect(lookup).toHaveBeenCalledTimes(1);
    expect(resolved).toEqual({ $or: [{ _id: { $in: ['g9'] } }, { _id: { $in: ['g9'] } }] });
    expect(query).toEqual({ $or: [{ __memberOf: 'u1' }, { __memberOf: 'u1' }] });
  });

  it('keeps Dates and queries without placeholders as they are, without looking anything up', async () => {
    const lookup = jest.fn(async () => []);
    const date = new Date('2011-05-13T04:42:34Z');
    const resolved = await resolveMemberPlaceholders({ 'meta.created': { $gt: date } }, lookup);
    expect(resolved).toEqual({ 'meta.created': { $gt: date } });
    expect((resolved['meta.created'] as { $gt: unknown }).$gt).toBeInstanceOf(Date);
    expect(lookup).not.toHaveBeenCalled();
  });

  it('replaces a placeholder that is the whole query', async () => {
    await expect(
      resolveMemberPlaceholders({ __memberOf: 'u1' }, async () => ['g1']),
    ).resolves.toEqual({ _id: { $in: ['g1'] } });
  });
});
