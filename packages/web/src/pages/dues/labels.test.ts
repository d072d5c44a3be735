import { describe, expect, it } from 'vitest';
import { monthsLabel, ratePercent } from './labels';

describe('monthsLabel', () => {
  it('writes one month as it is', () => {
    expect(monthsLabel(['2026-06'])).toBe('2026年6月');
  });

  it('joins a run of months in one year, whatever order they were picked in', () => {
    expect(monthsLabel(['2026-08', '2026-06', '2026-07'])).toBe('2026年6月—8月（3 个月）');
  });

  it('names both years of a run across the new year, and keeps separate runs apart', () => {
    expect(monthsLabel(['2025-11', '2025-12', '2026-01', '2026-03'])).toBe(
      '2025年11月—2026年1月、2026年3月（4 个月）',
    );
  });
});

describe('ratePercent', () => {
  it('shows the server’s rate as a percentage and a fixed amount as 定额', () => {
    expect(ratePercent('0.015')).toBe('1.5%');
    expect(ratePercent('0.01')).toBe('1%');
    expect(ratePercent(null)).toBe('定额');
  });
});
