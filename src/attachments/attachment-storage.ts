import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';

export interface StorageKey {
  periodId: string;
  unitId: string;
  attachmentId: string;
}

export interface StoredFile {
  storageKey: string;
  sha256: string;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const STORAGE_KEY = new RegExp(`^${UUID}/${UUID}/${UUID}$`);

// The bytes of attachments under DATA_DIR/files/<periodId>/<unitId>/<attachmentId>. Names on
// disk are ids only (never the client's file name); a file appears under its final name only
// once it is complete and flushed (temporary file, fsync, rename).
@Injectable()
export class AttachmentStorage {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get root(): string {
    return join(this.config.dataDir, 'files');
  }

  async write(key: StorageKey, content: Buffer): Promise<StoredFile> {
    const storageKey = `${key.periodId}/${key.unitId}/${key.attachmentId}`;
    const path = this.pathOf(storageKey);
    const directory = join(this.root, key.periodId, key.unitId);
    await mkdir(directory, { recursive: true });
    const temporary = join(directory, `.${key.attachmentId}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      const handle = await open(temporary, 'wx', 0o640);
      try {
        await handle.writeFile(content);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, path);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
    return { storageKey, sha256: createHash('sha256').update(content).digest('hex') };
  }

  // The file's bytes as a stream, or null when the file is missing.
  async read(storageKey: string): Promise<Readable | null> {
    const path = this.pathOf(storageKey);
    const found = await stat(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    return found?.isFile() ? createReadStream(path) : null;
  }

  async remove(storageKey: string): Promise<void> {
    await unlink(this.pathOf(storageKey)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }

  // Keys are made of ids only; anything else would be a bug, never a path to follow.
  private pathOf(storageKey: string): string {
    if (!STORAGE_KEY.test(storageKey)) throw new Error(`invalid attachment storage key ${JSON.stringify(storageKey)}`);
    return join(this.root, storageKey);
  }
}
