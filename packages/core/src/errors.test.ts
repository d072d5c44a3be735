import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.js';

describe('DomainError', () => {
  it('carries a code, a Chinese message and details', () => {
    const e = new DomainError('DUES_BASE_REQUIRED', '该党费类别需要填写计算基数', { category: 'salaried' });
    expect(e).toBeInstanceOf(Error);
    expect(e).toMatchObject({
      code: 'DUES_BASE_REQUIRED',
      name: 'DomainError',
      details: { category: 'salaried' },
    });
    expect(e.message).toBe('该党费类别需要填写计算基数');
  });
});
