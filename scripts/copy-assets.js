'use strict';
// tsc emits only JavaScript from TypeScript; code that reads files beside it (the e-mail templates)
// or starts a script beside it (the SMTP thread, a plain .cjs file) runs from dist/src/…, so every
// `templates` folder and every .cjs file under src/ is copied to the same place under dist/src/.
// Run after `tsc -p tsconfig.build.json`, from any working directory. A stale copy is replaced
// whole, so a template deleted from src/ does not survive in dist/.
const { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } = require('node:fs');
const { dirname, join, relative } = require('node:path');

const root = join(__dirname, '..');
const source = join(root, 'src');
const target = join(root, 'dist', 'src');
const ASSET_FOLDER = 'templates';

function copyFolder(from, to) {
  mkdirSync(to, { recursive: true });
  let files = 0;
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.isDirectory()) files += copyFolder(join(from, entry.name), join(to, entry.name));
    else if (entry.isFile()) {
      copyFileSync(join(from, entry.name), join(to, entry.name));
      files += 1;
    }
  }
  return files;
}

// Plain CommonJS scripts (worker threads), which tsc does not copy.
function scripts(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...scripts(path));
    else if (entry.isFile() && entry.name.endsWith('.cjs')) found.push(path);
  }
  return found;
}

function assetFolders(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const path = join(dir, entry.name);
    if (entry.name === ASSET_FOLDER) found.push(path);
    else found.push(...assetFolders(path));
  }
  return found;
}

function main() {
  if (!existsSync(source)) throw new Error(`No source folder at ${source}`);
  let files = 0;
  for (const folder of assetFolders(source)) {
    const destination = join(target, relative(source, folder));
    rmSync(destination, { recursive: true, force: true });
    files += copyFolder(folder, destination);
  }
  for (const script of scripts(source)) {
    const destination = join(target, relative(source, script));
    mkdirSync(dirname(destination), { recursive: true });
    copyFileSync(script, destination);
    files += 1;
  }
  process.stdout.write(`copy-assets: ${files} file(s) copied to ${relative(root, target)}\n`);
}

main();
