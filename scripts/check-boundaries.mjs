// The module boundary (ARCHITECTURE.md "A module has a public face"): code outside a server module may
// import only its index.ts. Tests are exempt: they exercise their own module's internals.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const IMPORT_RE =
  /(?:import|export)\s(?:[^'"]*?\sfrom\s)?['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

/** The module a file belongs to (its folder under modules/), or null outside modules. */
function moduleOf(modulesDir, file) {
  const rel = path.relative(modulesDir, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return rel.split(path.sep)[0];
}

const isTest = (file) => /\.test\.tsx?$/.test(file) || file.split(path.sep).includes('test');

function* sourceFiles(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(full);
    else if (/\.tsx?$/.test(entry.name)) yield full;
  }
}

/** Every import that reaches into another module's internals under `srcDir`, as "file: specifier". */
export function findViolations(root) {
  const srcDir = path.resolve(root);
  const modulesDir = path.join(srcDir, 'modules');
  const out = [];
  for (const file of sourceFiles(srcDir)) {
    if (isTest(file)) continue;
    const own = moduleOf(modulesDir, file);
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT_RE)) {
      const spec = m[1] ?? m[2];
      const target = path.resolve(path.dirname(file), spec).replace(/\.js$/, '.ts');
      const other = moduleOf(modulesDir, target);
      if (other === null || other === own) continue;
      if (target === path.join(modulesDir, other, 'index.ts')) continue;
      out.push(`${path.relative(srcDir, file)}: ${spec}`);
    }
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const srcDir = path.resolve(import.meta.dirname, '../packages/server/src');
  const violations = findViolations(srcDir);
  if (violations.length > 0) {
    console.error(`模块边界：只能从其他模块的 index.ts 导入（${violations.length} 处）：`);
    for (const v of violations) console.error(`  ${v}`);
    process.exit(1);
  }
  console.log('module boundaries: ok');
}
