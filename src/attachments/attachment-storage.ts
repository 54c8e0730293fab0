import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
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

// A file under the storage root, as the janitor sees it: a stored attachment (its key), or a
// temporary file a write left behind (no key).
export interface FileOnDisk {
  path: string;
  storageKey: string | null;
  modifiedAt: Date;
}

export interface StoredFile {
  storageKey: string;
  sha256: string;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const STORAGE_KEY = new RegExp(`^${UUID}/${UUID}/${UUID}$`);
const ID_NAME = new RegExp(`^${UUID}$`);
const TEMPORARY_NAME = new RegExp(`^\\.${UUID}\\.[0-9a-f]{12}\\.tmp$`);

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

  // Every stored or temporary file under the root, directory by directory (period, unit). Names
  // the storage never writes are not listed, so nothing else under the root is ever touched.
  async *files(): AsyncGenerator<FileOnDisk> {
    for (const period of await namesIn(this.root)) {
      if (!ID_NAME.test(period)) continue;
      for (const unit of await namesIn(join(this.root, period))) {
        if (!ID_NAME.test(unit)) continue;
        for (const name of await namesIn(join(this.root, period, unit))) {
          const stored = ID_NAME.test(name);
          if (!stored && !TEMPORARY_NAME.test(name)) continue;
          const path = join(this.root, period, unit, name);
          const found = await stat(path).catch(() => null);
          if (found?.isFile()) yield { path, storageKey: stored ? `${period}/${unit}/${name}` : null, modifiedAt: found.mtime };
        }
      }
    }
  }

  async removePath(path: string): Promise<void> {
    await unlink(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }

  // Keys are made of ids only; anything else would be a bug, never a path to follow.
  private pathOf(storageKey: string): string {
    if (!STORAGE_KEY.test(storageKey)) throw new Error(`invalid attachment storage key ${JSON.stringify(storageKey)}`);
    return join(this.root, storageKey);
  }
}

async function namesIn(directory: string): Promise<string[]> {
  return readdir(directory).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return [];
    throw error;
  });
}
