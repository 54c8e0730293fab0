import { Client } from 'pg';
import { startTestApp, TestApp } from './support/test-app';

interface Settings {
  programName: string | null;
  committeeName: string | null;
  secretariatName: string | null;
  secretariatEmail: string | null;
  chairTitle: string | null;
  locality: string | null;
  timezone: string;
  portalBaseUrl: string | null;
  updatedAt: string | null;
}

function fields(details: Array<{ field: string }> | undefined): string[] {
  return (details ?? []).map((detail) => detail.field).sort();
}

describe('Settings API', () => {
  let t: TestApp;
  let viewerKey: string;
  let secretariatKey: string;

  beforeAll(async () => {
    t = await startTestApp();
    const viewer = await t.request('POST', '/api/v1/api-keys', { body: { name: 'Người xem', role: 'viewer' } });
    const secretariat = await t.request('POST', '/api/v1/api-keys', { body: { name: 'Văn phòng BCĐ', role: 'secretariat' } });
    expect([viewer.status, secretariat.status]).toEqual([201, 201]);
    viewerKey = viewer.body.key;
    secretariatKey = secretariat.body.key;
  });

  afterAll(async () => {
    await t.close();
  });

  async function currentSettings(): Promise<Settings> {
    const response = await t.request<Settings>('GET', '/api/v1/settings');
    expect(response.status).toBe(200);
    return response.body;
  }

  async function queuedMail(id: string): Promise<{ to_addresses: string[]; kind: string; status: string } | undefined> {
    const client = new Client({ connectionString: t.config.databaseUrl });
    await client.connect();
    try {
      const result = await client.query('SELECT to_addresses, kind, status FROM mail_messages WHERE id = $1', [id]);
      return result.rows[0];
    } finally {
      await client.end();
    }
  }

  // Runs first: the database of this file is new, so the settings still hold their defaults.
  describe('GET /settings', () => {
    it('should return the defaults when nothing has been set', async () => {
      const response = await t.request<Settings>('GET', '/api/v1/settings');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        programName: null,
        committeeName: null,
        secretariatName: null,
        secretariatEmail: null,
        chairTitle: null,
        locality: null,
        timezone: 'Asia/Ho_Chi_Minh',
        portalBaseUrl: null,
        briefingCompileDaysBefore: null,
        briefingAutoSend: false,
        updatedAt: null,
      });
    });

    it('should let a viewer key read the settings', async () => {
      const response = await t.request('GET', '/api/v1/settings', { key: viewerKey });
      expect(response.status).toBe(200);
      expect(response.body.timezone).toBe('Asia/Ho_Chi_Minh');
    });

    it('should answer 401 when no key is sent', async () => {
      const response = await t.request('GET', '/api/v1/settings', { key: null });
      expect(response.status).toBe(401);
    });
  });

  describe('POST /settings/test-email (before the secretariat e-mail is set)', () => {
    it('should answer 400 naming to when neither to nor the secretariat e-mail is set', async () => {
      const response = await t.request('POST', '/api/v1/settings/test-email', { body: {} });
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['to']);
    });
  });

  describe('PATCH /settings', () => {
    it('should store the program, committee, locality and secretariat e-mail when they are sent', async () => {
      const body = {
        programName: 'Cuộc vận động "Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh"',
        committeeName: 'Ban Chỉ đạo Cuộc vận động huyện Kon Rẫy',
        locality: 'Kon Rẫy',
        secretariatEmail: 'bcd@konray.kontum.gov.vn',
      };
      const response = await t.request<Settings>('PATCH', '/api/v1/settings', { body });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        ...body,
        secretariatName: null,
        chairTitle: null,
        timezone: 'Asia/Ho_Chi_Minh',
        portalBaseUrl: null,
        briefingCompileDaysBefore: null,
        briefingAutoSend: false,
        updatedAt: expect.any(String),
      });
      expect(Number.isNaN(Date.parse(response.body.updatedAt ?? ''))).toBe(false);
      await expect(currentSettings()).resolves.toEqual(response.body);
    });

    it('should keep the other fields when one field is sent', async () => {
      const before = await currentSettings();
      const response = await t.request<Settings>('PATCH', '/api/v1/settings', { body: { chairTitle: 'Trưởng Ban Chỉ đạo', secretariatName: 'Thường trực Ban Chỉ đạo' } });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ ...before, chairTitle: 'Trưởng Ban Chỉ đạo', secretariatName: 'Thường trực Ban Chỉ đạo', updatedAt: expect.any(String) });
      await expect(currentSettings()).resolves.toEqual(response.body);
    });

    it('should store another time zone and portal address when they are valid', async () => {
      const response = await t.request<Settings>('PATCH', '/api/v1/settings', { body: { timezone: 'Asia/Bangkok', portalBaseUrl: 'https://giaoban.konray.gov.vn' } });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ timezone: 'Asia/Bangkok', portalBaseUrl: 'https://giaoban.konray.gov.vn', locality: 'Kon Rẫy' });
      const back = await t.request<Settings>('PATCH', '/api/v1/settings', { body: { timezone: 'Asia/Ho_Chi_Minh', portalBaseUrl: null } });
      expect(back.body).toMatchObject({ timezone: 'Asia/Ho_Chi_Minh', portalBaseUrl: null });
    });

    it('should let a secretariat key change the settings', async () => {
      const response = await t.request<Settings>('PATCH', '/api/v1/settings', { key: secretariatKey, body: { locality: 'huyện Kon Rẫy' } });
      expect(response.status).toBe(200);
      expect(response.body.locality).toBe('huyện Kon Rẫy');
      const back = await t.request<Settings>('PATCH', '/api/v1/settings', { body: { locality: 'Kon Rẫy' } });
      expect(back.body.locality).toBe('Kon Rẫy');
    });

    it('should return the settings unchanged when the body is empty', async () => {
      const before = await currentSettings();
      t.clock.advance(60_000);
      const response = await t.request<Settings>('PATCH', '/api/v1/settings', { body: {} });
      expect(response.status).toBe(200);
      expect(response.body).toEqual(before);
    });

    it('should answer 400 naming secretariatEmail and change nothing when it is not an e-mail', async () => {
      const before = await currentSettings();
      const response = await t.request('PATCH', '/api/v1/settings', { body: { secretariatEmail: 'bcd at konray', locality: 'Đăk Tô' } });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(fields(response.body.details)).toEqual(['secretariatEmail']);
      await expect(currentSettings()).resolves.toEqual(before);
    });

    it('should answer 400 naming timezone when it is not an IANA time zone', async () => {
      const before = await currentSettings();
      for (const timezone of ['Asia/Hanoi', 'GMT+7 Hà Nội', 42, null]) {
        const response = await t.request('PATCH', '/api/v1/settings', { body: { timezone } });
        expect({ timezone, status: response.status }).toEqual({ timezone, status: 400 });
        expect(fields(response.body.details)).toEqual(['timezone']);
      }
      await expect(currentSettings()).resolves.toEqual(before);
    });

    it('should answer 400 naming portalBaseUrl when it is not an http address', async () => {
      const response = await t.request('PATCH', '/api/v1/settings', { body: { portalBaseUrl: 'ftp://giaoban.konray.gov.vn' } });
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['portalBaseUrl']);
    });

    it('should answer 400 naming each field when texts are too long or not strings', async () => {
      const response = await t.request('PATCH', '/api/v1/settings', { body: { programName: 'x'.repeat(501), committeeName: 7 } });
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['committeeName', 'programName']);
    });

    it('should answer 400 naming the field when it is unknown', async () => {
      const before = await currentSettings();
      const response = await t.request('PATCH', '/api/v1/settings', { body: { locality: 'Đăk Tô', logoColour: 'red' } });
      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([{ field: 'logoColour', message: 'is not a known field' }]);
      await expect(currentSettings()).resolves.toEqual(before);
    });

    it('should answer 403 and change nothing when the key is a viewer key', async () => {
      const before = await currentSettings();
      const response = await t.request('PATCH', '/api/v1/settings', { key: viewerKey, body: { locality: 'Đăk Tô' } });
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
      await expect(currentSettings()).resolves.toEqual(before);
    });

    it('should answer 401 when no key is sent', async () => {
      const response = await t.request('PATCH', '/api/v1/settings', { key: null, body: { locality: 'Đăk Tô' } });
      expect(response.status).toBe(401);
    });
  });

  describe('POST /settings/test-email', () => {
    it('should queue a test e-mail to the secretariat when no recipient is given', async () => {
      await t.request('PATCH', '/api/v1/settings', { body: { secretariatEmail: 'bcd@konray.kontum.gov.vn' } });
      const response = await t.request('POST', '/api/v1/settings/test-email', { body: {} });
      expect(response.status).toBe(202);
      expect(response.body).toEqual({ mailId: expect.any(String), to: ['bcd@konray.kontum.gov.vn'], status: 'queued' });
      await expect(queuedMail(response.body.mailId)).resolves.toMatchObject({ kind: 'test', to_addresses: ['bcd@konray.kontum.gov.vn'] });
    });

    it('should queue the test e-mail to the given recipients when to is sent', async () => {
      const response = await t.request('POST', '/api/v1/settings/test-email', { body: { to: ['it@konray.kontum.gov.vn'] } });
      expect(response.status).toBe(202);
      expect(response.body.to).toEqual(['it@konray.kontum.gov.vn']);
    });

    it('should answer 400 naming the recipient when it is not an e-mail', async () => {
      const response = await t.request('POST', '/api/v1/settings/test-email', { body: { to: ['it@konray.kontum.gov.vn', 'khong-hop-le'] } });
      expect(response.status).toBe(400);
      expect(fields(response.body.details)[0]).toMatch(/^to/);
    });

    it('should answer 403 when the key is a viewer key', async () => {
      const response = await t.request('POST', '/api/v1/settings/test-email', { key: viewerKey, body: {} });
      expect(response.status).toBe(403);
    });
  });
});
