import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findViolations } from '../../../scripts/check-boundaries.mjs';
import { startEnv, type TestEnv } from './test/harness.js';

type Operation = { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> };

describe('the API contract (ARCHITECTURE.md "The contract lives in core")', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startEnv('pglite');
  });
  afterAll(() => env.close());

  it('every OpenAPI operation declares the schema of its 2xx answer', () => {
    const doc = env.app.swagger() as { paths: Record<string, Record<string, Operation>> };
    const operations = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ name: `${method.toUpperCase()} ${p}`, op })),
    );
    expect(operations.length).toBeGreaterThan(70);
    const missing = operations
      .filter(({ op }) =>
        Object.entries(op.responses ?? {}).every(
          ([status, r]) => !/^2/.test(status) || !Object.values(r.content ?? {}).some((c) => c.schema),
        ),
      )
      .map((o) => o.name);
    expect(missing).toEqual([]);
  });
});

describe('the module boundary (ARCHITECTURE.md "A module has a public face")', () => {
  const src = path.resolve(import.meta.dirname);

  it('no source file imports another module other than through its index.ts', () => {
    expect(findViolations(src)).toEqual([]);
  });

  it('the rule catches a reach into another module', () => {
    const fixture = path.resolve(src, '../../../scripts/boundary-fixture');
    expect(findViolations(fixture)).toEqual([`modules${path.sep}a${path.sep}service.ts: ../b/queries.js`]);
  });
});
