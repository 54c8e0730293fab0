import { csrfCookieOptions, csrfMatches, csrfSetCookie, generateCsrfToken, readCookie } from './portal-csrf';

describe('portal CSRF', () => {
  const token = generateCsrfToken();

  describe(readCookie.name, () => {
    it('should find the cookie among others and ignore malformed values', () => {
      expect(readCookie(`a=1; giaoban_portal_csrf=${token}; b=2`, 'giaoban_portal_csrf')).toBe(token);
      expect(readCookie(`giaoban_portal_csrf=${token}`, 'giaoban_portal_csrf')).toBe(token);
      expect(readCookie('giaoban_portal_csrf=short', 'giaoban_portal_csrf')).toBeNull();
      expect(readCookie(`x_giaoban_portal_csrf=${token}`, 'giaoban_portal_csrf')).toBeNull();
      expect(readCookie(undefined, 'giaoban_portal_csrf')).toBeNull();
      expect(readCookie('', 'giaoban_portal_csrf')).toBeNull();
    });
  });

  describe(csrfMatches.name, () => {
    it('should match only when the cookie and the field are the same well-formed value', () => {
      expect(csrfMatches(token, token)).toBe(true);
      expect(csrfMatches(token, generateCsrfToken())).toBe(false);
      expect(csrfMatches(null, token)).toBe(false);
      expect(csrfMatches(token, undefined)).toBe(false);
      expect(csrfMatches(token, `${token}x`)).toBe(false);
      expect(csrfMatches(token, '')).toBe(false);
    });
  });

  describe(csrfCookieOptions.name, () => {
    it("should scope the cookie to the portal under the base URL's path and make it Secure over https", () => {
      expect(csrfCookieOptions('https://giaoban.konray.gov.vn')).toEqual({ path: '/portal', secure: true });
      expect(csrfCookieOptions('https://tinh.gov.vn/giaoban/')).toEqual({ path: '/giaoban/portal', secure: true });
      expect(csrfCookieOptions('http://10.0.0.5:3000')).toEqual({ path: '/portal', secure: false });
      expect(csrfCookieOptions(null)).toEqual({ path: '/portal', secure: false });
    });
  });

  describe(csrfSetCookie.name, () => {
    it('should be HttpOnly and SameSite=Strict', () => {
      expect(csrfSetCookie(token, { path: '/portal', secure: true })).toBe(`giaoban_portal_csrf=${token}; Path=/portal; HttpOnly; SameSite=Strict; Secure`);
      expect(csrfSetCookie(token, { path: '/portal', secure: false })).toBe(`giaoban_portal_csrf=${token}; Path=/portal; HttpOnly; SameSite=Strict`);
    });
  });
});
