import { ConfigError, loadConfig } from './config';

describe(loadConfig.name, () => {
  describe('TRUST_PROXY', () => {
    it('should trust proxies on loopback and private networks when unset', () => {
      expect(loadConfig({}).trustProxy).toBe('loopback, linklocal, uniquelocal');
    });

    it('should read true and false as booleans', () => {
      expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
      expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    });

    it('should accept IP addresses, CIDR ranges and the range names, comma-separated', () => {
      expect(loadConfig({ TRUST_PROXY: '10.0.0.5,  192.168.0.0/16 ,fd00::/8, loopback' }).trustProxy).toBe('10.0.0.5, 192.168.0.0/16, fd00::/8, loopback');
    });

    it.each([['proxy.local'], ['10.0.0.0/33'], ['::1/129'], ['10.0.0.1/8/1'], ['yes'], ['10.0.0.1,']])('should refuse "%s" naming the variable', (value) => {
      expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(ConfigError);
      expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/^TRUST_PROXY must be true, false or a comma-separated list/);
    });
  });

  describe('PORTAL_LINK_SECRET', () => {
    it('should be unset by default, the key then living in DATA_DIR', () => {
      expect(loadConfig({}).portalLinkSecret).toBeUndefined();
    });

    it('should refuse a secret shorter than 32 characters, naming the variable', () => {
      expect(() => loadConfig({ PORTAL_LINK_SECRET: 'x'.repeat(31) })).toThrow('PORTAL_LINK_SECRET must be at least 32 characters long');
      expect(loadConfig({ PORTAL_LINK_SECRET: 'x'.repeat(32) }).portalLinkSecret).toBe('x'.repeat(32));
    });
  });
});
