import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstClosedFolder } from './embedded-postgres';

describe(firstClosedFolder.name, () => {
  let folder: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'giaoban-closed-'));
    mkdirSync(join(folder, 'clone', 'node_modules'), { recursive: true, mode: 0o755 });
  });

  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('should name a private folder (mode 700) on the way', async () => {
    chmodSync(folder, 0o700);
    await expect(firstClosedFolder(join(folder, 'clone', 'node_modules'))).resolves.toBe(folder);
  });

  it('should find nothing when every folder on the way can be passed through', async () => {
    chmodSync(folder, 0o711);
    await expect(firstClosedFolder(join(folder, 'clone', 'node_modules'))).resolves.toBeNull();
  });

  it('should name the deepest closed folder too, and stop at folders that do not exist yet', async () => {
    chmodSync(folder, 0o711);
    chmodSync(join(folder, 'clone'), 0o750);
    await expect(firstClosedFolder(join(folder, 'clone', 'node_modules'))).resolves.toBe(join(folder, 'clone'));
    chmodSync(join(folder, 'clone'), 0o755);
    await expect(firstClosedFolder(join(folder, 'clone', 'not', 'yet'))).resolves.toBeNull();
  });
});
