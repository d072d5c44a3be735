export const educations = [
  'doctor',
  'master',
  'bachelor',
  'college',
  'secondary',
  'high_school',
  'junior',
  'other',
] as const;
export type Education = (typeof educations)[number];

export const educationLabels: Record<Education, string> = {
  doctor: '博士研究生',
  master: '硕士研究生',
  bachelor: '大学本科',
  college: '大学专科',
  secondary: '中专',
  high_school: '高中',
  junior: '初中及以下',
  other: '其他',
};

const variants: Record<Education, string[]> = {
  doctor: ['博士', '博士研究生', '研究生(博士)', '博士后'],
  master: ['硕士', '硕士研究生', '研究生(硕士)', '研究生', 'mba'],
  bachelor: ['本科', '大学本科', '大学'],
  college: ['专科', '大专', '大学专科', '高职'],
  secondary: ['中专', '中技', '技校', '中等专科'],
  high_school: ['高中', '职高'],
  junior: ['初中', '小学', '初中及以下', '文盲'],
  other: ['其他'],
};

const canonical = (s: string) =>
  s.replace(/\s+/g, '').replaceAll('（', '(').replaceAll('）', ')').toLowerCase();

const byVariant = new Map<string, Education>(
  educations.flatMap((e) => [e, ...variants[e]].map((v) => [canonical(v), e] as const)),
);

export function normalizeEducation(label: string): Education | null {
  return byVariant.get(canonical(label)) ?? null;
}

/** API.md stats: 博士, 硕士, 本科, 专科, 中专, anything else. */
export function statsEducationBucket(
  e: Education | null,
): 'doctor' | 'master' | 'bachelor' | 'college' | 'secondary' | 'other' {
  return e === 'doctor' || e === 'master' || e === 'bachelor' || e === 'college' || e === 'secondary'
    ? e
    : 'other';
}
