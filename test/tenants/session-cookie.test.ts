import { sessionCookieFor } from '../../src/tenants/sessions';
import { crossOriginReason } from '../../src/tenants/same-origin';

describe('the session cookie', () => {
  it('under an https PUBLIC_BASE_URL is Secure and named with the __Host- prefix (Path=/, no Domain)', () => {
    const cookie = sessionCookieFor('https://id.example.com/base');
    expect(cookie.name).toBe('__Host-sid');
    expect(cookie.options).toEqual({ httpOnly: true, sameSite: 'strict', secure: true, path: '/' });
    expect(cookie.options).not.toHaveProperty('domain');
  });

  it('under an http PUBLIC_BASE_URL (development) is a plain sid cookie, since browsers drop Secure ones there', () => {
    const cookie = sessionCookieFor('http://127.0.0.1:8080');
    expect(cookie).toEqual({
      name: 'sid',
      options: { httpOnly: true, sameSite: 'strict', secure: false, path: '/' },
    });
  });
});

describe('whether a request comes from our own origin', () => {
  const ours = 'https://id.example.com';
  it.each([
    [{ origin: ours }, undefined],
    [{ origin: ours, secFetchSite: 'same-origin' }, undefined],
    [{ referer: `${ours}/admin/users?x=1` }, undefined],
    [{ origin: 'HTTPS://ID.EXAMPLE.COM:443' }, undefined],
  ])('accepts %j', (request, expected) => {
    expect(crossOriginReason(request, ours)).toBe(expected);
  });

  it.each([
    [{ origin: 'null' }],
    [{ origin: 'https://evil.example' }],
    [{ origin: 'https://id.example.com.evil.example' }],
    [{ origin: 'not a url' }],
    [{}],
    [{ referer: 'https://evil.example/id.example.com' }],
    [{ origin: ours, secFetchSite: 'same-site' }],
    [{ origin: ours, secFetchSite: 'none' }],
    [{ origin: 'https://evil.example', referer: `${ours}/` }],
  ])('refuses %j, saying why', (request) => {
    expect(crossOriginReason(request, ours)).toEqual(expect.any(String));
  });
});
