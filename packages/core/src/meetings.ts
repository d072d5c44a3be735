import { z } from 'zod';
import { addMonths, daysBetween, daysInMonth } from './dates.js';
import { type OrgObligation, obligationState } from './obligations.js';

/**
 * Organizational life (组织生活), RULES.md §4 (篇三, 篇九; 《中国共产党支部工作条例(试行)》 2018): the meeting
 * kinds, their calendar, quorum, late records and the escalation ladders. Pure functions of a
 * `MeetingPolicy`; the server loads the facts and stores what these return.
 */

/** DOMAIN.md 三会一课, 主题党日, 组织生活会, 谈心谈话. */
export const meetingTypes = [
  'assembly',
  'committee_meeting',
  'group_meeting',
  'party_lecture',
  'theme_day',
  'life_meeting',
  'heart_talk',
] as const;
export type MeetingType = (typeof meetingTypes)[number];

/** How often a kind is due; `none` takes it out of a locality's calendar. */
export const meetingFrequencies = ['monthly', 'quarterly', 'half_yearly', 'yearly', 'none'] as const;
export type MeetingFrequency = (typeof meetingFrequencies)[number];

/** DOMAIN.md 出席 / 线上 / 请假 / 缺席, and 迟到 (present, but late). */
export const attendanceStatuses = ['present', 'online', 'excused', 'absent', 'late'] as const;
export type AttendanceStatus = (typeof attendanceStatuses)[number];

/** Why a member was excused: 病假, 公假, 事假. */
export const leaveReasons = ['sick', 'official', 'personal'] as const;
export type LeaveReason = (typeof leaveReasons)[number];

/** RULES.md §4 and §6: what an absence leads to, for a member. */
export const escalationKinds = [
  'sms_reminder',
  'warning_letter',
  'backward_member',
  'lapse_candidate',
] as const;
export type EscalationKind = (typeof escalationKinds)[number];

/** What caused an escalation. */
export const escalationCauses = [
  'unexcused_absence',
  'excessive_leave',
  'two_warning_letters',
  'no_life_6m',
] as const;
export type EscalationCause = (typeof escalationCauses)[number];

/** 篇三 街道 六(一): a branch that does not hold its monthly activity — reminder, 诫勉谈话, disposal. */
export const orgEscalationKinds = ['written_reminder', 'admonition_talk', 'org_disposal'] as const;
export type OrgEscalationKind = (typeof orgEscalationKinds)[number];

const frequency = z.enum(meetingFrequencies);
const count = (value: number) => z.number().int().min(0).default(value);

/** The 《支部工作条例》 calendar (RULES.md §4): the shipped default, in force until a locality overrides it. */
export const defaultMeetingCalendar: Record<MeetingType, MeetingFrequency> = {
  assembly: 'quarterly',
  committee_meeting: 'monthly',
  group_meeting: 'monthly',
  party_lecture: 'quarterly',
  theme_day: 'monthly',
  life_meeting: 'yearly',
  heart_talk: 'yearly',
};

/**
 * The local calendars RULES.md §4 names, for a locality to lay over the default as its override:
 * 篇三 镇 (支委会 monthly, the others quarterly) and 篇九 L1034 (组织生活会 and 党员大会 half-yearly, the
 * secretary's 党课 at least yearly, 党小组会 monthly, 主题党日 quarterly L632).
 */
export const meetingCalendarVariants: Record<
  'pian3_town' | 'pian9',
  Record<MeetingType, MeetingFrequency>
> = {
  pian3_town: {
    assembly: 'quarterly',
    committee_meeting: 'monthly',
    group_meeting: 'quarterly',
    party_lecture: 'quarterly',
    theme_day: 'quarterly',
    life_meeting: 'yearly',
    heart_talk: 'yearly',
  },
  pian9: {
    assembly: 'half_yearly',
    committee_meeting: 'monthly',
    group_meeting: 'monthly',
    party_lecture: 'yearly',
    theme_day: 'quarterly',
    life_meeting: 'half_yearly',
    heart_talk: 'yearly',
  },
};

/** RULES.md §4 and §6; each number is a seed default a locality may override. */
export const meetingPolicySchema = z.object({
  calendar: z
    .object(
      Object.fromEntries(meetingTypes.map((t) => [t, frequency])) as Record<MeetingType, typeof frequency>,
    )
    .default(() => ({ ...defaultMeetingCalendar })),
  // API.md meetings: recording more than this many days after the meeting needs a reason (no silent back-filling).
  lateRecordDays: count(30),
  // 篇九 L896 "请在当月 20 日前将记录上传": the day of the month by which the secretary is reminded.
  reminderDay: z.number().int().min(1).max(28).default(20),
  // How many days before the reminder day a meeting not yet held shows as due soon (the 预警 list).
  meetingDueSoonDays: count(5),
  // 主题党日 "on a fixed day" of the month (篇三 L290, 篇九 L910), shown in the calendar.
  themeDayOfMonth: z.number().int().min(1).max(28).default(15),
  signInMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(120),
  // 篇三 街道 三(二) L274/L280: more than 3 leaves in a year is a 情形 of its own, with its own 警戒书.
  maxLeavesPerYear: count(3),
  // RULES.md §6: "two letters in all ⇒ backward member".
  warningLettersForBackward: z.number().int().min(1).default(2),
  // RULES.md §6 (L380): 6 consecutive months without organizational life ⇒ 自动脱党 candidate.
  lapseMonths: z.number().int().min(1).default(6),
  // RULES.md §6: 落后党员 held in the 整转支部 "about half a year", then reviewed.
  backwardHoldingMonths: z.number().int().min(1).default(6),
  // 篇三 街道 六(一): missed months in a year ⇒ written reminder (1), 诫勉谈话 (2), disposal (3).
  missedMonthsForAdmonition: z.number().int().min(1).default(2),
  missedMonthsForDisposal: z.number().int().min(1).default(3),
  // Photos and files of the minutes are kept in the database: the limit of one attachment.
  attachmentMaxBytes: z
    .number()
    .int()
    .min(1024)
    .max(20 * 1024 * 1024)
    .default(5 * 1024 * 1024),
  // RULES.md §6: 限期改正 runs one year.
  correctionMonths: z.number().int().min(1).default(12),
  // How many days before a 限期改正 ends its review shows as due soon (the 预警 list).
  correctionDueSoonDays: count(30),
});
export type MeetingPolicy = z.infer<typeof meetingPolicySchema>;

/** The period of a frequency a day falls in: `YYYY-MM`, `YYYY-Qn`, `YYYY-Hn` or `YYYY` (API.md). */
export function periodOf(freq: Exclude<MeetingFrequency, 'none'>, date: string): string {
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  switch (freq) {
    case 'monthly':
      return date.slice(0, 7);
    case 'quarterly':
      return `${year}-Q${Math.ceil(month / 3)}`;
    case 'half_yearly':
      return `${year}-H${month <= 6 ? 1 : 2}`;
    case 'yearly':
      return year;
  }
}

/** Every period of a year, in order. */
export function periodsOfYear(freq: Exclude<MeetingFrequency, 'none'>, year: number): string[] {
  const per = { monthly: 12, quarterly: 4, half_yearly: 2, yearly: 1 }[freq];
  const span = 12 / per;
  return Array.from({ length: per }, (_, i) =>
    periodOf(freq, `${year}-${String(i * span + 1).padStart(2, '0')}-01`),
  );
}

/** The last day of a period. */
export function periodEnd(period: string): string {
  const year = Number(period.slice(0, 4));
  const rest = period.slice(5);
  const lastMonth =
    rest === ''
      ? 12
      : rest.startsWith('Q')
        ? Number(rest[1]) * 3
        : rest.startsWith('H')
          ? Number(rest[1]) * 6
          : Number(rest);
  return `${year}-${String(lastMonth).padStart(2, '0')}-${String(daysInMonth(year, lastMonth)).padStart(2, '0')}`;
}

export interface ComplianceItem {
  type: MeetingType;
  frequency: Exclude<MeetingFrequency, 'none'>;
  required: number;
  held: number;
  missingPeriods: string[];
  /** Periods not yet ended and not yet held: neither held nor missing. */
  openPeriods: string[];
}

/** The months of a year in which each kind was held: bit n set when month n + 1 had at least one. */
export type HeldMonths = Partial<Record<MeetingType, number>>;

/** The held months of `year` among meetings of any years. */
export function heldMonthsOf(
  year: number,
  meetings: readonly { type: MeetingType; heldOn: string }[],
): HeldMonths {
  const held: HeldMonths = {};
  const prefix = `${year}-`;
  for (const m of meetings) {
    if (!m.heldOn.startsWith(prefix)) continue;
    held[m.type] = (held[m.type] ?? 0) | (1 << (Number(m.heldOn.slice(5, 7)) - 1));
  }
  return held;
}

const monthsPerPeriod = { monthly: 1, quarterly: 3, half_yearly: 6, yearly: 12 } as const;

/** A year's periods of a frequency and which of them ended before a day: the same for every branch. */
const calendarCache = new Map<string, { periods: string[]; ended: boolean[] }>();
function periodsAsOf(freq: Exclude<MeetingFrequency, 'none'>, year: number, asOf: string) {
  const key = `${freq}:${year}:${asOf}`;
  let hit = calendarCache.get(key);
  if (!hit) {
    if (calendarCache.size > 256) calendarCache.clear();
    const periods = periodsOfYear(freq, year);
    hit = { periods, ended: periods.map((p) => periodEnd(p) < asOf) };
    calendarCache.set(key, hit);
  }
  return hit;
}

/**
 * `lifeCompliance` from the months each kind was held (one bitmask a kind): what a township's
 * comparison computes for thousands of branches, a few bit tests a period.
 */
export function lifeComplianceOfMonths(
  policy: Pick<MeetingPolicy, 'calendar'>,
  year: number,
  held: HeldMonths,
  asOf: string,
): ComplianceItem[] {
  const items: ComplianceItem[] = [];
  for (const type of meetingTypes) {
    const freq = policy.calendar[type];
    if (freq === 'none') continue;
    const span = monthsPerPeriod[freq];
    const { periods, ended } = periodsAsOf(freq, year, asOf);
    const mask = held[type] ?? 0;
    const whole = (1 << span) - 1;
    let count = 0;
    const missingPeriods: string[] = [];
    const openPeriods: string[] = [];
    for (let k = 0; k < periods.length; k += 1) {
      if (mask & (whole << (k * span))) count += 1;
      else if (ended[k]) missingPeriods.push(periods[k]!);
      else openPeriods.push(periods[k]!);
    }
    items.push({ type, frequency: freq, required: periods.length, held: count, missingPeriods, openPeriods });
  }
  return items;
}

/**
 * API.md `GET /api/orgs/:id/life-compliance`: for every kind of the calendar, whatever the organization's
 * size, `required` is the number of its periods in the year, `held` the periods with at least one such
 * meeting, `missingPeriods` the ended periods (ended before `asOf`) without one.
 */
export function lifeCompliance(
  policy: Pick<MeetingPolicy, 'calendar'>,
  year: number,
  meetings: readonly { type: MeetingType; heldOn: string }[],
  asOf: string,
): ComplianceItem[] {
  return lifeComplianceOfMonths(policy, year, heldMonthsOf(year, meetings), asOf);
}

/** Who counts as there: present, online, or late (arrived). */
export const attended = (status: AttendanceStatus) =>
  status === 'present' || status === 'online' || status === 'late';

/**
 * RULES.md §4 quorum: the assembly needs more than half of the voting (full) members present, the
 * committee more than half of its members. Other kinds have none (null).
 */
export function quorum(
  type: MeetingType,
  expected: number,
  attending: number,
): { met: boolean; needed: number } | null {
  if (type !== 'assembly' && type !== 'committee_meeting') return null;
  const needed = Math.floor(expected / 2) + 1;
  return { met: attending >= needed, needed };
}

/** RULES.md §4: a motion passes with more than half of those due to attend (not of those present). */
export function motionPasses(votesFor: number, due: number): boolean {
  return votesFor * 2 > due;
}

/** API.md: recording more than the policy's days after the meeting was held is late and needs a reason. */
export function isLateRecord(
  policy: Pick<MeetingPolicy, 'lateRecordDays'>,
  heldOn: string,
  recordedOn: string,
): boolean {
  return daysBetween(heldOn, recordedOn) > policy.lateRecordDays;
}

export interface AttendanceFact {
  meetingId: string;
  heldOn: string;
  status: AttendanceStatus;
}

export interface EscalationDecision {
  kind: EscalationKind;
  cause: EscalationCause;
  /** The meeting whose attendance caused it; its `heldOn` is the escalation's `createdOn`. */
  meetingId: string;
  createdOn: string;
}

const monthIndex = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
const byDay = (a: AttendanceFact, b: AttendanceFact) =>
  a.heldOn < b.heldOn
    ? -1
    : a.heldOn > b.heldOn
      ? 1
      : a.meetingId < b.meetingId
        ? -1
        : a.meetingId > b.meetingId
          ? 1
          : 0;

/** An escalation already issued (and perhaps printed and delivered): it stands whatever is recorded later. */
export type IssuedEscalation = Pick<EscalationDecision, 'kind' | 'cause' | 'meetingId' | 'createdOn'>;

/**
 * The escalations a member's attendance calls for that were not issued yet (RULES.md §4 decision, §6).
 * Per calendar year: the first unexcused absence ⇒ `sms_reminder`, each later one ⇒ `warning_letter`;
 * leave beyond `maxLeavesPerYear` ⇒ one `warning_letter` of its own (篇三 L280 "一种情形单独发放警戒书"); the
 * letters reaching `warningLettersForBackward` ⇒ one `backward_member`. Across years: unexcused absences
 * filling `lapseMonths` calendar months with no attendance or leave between ⇒ `lapse_candidate` (自动脱党,
 * L380), once for each such run. What was issued stands and counts: an absence recorded later, even for an
 * earlier day, takes the next step of its year (a second reminder is never sent), and nothing is issued twice.
 * `attendance` includes the organizational life a mobile member attended elsewhere, as `present`.
 */
export function memberEscalations(
  policy: Pick<MeetingPolicy, 'maxLeavesPerYear' | 'warningLettersForBackward' | 'lapseMonths'>,
  attendance: readonly AttendanceFact[],
  issued: readonly IssuedEscalation[] = [],
): EscalationDecision[] {
  const out: EscalationDecision[] = [];
  const sorted = [...attendance].sort(byDay);
  const years = new Map<
    string,
    { unexcused: number; leaves: number; letters: number; backward: boolean; leaveLetter: boolean }
  >();
  const yearOf = (year: string) => {
    let y = years.get(year);
    if (!y) {
      y = { unexcused: 0, leaves: 0, letters: 0, backward: false, leaveLetter: false };
      years.set(year, y);
    }
    return y;
  };
  const answered = new Set<string>();
  const lapsed = new Set<string>();
  for (const e of issued) {
    const y = yearOf(e.createdOn.slice(0, 4));
    if (e.cause === 'unexcused_absence') {
      y.unexcused += 1;
      answered.add(e.meetingId);
    }
    if (e.kind === 'warning_letter') y.letters += 1;
    if (e.cause === 'excessive_leave') y.leaveLetter = true;
    if (e.kind === 'backward_member') y.backward = true;
    if (e.kind === 'lapse_candidate') lapsed.add(e.meetingId);
  }
  // The runs of unexcused absences with nothing between, each as its meetings: a run flagged once stays flagged.
  const runs: AttendanceFact[][] = [];
  let run: AttendanceFact[] = [];
  for (const a of sorted) {
    if (a.status === 'absent') run.push(a);
    else if (run.length > 0) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length > 0) runs.push(run);
  const runOf = new Map<string, AttendanceFact[]>();
  for (const r of runs) for (const a of r) runOf.set(a.meetingId, r);
  const flagged = new Set(runs.filter((r) => r.some((a) => lapsed.has(a.meetingId))));

  for (const a of sorted) {
    const y = yearOf(a.heldOn.slice(0, 4));
    const push = (kind: EscalationKind, cause: EscalationCause) =>
      out.push({ kind, cause, meetingId: a.meetingId, createdOn: a.heldOn });
    const letter = (cause: EscalationCause) => {
      push('warning_letter', cause);
      y.letters += 1;
      if (!y.backward && y.letters >= policy.warningLettersForBackward) {
        y.backward = true;
        push('backward_member', 'two_warning_letters');
      }
    };
    if (a.status === 'absent') {
      if (!answered.has(a.meetingId)) {
        y.unexcused += 1;
        if (y.unexcused === 1) push('sms_reminder', 'unexcused_absence');
        else letter('unexcused_absence');
      }
      const r = runOf.get(a.meetingId) as AttendanceFact[];
      const first = r[0] as AttendanceFact;
      if (!flagged.has(r) && monthIndex(a.heldOn) - monthIndex(first.heldOn) + 1 >= policy.lapseMonths) {
        flagged.add(r);
        push('lapse_candidate', 'no_life_6m');
      }
    } else if (a.status === 'excused') {
      y.leaves += 1;
      if (!y.leaveLetter && y.leaves > policy.maxLeavesPerYear) {
        y.leaveLetter = true;
        letter('excessive_leave');
      }
    }
  }
  return out;
}

/**
 * 篇三 街道 六(一): the months of a year in which the organization held no activity, in order, each
 * answered by the next step: the first ⇒ written reminder to the secretary, reaching
 * `missedMonthsForAdmonition` ⇒ 诫勉谈话, reaching `missedMonthsForDisposal` ⇒ the disposal procedure.
 */
export function orgEscalations(
  policy: Pick<MeetingPolicy, 'missedMonthsForAdmonition' | 'missedMonthsForDisposal'>,
  missedMonths: readonly string[],
): { kind: OrgEscalationKind; period: string }[] {
  return [...missedMonths].sort().map((period, i) => {
    const n = i + 1;
    const kind: OrgEscalationKind =
      n >= policy.missedMonthsForDisposal
        ? 'org_disposal'
        : n >= policy.missedMonthsForAdmonition
          ? 'admonition_talk'
          : 'written_reminder';
    return { kind, period };
  });
}

/** The months of `year` ended before `asOf` in which none of `heldOn` falls (the org's missed months). */
export function missedMonths(year: number, heldOn: readonly string[], asOf: string): string[] {
  const held = new Set(heldOn.map((d) => d.slice(0, 7)));
  return periodsOfYear('monthly', year).filter((m) => !held.has(m) && periodEnd(m) < asOf);
}

/** The day by which a 落后党员 in the 整转支部 is reviewed, or a 限期改正 checked (RULES.md §6). */
export function followUpOn(from: string, months: number): string {
  return addMonths(from, months);
}

/** The reminder day of a period: `reminderDay` of its last month (篇九 L896 "当月 20 日前"). */
export function meetingDueOn(policy: Pick<MeetingPolicy, 'reminderDay'>, period: string): string {
  return `${periodEnd(period).slice(0, 8)}${String(policy.reminderDay).padStart(2, '0')}`;
}

/**
 * The `meeting_due` obligation an organization owes on `asOf` (issue 9 item 1: the secretary is reminded
 * when the period's meeting is not yet held by the policy's day): for every kind of the calendar, the
 * period holding `asOf` is due on `meetingDueOn`; the most pressing one is kept (organizations store
 * one row a kind): the earliest due of those not yet held (the shorter period on the same day), else, all held, the
 * earliest due, `ok`. Due
 * soon from `meetingDueSoonDays` before, overdue after, up to the period's end: a period that ended
 * without its meeting is the ladder's (`orgEscalations`) and `lifeCompliance`'s missing period, not
 * this reminder's.
 */
export function meetingDueObligations(
  policy: Pick<MeetingPolicy, 'calendar' | 'reminderDay' | 'meetingDueSoonDays'>,
  facts: { orgId: string; meetings: readonly { type: MeetingType; heldOn: string }[] },
  asOf: string,
): OrgObligation[] {
  const due: (OrgObligation & { rank: number })[] = [];
  for (const type of meetingTypes) {
    const freq = policy.calendar[type];
    if (freq === 'none') continue;
    const period = periodOf(freq, asOf);
    const dueOn = meetingDueOn(policy, period);
    const held = facts.meetings
      .filter((m) => m.type === type && m.heldOn <= asOf && periodOf(freq, m.heldOn) === period)
      .map((m) => m.heldOn)
      .sort();
    const fulfilledOn = held[0] ?? null;
    const grace = Math.max(0, daysBetween(dueOn, periodEnd(period)));
    const state = obligationState(dueOn, fulfilledOn, asOf, policy.meetingDueSoonDays, grace);
    const rank = meetingFrequencies.indexOf(freq);
    due.push({ orgId: facts.orgId, kind: 'meeting_due', period, dueOn, state, fulfilledOn, rank });
  }
  const open = due.filter((o) => o.fulfilledOn === null);
  // On the same day (a quarter's last month) the month is named: the shorter period first.
  const pick = (open.length > 0 ? open : due).reduce<(typeof due)[number] | null>(
    (best, o) =>
      best === null || o.dueOn < best.dueOn || (o.dueOn === best.dueOn && o.rank < best.rank) ? o : best,
    null,
  );
  if (!pick) return [];
  const { rank: _rank, ...obligation } = pick;
  return [obligation];
}

/** How the printed documents and spreadsheets name the kinds (DOMAIN.md 三会一课, 主题党日, 组织生活会). */
export const meetingTypeNames: Record<MeetingType, string> = {
  assembly: '支部党员大会',
  committee_meeting: '支部委员会',
  group_meeting: '党小组会',
  party_lecture: '党课',
  theme_day: '主题党日',
  life_meeting: '组织生活会',
  heart_talk: '谈心谈话',
};

/** The printed causes of a member's escalation (RULES.md §4, §6). */
export const escalationCauseNames: Record<EscalationCause, string> = {
  unexcused_absence: '无故不参加组织生活',
  excessive_leave: '一年内请假超过规定次数',
  two_warning_letters: '一年内累计收到两份警戒书',
  no_life_6m: '连续六个月不参加党的组织生活',
};

/** The documents of the branch ladder (篇三 街道 六(一)). */
export const orgEscalationKindNames: Record<OrgEscalationKind, string> = {
  written_reminder: '书面提醒',
  admonition_talk: '诫勉谈话',
  org_disposal: '组织处置',
};
