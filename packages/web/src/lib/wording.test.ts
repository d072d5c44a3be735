import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const src = path.resolve(import.meta.dirname, '..');
const files = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return files(p);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts') ? [p] : [];
  });

/** Issue 17 item 13: one spelling on every page, and no casual phrasing where a member is told what happens next. */
describe('wording of the console and the portal', () => {
  const texts = files(src).map((f) => [path.relative(src, f), fs.readFileSync(f, 'utf8')] as const);

  it('writes 台账, never 台帐', () => {
    expect(texts.filter(([, t]) => t.includes('台帐')).map(([f]) => f)).toEqual([]);
  });

  it('has no nested full-width parentheses in one label', () => {
    const nested = /（[^（）]*（/;
    expect(texts.filter(([, t]) => t.split('\n').some((l) => nested.test(l))).map(([f]) => f)).toEqual([]);
  });
});
