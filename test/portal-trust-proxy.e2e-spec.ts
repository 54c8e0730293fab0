import { PORTAL_RATE_LIMITS } from '../src/portal/portal-rate-limit';
import { startTestApp, TestApp } from './support/test-app';

const Q2 = { year: 2024, quarter: 2, reportDueAt: '2024-06-25T17:00:00+07:00', briefingAt: '2024-07-03T08:00:00+07:00' };

// With TRUST_PROXY=false nothing a client writes in X-Forwarded-For moves it to another
// per-address counter: the address is the socket's.
describe('Portal rate limits without a trusted proxy (TRUST_PROXY=false)', () => {
  let t: TestApp;
  let link: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { TRUST_PROXY: 'false', CLOCK_START: '2024-06-20T08:30:00+07:00' } });
    expect((await t.request('PATCH', '/api/v1/settings', { body: { portalBaseUrl: t.baseUrl } })).status).toBe(200);
    const unit = await t.request('POST', '/api/v1/units', { body: { code: 'X-DAKKOI', name: 'Xã Đăk Kôi', kind: 'commune', emails: ['x-dakkoi@konray.gov.vn'] } });
    const period = await t.request('POST', '/api/v1/periods', { body: Q2 });
    const issued = await t.request('POST', `/api/v1/periods/${period.body.id}/units/${unit.body.id}/portal-link`);
    expect(issued.status).toBe(201);
    link = issued.body.url;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('should count every request from one socket address against one limit, whatever X-Forwarded-For says', async () => {
    expect((await fetch(link, { headers: { 'x-forwarded-for': '203.0.113.1' } })).status).toBe(200);
    for (let index = 1; index < PORTAL_RATE_LIMITS.perAddress.requests; index++) {
      const response = await fetch(`${t.baseUrl}/portal/${'B'.repeat(42)}${index % 10}`, { headers: { 'x-forwarded-for': `203.0.113.${(index % 250) + 1}` } });
      expect(response.status).toBe(404);
      await response.arrayBuffer();
    }
    const limited = await fetch(link, { headers: { 'x-forwarded-for': '198.51.100.7' } });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
