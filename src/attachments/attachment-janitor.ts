import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AttachmentStorage, FileOnDisk } from './attachment-storage';
import { AttachmentsRepository } from './attachments.repository';

// A file younger than this may belong to an upload still under way (written, not yet recorded).
export const ORPHAN_GRACE_MS = 60 * 60 * 1000;
const SWEEP_EVERY_MS = 6 * 60 * 60 * 1000;
const FIRST_SWEEP_AFTER_MS = 60 * 1000;
const BATCH = 500;

export interface JanitorResult {
  checked: number;
  removed: number;
}

/**
 * Removes the bytes no attachment owns any more: a file whose attachment was deleted but whose
 * unlink never ran (a crash between the two, see AttachmentsService.delete), a file written for
 * an upload that was never recorded, and temporary files a crash left mid-write. Only files older
 * than ORPHAN_GRACE_MS go, so an upload under way keeps its file. Runs a minute after start-up
 * and every six hours, in every process (each sweeps its own DATA_DIR; two sweeping one shared
 * directory remove each file once).
 */
@Injectable()
export class AttachmentJanitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AttachmentJanitor.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly storage: AttachmentStorage,
    private readonly attachments: AttachmentsRepository,
  ) {}

  onApplicationBootstrap(): void {
    const run = () => void this.sweep().catch((error: unknown) => this.logger.warn(`attachment files sweep failed: ${String(error)}`));
    this.timer = setTimeout(() => {
      run();
      this.timer = setInterval(run, SWEEP_EVERY_MS).unref();
    }, FIRST_SWEEP_AFTER_MS).unref();
  }

  onApplicationShutdown(): void {
    clearTimeout(this.timer);
    clearInterval(this.timer);
  }

  async sweep(now = new Date()): Promise<JanitorResult> {
    const result: JanitorResult = { checked: 0, removed: 0 };
    let batch: FileOnDisk[] = [];
    for await (const file of this.storage.files()) {
      result.checked++;
      if (now.getTime() - file.modifiedAt.getTime() < ORPHAN_GRACE_MS) continue;
      batch.push(file);
      if (batch.length >= BATCH) {
        result.removed += await this.removeUnowned(batch);
        batch = [];
      }
    }
    result.removed += await this.removeUnowned(batch);
    if (result.removed) this.logger.log(`removed ${result.removed} attachment file(s) no attachment owns`);
    return result;
  }

  private async removeUnowned(files: FileOnDisk[]): Promise<number> {
    const live = await this.attachments.liveKeys(files.flatMap((file) => (file.storageKey ? [file.storageKey] : [])));
    const unowned = files.filter((file) => !file.storageKey || !live.has(file.storageKey));
    for (const file of unowned) await this.storage.removePath(file.path);
    return unowned.length;
  }
}
