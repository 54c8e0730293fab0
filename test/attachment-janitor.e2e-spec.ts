import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AttachmentJanitor, ORPHAN_GRACE_MS } from '../src/attachments/attachment-janitor';
import { samplePdf } from './attachments-samples';
import { SubmissionsFixture } from './submissions-fixtures';

// What a crash can leave under DATA_DIR/files, and what the janitor does with it.
describe('Attachment files no attachment owns', () => {
  let f: SubmissionsFixture;
  let root: string;

  beforeAll(async () => {
    f = await SubmissionsFixture.start();
    root = join(f.t.config.dataDir, 'files');
  });

  afterAll(async () => {
    await f.close();
  });

  async function upload(periodId: string, unitId: string): Promise<{ id: string; path: string }> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(samplePdf())]), 'Báo cáo.pdf');
    const response = await f.t.request('POST', `/api/v1/periods/${periodId}/units/${unitId}/attachments`, { form, key: f.secretariatKey });
    expect(response.status).toBe(201);
    return { id: response.body.id, path: join(root, periodId, unitId, response.body.id) };
  }

  function age(path: string, ms: number): void {
    const at = new Date(Date.now() - ms);
    utimesSync(path, at, at);
  }

  it('should remove old files of deleted or never recorded attachments and leftover temporary files, and keep every other file', async () => {
    const period = await f.insertPeriod();
    const unit = await f.createUnit();
    const kept = await upload(period.id, unit.id);
    age(kept.path, 2 * ORPHAN_GRACE_MS);
    // Deleted, but the process died before the unlink.
    const deleted = await upload(period.id, unit.id);
    await f.db.query('UPDATE attachments SET deleted_at = now() WHERE id = $1', [deleted.id]);
    age(deleted.path, 2 * ORPHAN_GRACE_MS);
    // Written, but the process died before the row was inserted; one old, one just now.
    const directory = join(root, period.id, unit.id);
    const [neverRecorded, uploading] = [randomUUID(), randomUUID()].map((id) => join(directory, id));
    writeFileSync(neverRecorded, samplePdf());
    age(neverRecorded, 2 * ORPHAN_GRACE_MS);
    writeFileSync(uploading, samplePdf());
    // Died mid-write.
    const temporary = join(directory, `.${randomUUID()}.0123456789ab.tmp`);
    writeFileSync(temporary, 'half');
    age(temporary, 2 * ORPHAN_GRACE_MS);
    // Not a name the storage writes: never touched.
    const foreign = join(root, 'README.txt');
    mkdirSync(root, { recursive: true });
    writeFileSync(foreign, 'not an attachment');
    age(foreign, 2 * ORPHAN_GRACE_MS);

    const result = await f.t.app.get(AttachmentJanitor).sweep();

    expect(result).toEqual({ checked: 5, removed: 3 });
    expect([kept.path, deleted.path, neverRecorded, uploading, temporary, foreign].map((path) => existsSync(path))).toEqual([true, false, false, true, false, true]);
    const download = await f.t.request('GET', `/api/v1/attachments/${kept.id}/download`);
    expect(download.status).toBe(200);
    expect(await f.t.app.get(AttachmentJanitor).sweep()).toEqual({ checked: 2, removed: 0 });
  });
});
