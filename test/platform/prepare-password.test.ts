import { hashPassword, preparePassword, verifyPassword } from '../../src/platform/crypto/secrets';

describe('password preparation (RFC 7644 §5, RFC 7613 §4.2 OpaqueString)', () => {
  it('maps non-ASCII spaces to U+0020 and composes to NFC before hashing and comparing', async () => {
    expect(preparePassword('caf\u0065\u0301\u00a0bar')).toBe('caf\u00e9 bar');
    const stored = await hashPassword('caf\u00e9 bar');
    expect(await verifyPassword('cafe\u0301\u2002bar', stored)).toBe(true);
    expect(await verifyPassword('CAF\u00c9 bar', stored)).toBe(false);
    // Prepared when hashed as well: a decomposed password with an en space is set as NFC.
    const setDecomposed = await hashPassword('cafe\u0301\u2002bar');
    expect(await verifyPassword('caf\u00e9 bar', setDecomposed)).toBe(true);
  });
});
