import { createHash } from 'node:crypto';
import { generateToken, hashToken, isWellFormedToken, linkExpiresAt, portalUrl, withoutPortalToken } from './portal-token';

describe('portal tokens', () => {
  describe(generateToken.name, () => {
    it('should make 32 random bytes in base64url when called', () => {
      const token = generateToken();
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    });

    it('should never repeat itself when called many times', () => {
      const tokens = new Set(Array.from({ length: 1000 }, () => generateToken()));
      expect(tokens.size).toBe(1000);
    });
  });

  describe(hashToken.name, () => {
    it('should give the lower-case hex SHA-256 of the token when hashed', () => {
      const token = generateToken();
      expect(hashToken(token)).toBe(createHash('sha256').update(token).digest('hex'));
      expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    });

    it('should differ for tokens that differ in one character', () => {
      expect(hashToken('a'.repeat(43))).not.toBe(hashToken(`${'a'.repeat(42)}b`));
    });
  });

  describe(isWellFormedToken.name, () => {
    it('should accept a generated token and refuse anything of another length or alphabet', () => {
      expect(isWellFormedToken(generateToken())).toBe(true);
      expect(isWellFormedToken('a'.repeat(42))).toBe(false);
      expect(isWellFormedToken('a'.repeat(44))).toBe(false);
      expect(isWellFormedToken(`${'a'.repeat(42)}=`)).toBe(false);
      expect(isWellFormedToken(`${'a'.repeat(42)}/`)).toBe(false);
      expect(isWellFormedToken('')).toBe(false);
    });
  });

  describe(linkExpiresAt.name, () => {
    it('should be 30 days after the briefing when computed', () => {
      expect(linkExpiresAt(new Date('2024-06-30T08:00:00+07:00')).toISOString()).toBe('2024-07-30T01:00:00.000Z');
    });
  });

  describe(portalUrl.name, () => {
    it('should join the base URL and the token with one slash whether or not the base ends with slashes', () => {
      expect(portalUrl('https://giaoban.konray.gov.vn', 'abc')).toBe('https://giaoban.konray.gov.vn/portal/abc');
      expect(portalUrl('https://giaoban.konray.gov.vn//', 'abc')).toBe('https://giaoban.konray.gov.vn/portal/abc');
      expect(portalUrl('https://tinh.gov.vn/giaoban/', 'abc')).toBe('https://tinh.gov.vn/giaoban/portal/abc');
    });
  });

  describe(withoutPortalToken.name, () => {
    it('should hide the token of a portal path and keep everything else', () => {
      const token = generateToken();
      expect(withoutPortalToken(`/portal/${token}`)).toBe('/portal/[token]');
      expect(withoutPortalToken(`/portal/${token}?sent=1`)).toBe('/portal/[token]?sent=1');
      expect(withoutPortalToken('/portal/assets/portal.css')).toBe('/portal/assets/portal.css');
      expect(withoutPortalToken('/api/v1/units?q=portal')).toBe('/api/v1/units?q=portal');
      expect(withoutPortalToken(undefined)).toBeUndefined();
    });
  });
});
