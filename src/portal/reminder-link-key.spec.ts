import { createHmac } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashToken, isWellFormedToken } from './portal-token';
import { loadReminderLinkKey, REMINDER_LINK_KEY_FILE, reminderLinkHash, reminderLinkToken } from './reminder-link-key';

const KEY = Buffer.from('k'.repeat(32));
const REMINDER = '0b7f6c1e-3c1a-4d59-9d7e-2f4f0e8a1b2c';

describe('reminder link keys', () => {
  describe(reminderLinkToken.name, () => {
    it('should give the base64url HMAC-SHA256 of the reminder id, shaped as a portal token', () => {
      const token = reminderLinkToken(KEY, REMINDER);
      expect(token).toBe(createHmac('sha256', KEY).update(`portal-link:reminder:${REMINDER}`).digest('base64url'));
      expect(isWellFormedToken(token)).toBe(true);
    });

    it('should give the same token for the same key and reminder, and another for another reminder or key', () => {
      expect(reminderLinkToken(KEY, REMINDER)).toBe(reminderLinkToken(Buffer.from('k'.repeat(32)), REMINDER));
      expect(reminderLinkToken(KEY, REMINDER.replace(/c$/, 'd'))).not.toBe(reminderLinkToken(KEY, REMINDER));
      expect(reminderLinkToken(Buffer.from('j'.repeat(32)), REMINDER)).not.toBe(reminderLinkToken(KEY, REMINDER));
    });
  });

  describe(reminderLinkHash.name, () => {
    it('should hash the token as portal_tokens stores it', () => {
      expect(reminderLinkHash(KEY, REMINDER)).toBe(hashToken(reminderLinkToken(KEY, REMINDER)));
    });
  });

  describe(loadReminderLinkKey.name, () => {
    let dataDir: string;

    beforeEach(() => {
      dataDir = mkdtempSync(join(tmpdir(), 'giaoban-link-key-'));
    });

    afterEach(() => {
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('should use PORTAL_LINK_SECRET as it is and write no file when the secret is set', async () => {
      const key = await loadReminderLinkKey('s'.repeat(40), dataDir);
      expect(key.toString('utf8')).toBe('s'.repeat(40));
      expect(readdirSync(dataDir)).toEqual([]);
    });

    it('should create a key file readable by its owner only, then read the same key back when unset', async () => {
      const first = await loadReminderLinkKey(undefined, dataDir);
      expect(first.length).toBeGreaterThanOrEqual(32);
      expect(statSync(join(dataDir, REMINDER_LINK_KEY_FILE)).mode & 0o777).toBe(0o600);
      expect((await loadReminderLinkKey(undefined, dataDir)).equals(first)).toBe(true);
    });

    it('should create the data directory when it does not exist yet', async () => {
      const nested = join(dataDir, 'not', 'yet');
      const key = await loadReminderLinkKey(undefined, nested);
      expect((await loadReminderLinkKey(undefined, nested)).equals(key)).toBe(true);
    });

    it('should give every concurrent caller the same key and leave no draft file behind', async () => {
      const keys = await Promise.all(Array.from({ length: 8 }, () => loadReminderLinkKey(undefined, dataDir)));
      expect(new Set(keys.map((key) => key.toString('hex'))).size).toBe(1);
      expect(readdirSync(dataDir)).toEqual([REMINDER_LINK_KEY_FILE]);
    });

    it('should refuse a key file that holds too short a key', async () => {
      writeFileSync(join(dataDir, REMINDER_LINK_KEY_FILE), 'short\n');
      await expect(loadReminderLinkKey(undefined, dataDir)).rejects.toThrow(/holds no usable key/);
    });
  });
});
