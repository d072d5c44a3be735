import { z } from 'zod';
import { isValidIsoDate } from './dates.js';
import { DomainError } from './errors.js';
import { meetingPolicySchema } from './meetings.js';
import { parseYuan } from './money.js';

// Every number below is a policy default taken from RULES.md; localities override them per subtree.

const yuan = z.string().refine((s) => parseYuan(s) !== null, '金额应为非负数，最多两位小数');
const rate = z.string().regex(/^(?:0(?:\.\d+)?|1(?:\.0+)?)$/, '比例应为0到1之间的小数');
const count = (value: number) => z.number().int().min(0).default(value);

const fen = (s: string) => parseYuan(s) ?? 0n;

type Bracket = { upTo: string | null; rate: string };

/** Brackets strictly ascending, only the last one open-ended. */
function wellOrdered(brackets: Bracket[]): boolean {
  return brackets.every((b, i) => {
    const prev = brackets[i - 1];
    if (i === brackets.length - 1) return b.upTo === null;
    return b.upTo !== null && (prev?.upTo == null || fen(b.upTo) > fen(prev.upTo));
  });
}

const brackets = (value: () => Bracket[]) =>
  z
    .array(z.object({ upTo: yuan.nullable(), rate }))
    .min(1)
    .refine(wellOrdered, '分档上限应递增，且仅最后一档上限为空')
    .default(value);

const bracketKind = z.enum(['salaried', 'retired']);

type BaseComponent = {
  key: string;
  label: string;
  included: boolean;
  categories: ('salaried' | 'annual_salary' | 'retired' | 'self_employed' | 'other')[];
  source?: string;
};

/** RULES.md §1, 篇二 L228–L240: the seed's included and excluded items of the base, as data. */
function defaultBaseComponents(): BaseComponent[] {
  const inService = ['salaried', 'annual_salary', 'self_employed', 'other'] as BaseComponent['categories'];
  const inc = (key: string, label: string, categories: BaseComponent['categories'], source: string) => ({
    key,
    label,
    included: true,
    categories,
    source,
  });
  const exc = (key: string, label: string, source = '篇二 L238') => ({
    key,
    label,
    included: false,
    categories: inService,
    source,
  });
  return [
    inc('post_salary', '职务/岗位工资', ['salaried'], '篇二 L228'),
    inc('grade_salary', '级别/薪级/技术等级工资', ['salaried'], '篇二 L228'),
    inc('basic_performance', '基础性绩效工资', ['salaried'], '篇二 L228'),
    inc('allowances', '津贴补贴（规范性）', ['salaried'], '篇二 L228'),
    inc('basic_wage', '基本工资（企业）', ['salaried'], '篇二 L228'),
    inc('bonus', '奖金（企业经常性部分）', ['salaried'], '篇二 L228'),
    inc('annual_pay', '当月实际领取的薪酬收入', ['annual_salary'], '篇二 L230'),
    inc('net_income', '上季度月平均纯收入', ['self_employed', 'other'], 'RULES.md §1'),
    inc('basic_pension', '基本离退休费/基本养老金', ['retired'], '篇二 L232–L234'),
    inc('enterprise_annuity', '企业年金', ['retired'], '篇二 L234'),
    inc('extra_pension', '统筹外养老金', ['retired'], '篇二 L234'),
    {
      key: 'retiree_allowances',
      label: '离退休人员津补贴',
      included: false,
      categories: ['retired'],
      source: '篇二 L234',
    },
    exc('income_tax', '个人所得税'),
    exc('social_insurance', '养老、医疗、失业、工伤、生育保险'),
    exc('housing_fund', '住房公积金'),
    exc('annuity', '职业年金、企业年金'),
    exc('reform_allowances', '改革性补贴（住房、交通、车补、通讯、加班、误餐、取暖、防暑降温、物业）'),
    exc('special_post_allowances', '特殊岗位津贴补贴、政府特殊津贴、保健类补贴'),
    exc('insurance_subsidies', '社会保险类补贴、抚恤金'),
    exc('incentive_performance', '奖励性绩效工资', '篇二 L240'),
    exc('irregular_bonus', '不定期、非普遍发放的奖金和绩效', '篇二 L240'),
    exc('tech_transfer_reward', '科技成果转化奖励和报酬', '篇二 L240'),
  ];
}

/** RULES.md §1 (篇二; 《关于中国共产党党费收缴、使用和管理的规定》). */
export const duesPolicySchema = z
  .object({
    salariedBrackets: brackets(() => [
      { upTo: '3000', rate: '0.005' },
      { upTo: '5000', rate: '0.01' },
      { upTo: '10000', rate: '0.015' },
      { upTo: null, rate: '0.02' },
    ]),
    retiredBrackets: brackets(() => [
      { upTo: '5000', rate: '0.005' },
      { upTo: null, rate: '0.01' },
    ]),
    fixedAmounts: z
      .object({ farmer: yuan, student: yuan, unemployed: yuan, relief: yuan })
      .default(() => ({ farmer: '0.20', student: '0.20', unemployed: '0.20', relief: '0.20' })),
    farmerRange: z.object({ min: yuan, max: yuan }).default(() => ({ min: '0.20', max: '1.00' })),
    monthlyCap: yuan.default('1000.00'),
    largeDuesThreshold: yuan.default('1000.00'),
    backPayMonths: count(6),
    // 篇二 L226: remitted upward generally every quarter, at most every 6 months.
    remitEveryMonths: count(3),
    remitMaxMonths: count(6),
    // 篇二 L226 "每月相对固定一天收缴党费": the branch's collection day (1–28 so it exists every month).
    collectionDay: z.number().int().min(1).max(28).default(10),
    // Issue 10 §7: the dues reminder starts this many days before the collection day, and escalates once this
    // many months are unpaid; RULES.md §1/§6 (篇三 L380): 6 consecutive unpaid months make a disposal candidate.
    reminderDays: count(3),
    escalateAfterMonths: count(3),
    noDuesDisposalMonths: count(6),
    // 篇二 L226 每年公布一次: the year's publication is due by this day (MM-DD) of the following year.
    publicationDueMonthDay: z
      .string()
      .refine((s) => /^\d{2}-\d{2}$/.test(s) && isValidIsoDate(`2001-${s}`), '公布截止日期应为 MM-DD')
      .default('01-31'),
    publicationDueSoonDays: count(30),
    // 篇二 L250: for a retired member in hardship the branch's approval suffices; otherwise the committee approves.
    retiredHardshipBranchOnly: z.boolean().default(true),
    // RULES.md §1 / 篇二 L228–L240: what the base of each kind of member includes and excludes, shown to staff.
    baseComponents: z
      .array(
        z.object({
          key: z.string().regex(/^[a-z][a-z0-9_]*$/),
          label: z.string().min(1),
          included: z.boolean(),
          categories: z
            .array(z.enum(['salaried', 'annual_salary', 'retired', 'self_employed', 'other']))
            .min(1),
          source: z.string().optional(),
        }),
      )
      .default(() => defaultBaseComponents()),
    categoryBrackets: z
      .object({
        salaried: bracketKind,
        annual_salary: bracketKind,
        self_employed: bracketKind,
        other: bracketKind,
        retired: bracketKind,
      })
      .default(() => ({
        salaried: 'salaried' as const,
        annual_salary: 'salaried' as const,
        self_employed: 'salaried' as const,
        other: 'salaried' as const,
        retired: 'retired' as const,
      })),
  })
  .refine(
    (p) => {
      const [min, max, farmer] = [fen(p.farmerRange.min), fen(p.farmerRange.max), fen(p.fixedAmounts.farmer)];
      return min <= farmer && farmer <= max;
    },
    { message: '农民党员默认党费应在允许范围内', path: ['fixedAmounts', 'farmer'] },
  )
  .refine((p) => p.remitEveryMonths >= 1 && p.remitEveryMonths <= p.remitMaxMonths, {
    message: '上缴周期应在 1 个月与最长间隔之间',
    path: ['remitEveryMonths'],
  });

/** RULES.md §4, 《中国共产党支部工作条例(试行)》. */
export const orgShapePolicySchema = z.object({
  minFullMembersForBranch: count(3),
  maxBranchMembers: count(50),
  maxJointBranchUnits: count(5),
  committeeThreshold: count(7),
  committeeSize: z
    .object({ min: z.number().int().min(1), max: z.number().int(), hardMax: z.number().int() })
    .refine((s) => s.min <= s.max && s.max <= s.hardMax, '支委会人数应满足 下限 ≤ 上限 ≤ 最多')
    .default(() => ({ min: 3, max: 5, hardMax: 7 })),
  termYears: z
    .object({ branch: count(3), general_branch: count(3), committee: count(5), working_committee: count(5) })
    .default(() => ({ branch: 3, general_branch: 3, committee: 5, working_committee: 5 })),
  termWarningDays: count(90),
});

// Days 29–31 do not exist in every month, so a fixed day stops at 28 and 'end' means the month's last day.
const dueDay = z.union([z.literal('end'), z.number().int().min(1).max(28)]).default('end' as const);

/** RULES.md §2 (篇三, 篇七, 篇九, 篇十; 《党员教育管理工作条例》). */
export const mobilityPolicySchema = z
  .object({
    shortTripMonths: count(3),
    longTripMonths: count(6),
    lostContactMonths: count(6),
    stopToLapseYears: count(2),
    abroadStudyStopYears: count(5),
    // 《党员教育管理工作条例》: members abroad for study or research are contacted at least once every
    // 6 months; a period of whole months that divides the year (month, quarter, half-year, year).
    abroadStudyContactMonths: z
      .union([z.literal(1), z.literal(3), z.literal(6), z.literal(12)], {
        error: '出国留学联系周期应为 1、3、6 或 12 个月',
      })
      .default(6),
    reportsPerYearUnfixed: count(2),
    // 篇九 一月一汇报 is the stricter default; 篇三 L356 "每年至少汇报两次" is the variant a locality may
    // choose instead (RULES.md §2): one report in each half-year.
    reportCadence: z.enum(['monthly', 'half_yearly']).default('monthly'),
    lifeInsideProvincePerQuarter: count(1),
    lifeOutsideProvincePerYear: count(2),
    dueSoonDays: count(7),
    certificateValidityMonths: count(12),
    certificateLetterForAllShortStays: z.boolean().default(false),
    // 篇九 "一月一联系、一月一汇报、一年一评议": the day of the month (or 'end') by which each is due.
    contactDueDay: dueDay,
    reportDueDay: dueDay,
    // MM-DD checked against a common year, so a due date exists every year (no 02-29).
    reviewDueMonthDay: z
      .string()
      .refine((s) => /^\d{2}-\d{2}$/.test(s) && isValidIsoDate(`2001-${s}`), '评议截止日期应为 MM-DD')
      .default('12-31'),
    breachAfterDays: count(30),
  })
  .refine((p) => p.shortTripMonths <= p.longTripMonths, {
    message: '短期外出月数不应超过长期外出月数',
    path: ['shortTripMonths'],
  });

export const policySchemas = {
  dues: duesPolicySchema,
  org_shape: orgShapePolicySchema,
  mobility: mobilityPolicySchema,
  meetings: meetingPolicySchema,
};

export type PolicyKind = keyof typeof policySchemas;
export type Policies = { [K in PolicyKind]: z.infer<(typeof policySchemas)[K]> };
export type DuesPolicy = Policies['dues'];
export type OrgShapePolicy = Policies['org_shape'];
export type MobilityPolicy = Policies['mobility'];

export function defaultPolicies(): Policies {
  return {
    dues: duesPolicySchema.parse({}),
    org_shape: orgShapePolicySchema.parse({}),
    mobility: mobilityPolicySchema.parse({}),
    meetings: meetingPolicySchema.parse({}),
  };
}

export function parsePolicy<K extends PolicyKind>(kind: K, doc: unknown): z.ZodSafeParseResult<Policies[K]> {
  return policySchemas[kind].safeParse(doc) as z.ZodSafeParseResult<Policies[K]>;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  Object.prototype.toString.call(v) === '[object Object]';

function deepMerge(base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    // Overrides are stored user JSON: an own `__proto__` key must not reach the prototype setter.
    if (key !== '__proto__') out[key] = deepMerge(base[key], value);
  }
  return out;
}

/** A subtree's override laid over its parent's policy: objects merge, arrays and scalars replace. */
export function mergePolicy<K extends PolicyKind>(
  kind: K,
  base: Policies[K],
  override: unknown,
): Policies[K] {
  const result = parsePolicy(kind, deepMerge(base, override));
  if (!result.success) throw new DomainError('POLICY_INVALID', '策略配置无效', result.error.issues);
  return result.data;
}
