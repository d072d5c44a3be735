import { regionTreeSchema } from '@dangjian/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEnv, type TestEnv } from '../../test/harness.js';

describe('regions (GB/T 2260) through their contract', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startEnv('pglite');
  });
  afterAll(() => env.close());

  it('answers the whole tree, provinces down to counties, as the contract describes it', async () => {
    const res = await env.admin.get('/api/regions');
    expect(res.status).toBe(200);
    expect(regionTreeSchema.safeParse(res.body).success).toBe(true);
    type Node = { value: string; children?: Node[] };
    const tree = res.body as Node[];
    // Counties under a placeholder city hang under the province (北京市 → 东城区); elsewhere three levels.
    expect(tree.find((p) => p.value === '110000')?.children).toContainEqual(
      expect.objectContaining({ value: '110101' }),
    );
    expect(tree.some((p) => p.children?.some((c) => (c.children?.length ?? 0) > 0))).toBe(true);
  });

  it('parses a place name to its code, and refuses one it does not know', async () => {
    const ok = await env.admin.get(`/api/regions/parse?q=${encodeURIComponent('北京市东城区')}`);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ code: '110101', name: expect.stringContaining('东城区') });
    const unknown = await env.admin.get(`/api/regions/parse?q=${encodeURIComponent('无此地')}`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('INVALID_REGION');
  });
});
