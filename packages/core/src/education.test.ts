import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { educationLabels, educations, normalizeEducation, statsEducationBucket } from './education.js';

describe('normalizeEducation', () => {
  it.each([
    ['博士', 'doctor'],
    ['博士研究生', 'doctor'],
    ['研究生(博士)', 'doctor'],
    ['研究生（博士）', 'doctor'],
    ['博士后', 'doctor'],
    ['硕士', 'master'],
    ['硕士研究生', 'master'],
    ['研究生 ( 硕士 )', 'master'],
    ['研究生', 'master'],
    ['MBA', 'master'],
    ['本科', 'bachelor'],
    ['大学本科', 'bachelor'],
    ['大学', 'bachelor'],
    ['专科', 'college'],
    ['大专', 'college'],
    ['大学专科', 'college'],
    ['高职', 'college'],
    ['中专', 'secondary'],
    ['中技', 'secondary'],
    ['技校', 'secondary'],
    ['中等专科', 'secondary'],
    ['高中', 'high_school'],
    ['职高', 'high_school'],
    ['初中', 'junior'],
    ['小学', 'junior'],
    ['初中及以下', 'junior'],
    ['文盲', 'junior'],
    ['其他', 'other'],
    [' 大学　本科 ', 'bachelor'],
    ['high_school', 'high_school'],
  ])('%j → %s', (label, e) => expect(normalizeEducation(label)).toBe(e));

  it.each(['', '幼儿园', '本科生在读', 'phd'])('%j is unknown', (label) =>
    expect(normalizeEducation(label)).toBeNull(),
  );

  it('reads back every label and key, with any surrounding spaces', () => {
    fc.assert(
      fc.property(fc.constantFrom(...educations), fc.constantFrom('', ' ', '　'), (e, pad) => {
        expect(normalizeEducation(`${pad}${educationLabels[e]}${pad}`)).toBe(e);
        expect(normalizeEducation(`${pad}${e}${pad}`)).toBe(e);
      }),
    );
  });
});

describe('statsEducationBucket (API.md stats: 博士, 硕士, 本科, 专科, 中专, anything else)', () => {
  it.each([
    ['doctor', 'doctor'],
    ['master', 'master'],
    ['bachelor', 'bachelor'],
    ['college', 'college'],
    ['secondary', 'secondary'],
    ['high_school', 'other'],
    ['junior', 'other'],
    ['other', 'other'],
    [null, 'other'],
  ] as const)('%s → %s', (e, bucket) => expect(statsEducationBucket(e)).toBe(bucket));
});
