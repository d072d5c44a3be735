/** Every error the API returns: a stable code, an HTTP status and a Chinese message (API.md "Errors"). */
const catalog = {
  VALIDATION_FAILED: [400, '请求参数不合法'],
  INVALID_JSON: [400, '请求内容不是合法的 JSON'],
  INVALID_TEXT: [400, '请求中含有不允许的字符（空字符、不成对的代理字符或无法解码的百分号编码）'],
  JSON_TOO_DEEP: [400, '请求内容的 JSON 嵌套层数过多（最多 32 层）'],
  ID_FORMAT: [400, '公民身份号码格式不正确'],
  ID_CHECKSUM: [400, '公民身份号码校验位不正确'],
  ID_BIRTH_DATE: [400, '公民身份号码中的出生日期无效'],
  ID_MISMATCH: [400, '公民身份号码与出生日期或性别不一致'],
  INVALID_PHONE: [400, '联系电话格式不正确'],
  INVALID_REGION: [400, '行政区划代码不存在'],
  INVALID_AMOUNT: [400, '金额格式不正确'],
  DUES_BASE_REQUIRED: [400, '该类别须提供党费计算基数'],
  IMPORT_NOT_XLSX: [400, '上传的文件不是有效的 Excel (.xlsx) 文件'],
  IMPORT_NO_FILE: [400, '请上传文件（字段名 file）'],
  IMPORT_BAD_HEADER: [400, '表头缺少必填列'],
  UNSUPPORTED_MEDIA_TYPE: [415, '不支持的内容类型'],
  UNAUTHENTICATED: [401, '请先登录'],
  SESSION_EXPIRED: [401, '登录已过期，请重新登录'],
  INVALID_CREDENTIALS: [401, '用户名或密码错误'],
  WRONG_PASSWORD: [400, '原密码不正确'],
  WEAK_PASSWORD: [400, '密码不符合要求：至少 8 位，且包含字母、数字、符号中的至少两类'],
  FORBIDDEN: [403, '无权执行此操作'],
  CSRF_REJECTED: [403, '跨站请求被拒绝'],
  NOT_FOUND: [404, '资源不存在'],
  ORG_NOT_FOUND: [404, '党组织不存在'],
  MEMBER_NOT_FOUND: [404, '党员不存在'],
  USER_NOT_FOUND: [404, '用户不存在'],
  LETTER_NOT_FOUND: [404, '未找到该编码对应的介绍信或证明'],
  IMPORT_NOT_FOUND: [404, '导入任务不存在'],
  ROUTE_NOT_FOUND: [404, '接口不存在'],
  ID_NUMBER_DUPLICATE: [409, '该公民身份号码已登记，同一人不能重复登记'],
  USERNAME_TAKEN: [409, '用户名已被使用'],
  CONFLICT: [409, '数据已被修改，请刷新后重试'],
  PAYLOAD_TOO_LARGE: [413, '上传内容过大'],
  URI_TOO_LONG: [414, '请求地址过长'],
  ORG_TYPE_NOT_ALLOWED: [422, '该类型的组织不能设在此上级组织之下'],
  ORG_MOVE_INTO_SELF: [422, '不能把组织移动到它自己或它的下级组织之下'],
  ORG_HAS_CHILDREN: [422, '该组织仍有下级组织，请先移动或撤销下级组织'],
  ORG_NOT_BRANCH: [422, '所在党支部必须是党支部一类的组织'],
  ORG_DISSOLVED: [422, '该组织已撤销'],
  ROOT_ORG_FORBIDDEN: [403, '只有系统管理员可以创建顶级组织'],
  IMPORT_INVALID: [422, '导入文件中有错误，已全部拒绝，未写入任何数据'],
  IMPORT_TOO_LARGE: [413, '文件解压后过大，已拒绝'],
  RULE_VIOLATION: [422, '违反业务规则'],
  POLICY_INVALID: [422, '政策内容不合法'],
  ROLE_NOT_ALLOWED: [403, '不能授予高于自己的角色'],
  MEMBER_REQUIRED: [400, '党员账号须关联党员 (memberId)'],
  RELATIVE_SELF: [422, '不能把本人登记为亲属'],
  TOO_MANY_ATTEMPTS: [429, '登录失败次数过多，请稍后再试'],
  ACCOUNT_LOCKED: [429, '账号因多次登录失败已被临时锁定，请稍后再试'],
  EPISODE_NOT_FOUND: [404, '流动记录不存在'],
  EPISODE_OPEN: [409, '该党员已有未结束的外出登记'],
  EPISODE_CLOSED: [409, '该外出登记已结束'],
  EPISODE_INCOMPLETE: [409, '该外出登记待补全：请先补全外出日期、预计外出时间和外出事由，再开具证明'],
  INFLOW_ORG_NOT_FOUND: [404, '流入党组织不存在'],
  ABROAD_WITH_REGION: [422, '出国（境）的外出登记不填写国内行政区划，外出流向记为境外'],
  JOBS_RUNNING: [409, '每日计算正在进行，请稍后再试'],
  NO_DOCUMENT_NEEDED: [422, '按规定本次外出不需要开具证明'],
  TRANSFER_REQUIRED: [422, '按规定应转移正式组织关系（开具组织关系介绍信），不开具活动证'],
  CERTIFICATE_EXISTS: [409, '已开具有效的证明，如遗失请补办'],
  LETTER_STATE: [409, '该证明当前状态不允许此操作'],
  REPORT_EXISTS: [409, '本月思想汇报已提交'],
  REVIEW_EXISTS: [409, '该年度已有评议记录'],
  CASE_NOT_FOUND: [404, '党籍处置事项不存在'],
  CASE_DECIDED: [409, '该事项已作出决定'],
  CASE_NOT_ALLOWED: [422, '不符合提出该事项的条件'],
  COMMITTEE_REQUIRED: [403, '须由党委（党工委）审批'],
  SAME_PERSON_DECISION: [403, '提出人不能审批本人提出的事项，须由党委（党工委）其他人员审批'],
  CONTACT_CHANGE_NOT_FOUND: [404, '联系方式变更申请不存在'],
  CONTACT_CHANGE_PENDING: [409, '已有一项待党支部确认的联系方式变更，请等待确认后再提交'],
  CONTACT_CHANGE_DECIDED: [409, '该变更申请已处理'],
  MEETING_NOT_FOUND: [404, '会议不存在'],
  MEETING_HELD: [409, '该计划会议已经召开并登记'],
  LATE_RECORD_NEEDS_REASON: [422, '会议召开已超过规定天数，补录须说明原因'],
  NOT_AN_ATTENDEE: [422, '该党员不是本次会议的应到人员'],
  SIGN_IN_NOT_FOUND: [404, '签到码不存在'],
  SIGN_IN_CLOSED: [422, '签到已结束'],
  ALREADY_SIGNED_IN: [409, '已签到，不能重复签到'],
  FILE_TOO_LARGE: [413, '文件超过大小上限'],
  LEAVE_NOT_FOUND: [404, '请假申请不存在'],
  LEAVE_EXISTS: [409, '已提交过本次会议的请假申请'],
  LEAVE_DECIDED: [409, '该请假申请已处理'],
  LEAVE_NOT_ALLOWED: [422, '该会议已超过可请假的期限'],
  EXEMPTION_NOT_FOUND: [404, '免于参加组织生活的记录不存在'],
  EXEMPTION_NEEDS_UPPER_ORG: [403, '免于参加组织生活须由党员所在组织的上级组织批准'],
  DISPOSAL_NOT_FOUND: [404, '处置事项不存在'],
  DISPOSAL_EXISTS: [409, '该党员已有同一事由未结束的处置事项'],
  DISPOSAL_CLOSED: [409, '该处置已结束'],
  DISPOSAL_STEP_ORDER: [422, '处置程序须按步骤顺序登记'],
  DISPOSAL_STEP_DATE: [422, '日期不能早于上一步'],
  DISPOSAL_VOTE_REQUIRED: [422, '支部大会表决须登记表决票数'],
  DISPOSAL_DECISION_REQUIRED: [422, '审批须载明处置决定'],
  DISPOSAL_DECISION_INVALID: [422, '该处置决定不适用于此事由或此党员'],
  DISPOSAL_NEEDS_UPPER_ORG: [403, '上级预审和审批须由党员所在支部的上级党组织办理'],
  DISPOSAL_GROUND_AUTOMATIC: [422, '该事由由系统在其发生时自动列入处置，不能手工添加'],
  DISPOSAL_APPROVED: [409, '已审批的处置不能撤销'],
  FONT_MISSING: [503, '缺少中文字体，无法生成 PDF：请安装 fonts-noto-cjk 或设置 FONT_PATH'],
  INTERNAL: [500, '服务器内部错误'],
} as const satisfies Record<string, readonly [number, string]>;

export type ErrorCode = keyof typeof catalog;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: unknown,
  ) {
    super(message ?? catalog[code][1]);
    this.status = catalog[code][0];
  }
}

export function isKnownCode(code: string): code is ErrorCode {
  return code in catalog;
}

export function defaultMessage(code: ErrorCode): string {
  return catalog[code][1];
}

/** PostgreSQL's unique_violation, as raised by either driver (drizzle may wrap it in `cause`). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return (e.code ?? e.cause?.code) === '23505';
}
