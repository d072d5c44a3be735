/** One template per reminder, in the spirit of 篇三's SMS reminders: say what, by when, and where. */
export const templates: Record<string, (v: Record<string, string>) => { title: string; body: string }> = {
  monthly_report: (v) => ({
    title: v.late ? '思想汇报逾期' : '思想汇报提醒',
    body: v.late
      ? `${v.name}同志：${v.period} 的思想汇报应于 ${v.dueOn} 前提交，现已逾期，请尽快补交（一月一汇报）。`
      : `${v.name}同志：请于 ${v.dueOn} 前提交 ${v.period} 的思想汇报（一月一汇报）。`,
  }),
  monthly_contact: (v) => ({
    title: v.late ? '联系党员逾期' : '联系党员提醒',
    body: v.late
      ? `流动党员 ${v.name} ${v.period} 的联系应于 ${v.dueOn} 前完成，现已逾期，请尽快联系并登记。`
      : `请于 ${v.dueOn} 前与流动党员 ${v.name} 取得联系并登记（一月一联系）。`,
  }),
  org_life: (v) => ({
    title: v.late ? '组织生活缺勤' : '组织生活提醒',
    body: v.late
      ? `${v.name}同志：${v.period} 未参加组织生活（应于 ${v.dueOn} 前），请与党支部联系补学。`
      : `${v.name}同志：${v.period} 的组织生活须于 ${v.dueOn} 前参加（可线上参加）。`,
  }),
  yearly_review: (v) => ({
    title: v.late ? '年度评议逾期' : '年度评议提醒',
    body: v.late
      ? `流动党员 ${v.name} 的 ${v.period} 年度评议应于 ${v.dueOn} 前完成，现已逾期。`
      : `流动党员 ${v.name} 的 ${v.period} 年度评议须于 ${v.dueOn} 前完成（一年一评议）。`,
  }),
  term_ended: (v) => ({
    title: '换届逾期',
    body: `${v.org}本届任期已于 ${v.termEndsOn} 届满，应及时进行换届选举（《中国共产党支部工作条例（试行）》第六章：届满应当按期换届）。`,
  }),
  term_ending: (v) => ({
    title: '换届提醒',
    body: `${v.org}本届任期将于 ${v.termEndsOn} 届满，请提前做好换届选举准备。`,
  }),
  no_secretary: (v) => ({
    title: '未设书记',
    body: `${v.org}目前没有在任的书记，请及时配备并在系统中登记任职。`,
  }),
  meeting_due: (v) => ({
    title: v.late ? '组织生活会议逾期未开' : '组织生活会议提醒',
    body: v.late
      ? `${v.name}：${v.period} 应召开的组织生活会议（三会一课、主题党日等）应于 ${v.dueOn} 前召开并上传记录，现已逾期，请尽快召开；当月未开展的，将按规定书面提醒、诫勉谈话直至组织处置（篇三 街道 六(一)）。`
      : `${v.name}：${v.period} 应召开的组织生活会议（三会一课、主题党日等）尚未召开，请于 ${v.dueOn} 前召开并上传记录。`,
  }),
  disposal: (v) => ({
    title: v.late ? '限期改正期满待考察' : '限期改正即将期满',
    body: v.late
      ? `${v.name}同志的限期改正已于 ${v.dueOn} 期满，请党支部及时考察其改正情况；仍无转变的，应列入处置（限期改正期满仍无转变，劝其退党）。`
      : `${v.name}同志的限期改正将于 ${v.dueOn} 期满，请党支部做好考察准备。`,
  }),
  probation_overdue: (v) => ({
    title: '预备期已满待转正',
    body: `预备党员 ${v.name} 于 ${v.joinedOn} 入党，预备期已满一年，尚未讨论其转为正式党员，请及时召开支部大会讨论（党章第七条）。`,
  }),
};

/**
 * Reminders the member acts on go to the member; the others to the staff of the member's branch,
 * with member_id left empty so they never show in the member's own inbox.
 */
export const toMember = new Set(['monthly_report', 'org_life']);
