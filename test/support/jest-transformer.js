// Jest's CommonJS runtime cannot require() ES modules on Node 20, and Nest 12 and a growing
// number of dependencies ship only ES modules. This transformer compiles our TypeScript and those
// ES-module packages with swc, and passes every CommonJS file of node_modules through untouched.
const { existsSync, readFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const swcJest = require('@swc/jest');

const swc = swcJest.createTransformer({ swcrc: true });
const packageTypes = new Map();

function packageType(file) {
  let dir = dirname(file);
  const visited = [];
  while (dir !== dirname(dir)) {
    if (packageTypes.has(dir)) break;
    visited.push(dir);
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const { type, name } = JSON.parse(readFileSync(manifest, 'utf8'));
      // Nested package.json files without a name only say "type" for their folder.
      if (type || name) {
        packageTypes.set(dir, type === 'module' ? 'module' : 'commonjs');
        break;
      }
    }
    dir = dirname(dir);
  }
  const found = packageTypes.get(dir) ?? 'commonjs';
  for (const seen of visited) packageTypes.set(seen, found);
  return found;
}

function needsCompiling(file) {
  if (!file.includes('/node_modules/')) return true;
  if (file.endsWith('.mjs')) return true;
  if (file.endsWith('.cjs') || file.endsWith('.json')) return false;
  return packageType(file) === 'module';
}

// An ES module may declare its own `__dirname` from import.meta.url; compiled to CommonJS that
// collides with the module wrapper's parameter, so such modules get a function scope of their own.
const OWN_DIRNAME = /\b(?:const|let|var)\s+__(?:dirname|filename)\b/;

module.exports = {
  canInstrument: false,
  process(source, file, options) {
    if (!needsCompiling(file)) return { code: source };
    const compiled = swc.process(source, file, options);
    if (!file.includes('/node_modules/') || !OWN_DIRNAME.test(source)) return compiled;
    return { ...compiled, code: `(function () {\n${compiled.code}\n})();` };
  },
  getCacheKey(source, file, options) {
    return `v2:${needsCompiling(file) ? 'swc' : 'raw'}:${swc.getCacheKey(source, file, options)}`;
  },
};
