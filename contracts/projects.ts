/**
 * Vocabulary of government-purchased service projects, shared by server and web. Codes are stored on records;
 * names are shown per language.
 */

/** Lifecycle (DESIGN §3): draft → submitted → approved(立项) → tendering → contracted → in_service → final_review → closed. */
export const PROJECT_STATUSES = [
  'draft',
  'submitted',
  'approved',
  'tendering',
  'contracted',
  'in_service',
  'final_review',
  'closed',
  'terminated',
] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const PROJECT_STATUS_NAMES: Record<ProjectStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '待立项', en: 'Submitted' },
  approved: { zh: '已立项', en: 'Approved' },
  tendering: { zh: '采购中', en: 'Tendering' },
  contracted: { zh: '已签约', en: 'Contracted' },
  in_service: { zh: '服务中', en: 'In service' },
  final_review: { zh: '末期评估', en: 'Final review' },
  closed: { zh: '已结项', en: 'Closed' },
  terminated: { zh: '已终止', en: 'Terminated' },
};

/** What can be done to a project; the server's transition table says from which state and by whom. */
export const PROJECT_ACTIONS = [
  'submit',
  'approve',
  'reject',
  'publish_call',
  'award',
  'start_service',
  'request_final_review',
  'close',
  'terminate',
] as const;
export type ProjectAction = (typeof PROJECT_ACTIONS)[number];

export const PROJECT_ACTION_NAMES: Record<ProjectAction, { zh: string; en: string }> = {
  submit: { zh: '提交立项', en: 'Submit' },
  approve: { zh: '批准立项', en: 'Approve' },
  reject: { zh: '退回修改', en: 'Reject' },
  publish_call: { zh: '发布采购公告', en: 'Publish the call' },
  award: { zh: '确定中标并签约', en: 'Award and contract' },
  start_service: { zh: '开始服务', en: 'Start service' },
  request_final_review: { zh: '申请末期评估', en: 'Request final review' },
  close: { zh: '结项', en: 'Close' },
  terminate: { zh: '终止项目', en: 'Terminate' },
};

/** Project states in which the project is under way (it can be terminated, it shows in progress figures). */
export const ACTIVE_PROJECT_STATUSES: readonly ProjectStatus[] = [
  'submitted',
  'approved',
  'tendering',
  'contracted',
  'in_service',
  'final_review',
];

/** 政府采购方式 (政府采购法 第二十六条 and 财政部令第74号). */
export const PROCUREMENT_METHODS = [
  'public_tender',
  'invited_tender',
  'competitive_negotiation',
  'competitive_consultation',
  'single_source',
  'inquiry',
] as const;
export type ProcurementMethod = (typeof PROCUREMENT_METHODS)[number];
export const PROCUREMENT_METHOD_NAMES: Record<ProcurementMethod, { zh: string; en: string }> = {
  public_tender: { zh: '公开招标', en: 'Open tender' },
  invited_tender: { zh: '邀请招标', en: 'Invited tender' },
  competitive_negotiation: { zh: '竞争性谈判', en: 'Competitive negotiation' },
  competitive_consultation: { zh: '竞争性磋商', en: 'Competitive consultation' },
  single_source: { zh: '单一来源', en: 'Single source' },
  inquiry: { zh: '询价', en: 'Request for quotation' },
};

export const FUNDING_SOURCES = [
  'district_budget',
  'town_budget',
  'welfare_lottery',
  'higher_transfer',
  'other',
] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];
export const FUNDING_SOURCE_NAMES: Record<FundingSource, { zh: string; en: string }> = {
  district_budget: { zh: '区级财政资金', en: 'District budget' },
  town_budget: { zh: '镇（街道）财政资金', en: 'Town/street budget' },
  welfare_lottery: { zh: '福利彩票公益金', en: 'Welfare lottery fund' },
  higher_transfer: { zh: '上级转移支付', en: 'Transfer from higher government' },
  other: { zh: '其他', en: 'Other' },
};

/**
 * Service periods (财政部令第102号《政府购买服务管理办法》第二十四条): a contract runs at most one year; a service that
 * is stable and recurring may be contracted for up to three years.
 */
export const MAX_TERM_YEARS = 1;
export const MAX_RECURRING_TERM_YEARS = 3;

export const INDICATOR_KINDS = ['cases', 'groups', 'activities', 'contacts', 'satisfaction', 'custom'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];
export const INDICATOR_KIND_NAMES: Record<IndicatorKind, { zh: string; en: string; unitZh: string; unitEn: string }> = {
  cases: { zh: '个案', en: 'Cases', unitZh: '个', unitEn: 'cases' },
  groups: { zh: '小组', en: 'Group sessions', unitZh: '节', unitEn: 'sessions' },
  activities: { zh: '社区活动', en: 'Community activities', unitZh: '场', unitEn: 'activities' },
  contacts: { zh: '服务人次', en: 'Service contacts', unitZh: '人次', unitEn: 'contacts' },
  satisfaction: { zh: '满意度', en: 'Satisfaction', unitZh: '%', unitEn: '%' },
  custom: { zh: '自定义', en: 'Custom', unitZh: '', unitEn: '' },
};

export const MILESTONE_TRIGGERS = ['contract_signed', 'midterm_grade', 'final_grade', 'manual'] as const;
export type MilestoneTrigger = (typeof MILESTONE_TRIGGERS)[number];
export const MILESTONE_TRIGGER_NAMES: Record<MilestoneTrigger, { zh: string; en: string }> = {
  contract_signed: { zh: '合同签订后', en: 'On signing the contract' },
  midterm_grade: { zh: '中期评估达标后', en: 'On a passing mid-term grade' },
  final_grade: { zh: '末期评估达标后', en: 'On a passing final grade' },
  manual: { zh: '经办人确认', en: 'On confirmation' },
};

export const EVALUATION_KINDS = ['midterm', 'final'] as const;
export type EvaluationKind = (typeof EVALUATION_KINDS)[number];

/** MZ/T 059-2014《社会工作服务项目绩效评估指南》 dimensions. */
export const EVALUATION_DIMENSIONS = ['implementation', 'management', 'finance', 'outcome'] as const;
export type EvaluationDimension = (typeof EVALUATION_DIMENSIONS)[number];
export const EVALUATION_DIMENSION_NAMES: Record<EvaluationDimension, { zh: string; en: string }> = {
  implementation: { zh: '项目实施', en: 'Implementation' },
  management: { zh: '项目管理', en: 'Management' },
  finance: { zh: '财务管理', en: 'Financial management' },
  outcome: { zh: '成效评估', en: 'Outcomes' },
};

export const GRADES = ['excellent', 'good', 'pass', 'fail'] as const;
export type Grade = (typeof GRADES)[number];
export const GRADE_NAMES: Record<Grade, { zh: string; en: string }> = {
  excellent: { zh: '优秀', en: 'Excellent' },
  good: { zh: '良好', en: 'Good' },
  pass: { zh: '合格', en: 'Pass' },
  fail: { zh: '不合格', en: 'Fail' },
};

/** Grade of a total score under a template's bands (default 优秀 ≥ 90, 良好 80–89, 合格 60–79, 不合格 < 60). */
export function gradeOf(score: number, bands: { excellentFrom: number; goodFrom: number; passFrom: number }): Grade {
  if (score >= bands.excellentFrom) return 'excellent';
  if (score >= bands.goodFrom) return 'good';
  if (score >= bands.passFrom) return 'pass';
  return 'fail';
}

/** The share of a contract a milestone pays, in fen, rounded down (basis points: 10000 = 100 %). */
export function milestoneAmountFen(contractAmountFen: number, percentBp: number): number {
  return Math.floor((contractAmountFen * percentBp) / 10_000);
}
