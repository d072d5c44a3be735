import { defaultPolicies } from '@dangjian/core';
import { describe, expect, it } from 'vitest';
import { formatValue } from './policy-doc';

describe('dues bracket labels (篇二: "3000 元以下(含 3000 元)", "3000 元以上至 5000 元(含 5000 元)")', () => {
  it('names both bounds of every bracket, so 1.0% reads as the 3000–5000 bracket', () => {
    const label = formatValue([
      { upTo: '3000', rate: '0.005' },
      { upTo: '5000', rate: '0.01' },
      { upTo: '10000', rate: '0.015' },
      { upTo: null, rate: '0.02' },
    ]);
    expect(label).toBe(
      '3000元以下（含）：0.5%；3000元以上至5000元（含）：1.0%；5000元以上至10000元（含）：1.5%；10000元以上：2.0%',
    );
  });

  it('labels the shipped salaried brackets without a bare "5000元以下" on the second one', () => {
    const label = formatValue(defaultPolicies().dues.salariedBrackets);
    expect(label).toContain('3000元以上至5000元（含）');
    expect(label).not.toMatch(/(^|；)5000元以下/);
  });
});
