import { Client } from 'pg';
import { startTestApp, TestApp } from './support/test-app';

describe('API keys and access control', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  async function createKey(role: string, name = `${role} key`): Promise<{ id: string; key: string }> {
    const response = await t.request('POST', '/api/v1/api-keys', { body: { name, role } });
    expect(response.status).toBe(201);
    return response.body;
  }

  describe('authentication', () => {
    it('should answer 401 when no key is sent', async () => {
      const response = await t.request('GET', '/api/v1/units', { key: null });
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    });

    it('should answer 401 when the key is unknown', async () => {
      const response = await t.request('GET', '/api/v1/units', { key: 'gb_not-a-real-key' });
      expect(response.status).toBe(401);
    });

    it('should answer 401 when the header is not a bearer token', async () => {
      const response = await t.request('GET', '/api/v1/units', { key: null, headers: { authorization: `Basic ${t.adminKey}` } });
      expect(response.status).toBe(401);
    });

    it('should let the health check through when no key is sent', async () => {
      const response = await t.request('GET', '/health', { key: null });
      expect(response.status).toBe(200);
    });
  });

  describe('POST /api-keys', () => {
    it('should show the key once and store only its hash when a key is created', async () => {
      const created = await createKey('secretariat', 'Văn phòng BCĐ');
      expect(created).toMatchObject({ name: 'Văn phòng BCĐ', role: 'secretariat', key: expect.stringMatching(/^gb_/) });
      const listed = await t.request('GET', '/api/v1/api-keys');
      const entry = listed.body.find((key: { id: string }) => key.id === created.id);
      expect(entry).toBeDefined();
      expect(entry.key).toBeUndefined();
      const client = new Client({ connectionString: t.config.databaseUrl });
      await client.connect();
      const rows = await client.query('SELECT key_hash FROM api_keys WHERE id = $1', [created.id]);
      await client.end();
      expect(rows.rows[0].key_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(rows.rows[0].key_hash).not.toContain(created.key);
    });

    it('should answer 400 naming each field when the body is invalid', async () => {
      const response = await t.request('POST', '/api/v1/api-keys', { body: { name: '', role: 'owner', extra: 1 } });
      expect(response.status).toBe(400);
      const fields = response.body.details.map((detail: { field: string }) => detail.field).sort();
      expect(fields).toEqual(['extra', 'name', 'role']);
    });

    it('should answer 403 when a secretariat key manages keys', async () => {
      const secretariat = await createKey('secretariat');
      expect((await t.request('GET', '/api/v1/api-keys', { key: secretariat.key })).status).toBe(403);
      expect((await t.request('POST', '/api/v1/api-keys', { key: secretariat.key, body: { name: 'x', role: 'admin' } })).status).toBe(403);
    });
  });

  describe('roles', () => {
    it('should let a viewer read and forbid it to write', async () => {
      const viewer = await createKey('viewer');
      expect((await t.request('GET', '/api/v1/units', { key: viewer.key })).status).toBe(200);
      const write = await t.request('PATCH', '/api/v1/settings', { key: viewer.key, body: { locality: 'Kon Rẫy' } });
      expect(write.status).toBe(403);
      expect(write.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
    });

    it('should let a secretariat key write', async () => {
      const secretariat = await createKey('secretariat');
      const response = await t.request('PATCH', '/api/v1/settings', { key: secretariat.key, body: { locality: 'Kon Rẫy' } });
      expect(response.status).toBe(200);
    });
  });

  describe('DELETE /api-keys/:id', () => {
    it('should stop the key working at once when it is deleted', async () => {
      const viewer = await createKey('viewer', 'temporary');
      expect((await t.request('GET', '/api/v1/units', { key: viewer.key })).status).toBe(200);
      expect((await t.request('DELETE', `/api/v1/api-keys/${viewer.id}`)).status).toBe(204);
      expect((await t.request('GET', '/api/v1/units', { key: viewer.key })).status).toBe(401);
    });

    it('should answer 404 when the key does not exist', async () => {
      const response = await t.request('DELETE', '/api/v1/api-keys/00000000-0000-4000-8000-000000000000');
      expect(response.status).toBe(404);
    });

    it('should answer 400 naming the id when it is not a UUID', async () => {
      const response = await t.request('DELETE', '/api/v1/api-keys/abc');
      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([{ field: 'id', message: 'must be a UUID' }]);
    });

    it('should record who created and deleted keys in the audit log', async () => {
      const key = await createKey('viewer', 'audited key');
      await t.request('DELETE', `/api/v1/api-keys/${key.id}`);
      const audit = await t.request('GET', `/api/v1/audit?entity=api_key&entityId=${key.id}`);
      expect(audit.body.items.map((entry: { action: string }) => entry.action)).toEqual(['delete', 'create']);
      expect(audit.body.items[1]).toMatchObject({ actor: 'ADMIN_API_KEY', changes: { name: { to: 'audited key' }, role: { to: 'viewer' } } });
    });
  });
});
