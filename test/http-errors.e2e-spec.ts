import { startTestApp, TestApp } from './support/test-app';

describe('HTTP error handling', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { BODY_LIMIT: '4096' } });
  });

  afterAll(async () => {
    await t.close();
  });

  it('should answer 413 and create nothing when the body is larger than the limit', async () => {
    const response = await t.request('POST', '/api/v1/units', { body: { code: 'BIG', name: 'x'.repeat(10_000), kind: 'agency', emails: ['a@b.vn'] } });
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
    expect((await t.request('GET', '/api/v1/units')).body.total).toBe(0);
  });

  it('should answer 400 naming the body when the JSON is malformed', async () => {
    const response = await t.request('POST', '/api/v1/units', { body: '{"code": "X",' });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ statusCode: 400, details: [{ field: 'body', message: 'is not valid JSON' }] });
  });

  it('should answer 404 in the API error shape when the route does not exist', async () => {
    const response = await t.request('GET', '/api/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  it('should send a request id back and keep the one the client sent', async () => {
    const given = await t.request('GET', '/api/v1/settings', { headers: { 'x-request-id': 'trace-123' } });
    expect(given.headers.get('x-request-id')).toBe('trace-123');
    const generated = await t.request('GET', '/api/v1/settings');
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('should answer JSON with charset utf-8 when the body has Vietnamese text', async () => {
    await t.request('PATCH', '/api/v1/settings', { body: { locality: 'Kon Rẫy' } });
    const response = await t.request('GET', '/api/v1/settings');
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.body.locality).toBe('Kon Rẫy');
  });
});
