import { createHmac, randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hashToken } from './portal-token';

// The portal link a reminder carries is derived from the reminder's id with a key held outside
// the database: the sweep stores the hashes of the links of the reminders it records, in the same
// statement, and a send derives its link again without writing anything. The table still holds
// only hashes, so it opens no form without the key.

export const REMINDER_LINK_KEY_FILE = 'portal-link.secret';
const GENERATED_KEY_BYTES = 32;

// The token of a reminder's link: HMAC-SHA256 of its id, in base64url (43 characters, 256 bits),
// the same shape as a random token (isWellFormedToken).
export function reminderLinkToken(key: Buffer, reminderId: string): string {
  return createHmac('sha256', key).update(`portal-link:reminder:${reminderId}`, 'utf8').digest('base64url');
}

export function reminderLinkHash(key: Buffer, reminderId: string): string {
  return hashToken(reminderLinkToken(key, reminderId));
}

/**
 * The key from PORTAL_LINK_SECRET, or else the one kept in $DATA_DIR/portal-link.secret, created
 * (0600) on first use. Processes that share a data directory share the file: it is written whole
 * under a name of its own and linked into place, so of two creating it at once, one wins and both
 * read what it wrote.
 */
export async function loadReminderLinkKey(secret: string | undefined, dataDir: string): Promise<Buffer> {
  if (secret !== undefined) return Buffer.from(secret, 'utf8');
  const file = join(dataDir, REMINDER_LINK_KEY_FILE);
  try {
    return await readKeyFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dataDir, { recursive: true });
  const draft = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`;
  await writeFile(draft, `${randomBytes(GENERATED_KEY_BYTES).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
  try {
    await link(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(draft);
  }
  return readKeyFile(file);
}

async function readKeyFile(file: string): Promise<Buffer> {
  const text = (await readFile(file, 'utf8')).trim();
  if (text.length < GENERATED_KEY_BYTES) throw new Error(`${file} holds no usable key (fewer than ${GENERATED_KEY_BYTES} characters)`);
  return Buffer.from(text, 'utf8');
}
