import { COMMON_PASSWORDS } from '../../../src/welcome/password/common-passwords';
import { checkNewPassword, isCommonPassword } from '../../../src/welcome/password/password-policy';
import {
  issueSetPasswordGrant,
  verifySetPasswordGrant,
} from '../../../src/welcome/password/set-password-grant';

const check = (password: string, userName = 'ada.lovelace@example.test', confirmation = password) =>
  checkNewPassword({ password, confirmation, userName });

describe('the password policy', () => {
  it('accepts a long passphrase, in any script', () => {
    expect(check('Fjord-lantern-quietly-47')).toBeNull();
    expect(check('blåbærsyltetøy på vaffel')).toBeNull();
  });

  it('counts characters, not bytes: 12 is the minimum and 1024 the maximum', () => {
    expect(check('elevenchars')).toEqual({ code: 'tooShort', min: 12 });
    expect(check('ø'.repeat(11))).toEqual({ code: 'tooShort', min: 12 });
    expect(check('x7$Kq!pL2#vR'.padEnd(1025, 'z'))).toEqual({ code: 'tooLong', max: 1024 });
  });

  it('refuses the user name, its local part, and passwords containing either, case-insensitively', () => {
    expect(check('ADA.LOVELACE@example.test')).toEqual({ code: 'userName' });
    expect(check('ada.lovelace.1', 'Ada.Lovelace.1')).toEqual({ code: 'userName' });
    expect(check('Ada.Lovelace.1815', 'ada.lovelace@example.test')).toEqual({ code: 'userName' });
    expect(check('my-name-is-xavier', 'xavier')).toEqual({ code: 'userName' });
  });

  it('does not refuse a password just because it contains a very short user name', () => {
    expect(check('Fjord-lantern-quietly-47', 'jo@example.test')).toBeNull();
  });

  it('refuses common passwords, with digits and symbols around them, and in leetspeak', () => {
    for (const password of [
      'qwertyuiop123',
      'Password123456!',
      'P@ssw0rd2024!!',
      'sunshine1234567',
      'correct horse battery staple',
      '1q2w3e4r5t6y',
      'aaaaaaaaaaaa',
      'abcabcabcabc',
      'passwordpassword',
      'Superoffice2025',
    ]) {
      expect([password, check(password, 'someone')]).toEqual([password, { code: 'common' }]);
    }
  });

  it('ships about a thousand common passwords, all lower case', () => {
    expect(COMMON_PASSWORDS.size).toBeGreaterThanOrEqual(1000);
    expect([...COMMON_PASSWORDS].filter((entry) => entry !== entry.toLowerCase())).toEqual([]);
    expect(isCommonPassword('Fjord-lantern-quietly-47')).toBe(false);
  });

  it('refuses two different entries last, after the rules about the password itself', () => {
    expect(check('Fjord-lantern-quietly-47', 'someone', 'Fjord-lantern-quietly-48')).toEqual({
      code: 'mismatch',
    });
    expect(check('short', 'someone', 'other')).toEqual({ code: 'tooShort', min: 12 });
  });
});

describe('the set-password grant', () => {
  const secret = 'test-secret-0123456789-abcdefghijklmnop';
  const grant = { tenantId: 'default', userId: 'u1', purpose: 'welcome' as const, linkId: 'l1' };
  const now = new Date('2030-01-01T10:00:00Z');

  it('round-trips its claims', () => {
    expect(verifySetPasswordGrant(secret, issueSetPasswordGrant(secret, grant, now), now)).toEqual(
      grant,
    );
  });

  it('expires after 30 minutes', () => {
    const token = issueSetPasswordGrant(secret, grant, now);
    expect(
      verifySetPasswordGrant(secret, token, new Date(now.getTime() + 29 * 60_000)),
    ).not.toBeNull();
    expect(verifySetPasswordGrant(secret, token, new Date(now.getTime() + 31 * 60_000))).toBeNull();
  });

  it('is worthless under another secret, and a session token is not a grant', () => {
    const token = issueSetPasswordGrant(secret, grant, now);
    expect(verifySetPasswordGrant('another-secret-0123456789-abcdefghij', token, now)).toBeNull();
    expect(verifySetPasswordGrant(secret, 'a.b.c', now)).toBeNull();
    expect(verifySetPasswordGrant(secret, '', now)).toBeNull();
  });
});
