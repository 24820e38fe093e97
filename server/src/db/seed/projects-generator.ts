import {
  EVALUATION_DIMENSION_NAMES,
  type EvaluationDimension,
  type EvaluationKind,
  type FundingSource,
  type Grade,
  gradeOf,
  type IndicatorKind,
  type MilestoneTrigger,
  milestoneAmountFen,
  PROCUREMENT_METHOD_NAMES,
  type ProcurementMethod,
  type ProjectAction,
  type ProjectStatus,
} from '../../../../contracts/projects';
import type { CredentialLevel } from '../../../../contracts/taxonomy';
import { addDays, addYears, daysBetween, shanghaiDate } from '../../platform/time';
import { maxDate, minDate, Rng } from './rng';

/**
 * Deterministic generator of the demo projects: about three dozen government-purchased service projects of the
 * demo purchasers, in every lifecycle state, each with the records its state implies (history, call and bids,
 * panel scores, contract and team, indicators and quarterly reports, milestones and payments, evaluations and
 * rectification tasks). Pure: it takes the registry's ids and the clock and returns plain rows (projects.ts
 * writes them); every date is placed relative to `today`, every random number comes from its own seeded PRNG.
 *
 * The rows obey the rules the services enforce (project.transitions, payment.service, evaluation.service,
 * procurement.service): a history that walks the transition table, contract ≤ bid ≤ budget, milestones ≤ 100 %,
 * payments only against due milestones and never beyond them, scores ≤ weights with totals and grades as
 * submitEvaluation computes them, one rectification task per weak criterion, closed projects with everything
 * accepted. Texts are invented and name no person.
 */

// ---- Input -------------------------------------------------------------------------------------------------------

export interface SeedUser {
  id: string;
  username: string;
}

export interface SeedPurchaser {
  id: string;
  name: string;
  divisionCode: string;
  department: string | null;
  /** Its purchaser accounts, by username. */
  users: readonly SeedUser[];
}

export interface SeedAgency {
  id: string;
  name: string;
  status: 'active' | 'suspended' | 'deregistered';
  serviceDivisionCodes: readonly string[];
  serviceFields: readonly string[];
  /** Its agency-manager accounts (they start service and send progress reports when there is one). */
  managers: readonly SeedUser[];
}

export interface SeedWorker {
  id: string;
  agencyId: string;
  credentialLevel: CredentialLevel | null;
  specialties: readonly string[];
}

export interface SeedTemplate {
  id: string;
  excellentFrom: number;
  goodFrom: number;
  passFrom: number;
  criteria: ReadonlyArray<{ id: string; dimension: EvaluationDimension; name: string; weight: number }>;
}

export type DemoStreet = 'zumiao' | 'shiwan' | 'zhangcha' | 'nanzhuang';

export interface ProjectSeedInput {
  seed: number;
  /** The clock; its calendar date in China is "today". */
  today: Date;
  divisions: ReadonlyArray<{ code: string; parentCode: string | null; name: string; level: string }>;
  /** In a stable order (by name): the generator's choices follow the order. */
  purchasers: readonly SeedPurchaser[];
  agencies: readonly SeedAgency[];
  workers: readonly SeedWorker[];
  evaluator: { organizationId: string; userId: string };
  template: SeedTemplate;
  demo: {
    /** The street offices that buy in the demo (purchaser organization ids). */
    offices: Record<DemoStreet, string>;
    /** The agency demo-agency manages, and demo-worker's own worker record (one of its workers). */
    agencyId: string;
    workerId: string | null;
  };
}

// ---- Output ------------------------------------------------------------------------------------------------------

export interface ProjectRow {
  id: string;
  code: string;
  title: string;
  purchaserId: string;
  divisionCode: string;
  fundingSource: FundingSource;
  budgetFen: number;
  contractAmountFen: number | null;
  targetGroups: string[];
  serviceContent: string;
  procurementMethod: ProcurementMethod;
  periodFrom: string;
  periodTo: string;
  recurring: boolean;
  agencyId: string | null;
  leadWorkerId: string | null;
  status: ProjectStatus;
  statusReason: string | null;
  finalScore: number | null;
  finalGrade: Grade | null;
  search: string;
  version: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface TransitionRow {
  projectId: string;
  fromStatus: ProjectStatus | null;
  action: ProjectAction | 'create';
  toStatus: ProjectStatus;
  reason: string | null;
  actorUserId: string | null;
  actorUsername: string | null;
  at: Date;
}

export interface CallRow {
  projectId: string;
  title: string;
  content: string;
  eligibility: string;
  publishedAt: Date;
  bidDeadline: Date;
  status: 'open' | 'closed' | 'awarded' | 'cancelled';
}

export interface BidRow {
  id: string;
  projectId: string;
  agencyId: string;
  proposal: string;
  priceFen: number;
  leadWorkerId: string;
  leadLevel: CredentialLevel | null;
  teamWorkerIds: string[];
  status: 'submitted' | 'withdrawn' | 'awarded' | 'not_awarded';
  submittedBy: string | null;
  submittedAt: Date;
  updatedAt: Date;
  version: number;
}

export interface BidScoreRow {
  bidId: string;
  scorerUserId: string;
  score: number;
  comment: string;
  scoredAt: Date;
}

export interface ContractRow {
  projectId: string;
  bidId: string | null;
  agencyId: string;
  amountFen: number;
  termFrom: string;
  termTo: string;
  quantityTerms: string;
  qualityTerms: string;
  priceTerms: string;
  settlementTerms: string;
  signedOn: string;
  publishedAt: Date | null;
}

export interface IndicatorRow {
  id: string;
  projectId: string;
  kind: IndicatorKind;
  name: string;
  unit: string;
  target: number;
  sort: number;
  createdAt: Date;
}

export interface ProgressReportRow {
  id: string;
  projectId: string;
  periodEnd: string;
  summary: string;
  submittedBy: string | null;
  submittedAt: Date;
}

export interface IndicatorActualRow {
  id: string;
  indicatorId: string;
  projectId: string;
  source: 'report';
  reportId: string;
  periodEnd: string;
  value: number;
  evidence: string;
  recordedAt: Date;
}

export interface MilestoneRow {
  id: string;
  projectId: string;
  name: string;
  percentBp: number;
  trigger: MilestoneTrigger;
  minScore: number | null;
  dueOn: string | null;
  sort: number;
}

export interface PaymentRow {
  id: string;
  projectId: string;
  milestoneId: string | null;
  amountFen: number;
  paidOn: string;
  reference: string;
  recordedBy: string | null;
  recordedAt: Date;
}

export interface EvaluationRow {
  id: string;
  projectId: string;
  kind: EvaluationKind;
  templateId: string;
  evaluatorOrgId: string;
  status: 'assigned' | 'submitted';
  totalScore: number | null;
  grade: Grade | null;
  summary: string;
  dueOn: string;
  assignedAt: Date;
  submittedAt: Date | null;
  version: number;
}

export interface EvaluationScoreRow {
  evaluationId: string;
  criterionId: string;
  score: number;
  comment: string;
  evidence: string;
}

export interface RectificationRow {
  id: string;
  projectId: string;
  evaluationId: string;
  criterionId: string | null;
  description: string;
  dueOn: string;
  status: 'open' | 'submitted' | 'accepted';
  response: string;
  reopenReason: string | null;
  respondedAt: Date | null;
  closedAt: Date | null;
  createdAt: Date;
}

export interface ProjectSeed {
  projects: ProjectRow[];
  projectDivisions: Array<{ projectId: string; divisionCode: string }>;
  projectTeam: Array<{ projectId: string; workerId: string; role: 'lead' | 'member'; joinedOn: string }>;
  /** In order: per project, oldest first (the table's serial id orders a project's history). */
  projectTransitions: TransitionRow[];
  procurementCalls: CallRow[];
  bids: BidRow[];
  bidScores: BidScoreRow[];
  contracts: ContractRow[];
  indicators: IndicatorRow[];
  progressReports: ProgressReportRow[];
  indicatorActuals: IndicatorActualRow[];
  milestones: MilestoneRow[];
  payments: PaymentRow[];
  evaluations: EvaluationRow[];
  evaluationAssignees: Array<{ evaluationId: string; userId: string }>;
  evaluationScores: EvaluationScoreRow[];
  rectifications: RectificationRow[];
  /** The highest project number used per year (project_code_counters must continue after it). */
  codeCounters: Array<{ year: number; lastValue: number }>;
}

// ---- PRNG --------------------------------------------------------------------------------------------------------

// ---- Dates and instants (Asia/Shanghai calendar dates, UTC instants) ---------------------------------------------

/** The instant of a Beijing wall-clock time on a calendar date. */
function at(date: string, hour: number, minute: number): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) + ((hour - 8) * 60 + minute) * 60_000);
}

/** A plausible office-hours instant on a date. */
function officeTime(rng: Rng, date: string): Date {
  return at(date, rng.int(9, 16), rng.pick([0, 5, 10, 15, 20, 30, 40, 45, 50]));
}

/** First day of the month `offset` months from the month of `date`. */
function monthStart(date: string, offset: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + offset;
  const year = y + Math.floor(m / 12);
  const month = (((m % 12) + 12) % 12) + 1;
  return `${year}-${String(month).padStart(2, '0')}-01`;
}

/** Quarter ends (31 Mar, 30 Jun, 30 Sep, 31 Dec) after `from` and before `to`. */
function quarterEnds(from: string, to: string): string[] {
  const out: string[] = [];
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    for (const md of ['03-31', '06-30', '09-30', '12-31']) {
      const d = `${year}-${md}`;
      if (d > from && d < to) out.push(d);
    }
  }
  return out;
}

const yuanText = (fen: number) => (fen / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 });

// ---- Vocabulary --------------------------------------------------------------------------------------------------

type ThemeKey =
  | 'elderly'
  | 'children'
  | 'community'
  | 'disability'
  | 'drug_rehab'
  | 'youth'
  | 'family'
  | 'social_assistance'
  | 'veterans'
  | 'mental_health'
  | 'corrections';

type CountKind = Exclude<IndicatorKind, 'custom'>;

interface Theme {
  name: string;
  brands: readonly string[];
  targetGroups: readonly string[];
  content: string;
  /** Serves the whole street (true) or chosen communities in it. */
  wholeStreet: boolean;
  indicators: Record<CountKind, string>;
  /** Budget per year, 万元. */
  budget: readonly [number, number];
}

const THEMES: Record<ThemeKey, Theme> = {
  elderly: {
    name: '长者关爱服务项目',
    brands: ['悦龄同行', '银龄守护', '颐乐邻里', '长者安居'],
    targetGroups: ['elderly'],
    content:
      '面向辖区独居、空巢、高龄及失能长者，开展定期探访与居家安全评估、个案管理、长者互助小组和健康与防诈骗讲座，' +
      '链接社区志愿者提供陪伴与生活支援，建立长者服务需求档案与风险预警机制。',
    wholeStreet: false,
    indicators: {
      cases: '长者个案管理',
      groups: '长者互助小组',
      activities: '社区长者活动',
      contacts: '探访及服务人次',
      satisfaction: '长者及家属满意度',
    },
    budget: [35, 80],
  },
  children: {
    name: '困境儿童关爱保护服务项目',
    brands: ['护苗成长', '童心守护', '希望童行'],
    targetGroups: ['children', 'family'],
    content:
      '为辖区困境儿童、留守及流动儿童建立“一人一档”，开展家庭走访与风险评估、个案辅导、课业支持与成长小组，' +
      '协助落实基本生活保障政策，联动学校、社区与儿童主任织密关爱保护网络。',
    wholeStreet: false,
    indicators: {
      cases: '困境儿童个案辅导',
      groups: '儿童成长小组',
      activities: '亲子及社区活动',
      contacts: '走访及服务人次',
      satisfaction: '儿童及监护人满意度',
    },
    budget: [30, 60],
  },
  community: {
    name: '社区营造服务项目',
    brands: ['邻里守望', '共建共治', '幸福邻里'],
    targetGroups: ['community'],
    content:
      '以社区为平台培育居民自组织与社区志愿服务队，开展社区需求调研、居民议事协商和公益微创投，' +
      '推动邻里互助与社区公共空间的共建共治共享。',
    wholeStreet: false,
    indicators: {
      cases: '困难居民个案服务',
      groups: '居民骨干培育小组',
      activities: '社区营造活动',
      contacts: '居民参与人次',
      satisfaction: '居民满意度',
    },
    budget: [25, 50],
  },
  disability: {
    name: '残疾人康复与社会融入服务项目',
    brands: ['阳光康园', '同行无碍', '融爱同行'],
    targetGroups: ['disability'],
    content:
      '为辖区持证残疾人及其家庭提供康复需求评估、社区康复训练指导、辅具适配咨询、就业支持和社会融入小组，' +
      '为照顾者提供喘息与减压支持，推动无障碍社区建设。',
    wholeStreet: false,
    indicators: {
      cases: '残疾人康复个案',
      groups: '康复及社交小组',
      activities: '社区融合活动',
      contacts: '康复指导服务人次',
      satisfaction: '服务对象满意度',
    },
    budget: [30, 65],
  },
  drug_rehab: {
    name: '社区戒毒社区康复社会工作服务项目',
    brands: ['阳光再生', '无毒家园', '新生同行'],
    targetGroups: ['drug_rehab'],
    content:
      '协助落实社区戒毒社区康复人员的帮教工作，开展个案辅导、复吸风险评估、家庭支持与就业帮扶，' +
      '并在学校、企业和社区开展禁毒宣传教育。',
    wholeStreet: true,
    indicators: {
      cases: '戒毒康复人员个案帮教',
      groups: '家庭支持小组',
      activities: '禁毒宣传活动',
      contacts: '宣传教育覆盖人次',
      satisfaction: '服务对象满意度',
    },
    budget: [30, 60],
  },
  youth: {
    name: '青少年成长护航服务项目',
    brands: ['青苗护航', '朋辈同行', '成长伙伴'],
    targetGroups: ['youth', 'school'],
    content:
      '面向辖区中小学生及闲散青少年，开展情绪与压力管理、生涯规划、防欺凌与网络素养小组，' +
      '为高风险青少年提供个案辅导与家校社联动支持。',
    wholeStreet: true,
    indicators: {
      cases: '青少年个案辅导',
      groups: '成长小组',
      activities: '校园及社区活动',
      contacts: '服务人次',
      satisfaction: '青少年及家长满意度',
    },
    budget: [30, 55],
  },
  family: {
    name: '妇女儿童家庭综合服务项目',
    brands: ['和美家庭', '家和同行', '她力量'],
    targetGroups: ['family', 'children'],
    content:
      '围绕婚姻家庭关系调适、亲子教育与反家庭暴力，开展家庭个案辅导、亲职教育小组与家庭教育讲座，' +
      '为困境妇女提供情绪支持和资源链接。',
    wholeStreet: false,
    indicators: {
      cases: '家庭个案辅导',
      groups: '亲职教育小组',
      activities: '家庭教育讲座及活动',
      contacts: '服务人次',
      satisfaction: '服务对象满意度',
    },
    budget: [25, 50],
  },
  social_assistance: {
    name: '社会救助服务项目',
    brands: ['暖心救助', '物质+服务', '爱心帮扶'],
    targetGroups: ['social_assistance'],
    content:
      '对低保、特困及低保边缘家庭开展入户走访与需求评估，在物质救助基础上提供个案管理、就业与就学支持、' +
      '心理疏导和资源链接，协助救助政策精准落地。',
    wholeStreet: false,
    indicators: {
      cases: '救助对象个案管理',
      groups: '互助及能力提升小组',
      activities: '政策宣传及资源链接活动',
      contacts: '入户走访人次',
      satisfaction: '救助对象满意度',
    },
    budget: [30, 60],
  },
  veterans: {
    name: '退役军人服务保障项目',
    brands: ['戎光同行', '老兵之家', '荣誉守护'],
    targetGroups: ['veterans'],
    content:
      '依托退役军人服务站，为退役军人及其家庭提供政策咨询、困难帮扶、就业创业支持、心理关怀与荣誉激励活动，' +
      '建立常态化走访联系机制。',
    wholeStreet: true,
    indicators: {
      cases: '困难退役军人个案帮扶',
      groups: '退役军人互助小组',
      activities: '荣誉激励及走访活动',
      contacts: '政策咨询及服务人次',
      satisfaction: '服务对象满意度',
    },
    budget: [20, 40],
  },
  mental_health: {
    name: '社区心理健康服务项目',
    brands: ['心晴驿站', '心灵港湾', '阳光心语'],
    targetGroups: ['mental_health'],
    content:
      '开展社区心理健康宣传与筛查，为有需要的居民提供情绪疏导、心理危机干预转介与支持小组，培育社区心理志愿者队伍。',
    wholeStreet: false,
    indicators: {
      cases: '心理个案辅导',
      groups: '情绪支持小组',
      activities: '心理健康宣传活动',
      contacts: '筛查及咨询人次',
      satisfaction: '服务对象满意度',
    },
    budget: [25, 50],
  },
  corrections: {
    name: '社区矫正社会工作服务项目',
    brands: ['新航', '阳光矫正'],
    targetGroups: ['corrections'],
    content: '协助司法所开展社区矫正对象的心理矫治、社会适应性帮扶、就业指导与家庭关系修复，降低重新违法犯罪风险。',
    wholeStreet: true,
    indicators: {
      cases: '社区矫正对象个案',
      groups: '社会适应小组',
      activities: '法治教育活动',
      contacts: '帮扶服务人次',
      satisfaction: '服务对象满意度',
    },
    budget: [30, 55],
  },
};

const INDICATOR_UNITS: Record<CountKind, string> = {
  cases: '个',
  groups: '节',
  activities: '场',
  contacts: '人次',
  satisfaction: '%',
};

const INDICATOR_EVIDENCE: Record<CountKind, string> = {
  cases: '个案服务记录表及结案报告',
  groups: '小组计划书、签到表及过程记录',
  activities: '活动方案、签到表及现场照片',
  contacts: '服务台账及电子签到记录',
  satisfaction: '满意度问卷统计表',
};

/** Evaluation comments per criterion of the default template: [strong, adequate, weak]. */
const CRITERION_COMMENTS: Record<string, readonly [string, string, string]> = {
  服务计划执行: [
    '服务按计划推进，各项数量指标完成进度符合预期',
    '服务基本按计划推进，个别指标进度略慢',
    '个案与小组指标完成进度明显滞后于服务期进度',
  ],
  服务对象覆盖: [
    '目标人群识别清晰，重点对象建档覆盖到位',
    '目标人群覆盖基本到位，部分社区覆盖偏少',
    '重点服务对象建档覆盖不足，部分社区尚未开展服务',
  ],
  服务过程记录: [
    '个案、小组及活动记录完整规范',
    '服务记录基本完整，部分记录过程描述较简单',
    '部分小组活动缺少签到表和过程记录',
  ],
  团队配置与督导: [
    '持证社工配备到位，专业督导每月开展',
    '团队配置符合合同要求，督导频次略少',
    '项目社工流动较大，督导记录不完整',
  ],
  制度与档案: ['管理制度健全，档案分类清晰', '制度与档案基本健全', '安全预案未及时更新，档案归档不及时'],
  预算执行: [
    '预算执行进度与服务进度匹配',
    '预算执行基本合理，个别科目调整未及时报备',
    '预算执行进度偏慢，活动经费结余较多',
  ],
  资金使用合规: ['专款专用，票据规范，账目清晰', '资金使用基本合规', '个别支出票据不规范，需补充说明'],
  目标达成: [
    '阶段目标达成情况良好，成效证据充分',
    '阶段目标基本达成，成效证据有待补充',
    '成效指标达成度偏低，缺少前后测数据',
  ],
  服务对象满意度: [
    '满意度调查样本充足，评价较高',
    '满意度总体较好，部分意见尚待回应',
    '满意度调查样本偏少，部分意见未回应',
  ],
};
const GENERIC_COMMENTS: readonly [string, string, string] = [
  '该项完成情况良好',
  '该项基本达到要求',
  '该项与要求差距较大，需整改',
];

/** What the agency reports after putting a weak criterion right. */
const RECTIFICATION_RESPONSES: Record<string, string> = {
  服务计划执行: '已调整服务排期，增配一名社工专责小组工作，并按月跟踪指标进度，上月个案与小组进度已追平计划。',
  服务对象覆盖: '已完成未覆盖社区的入户摸查，新增重点对象建档，并与社区居委会建立每月转介机制。',
  服务过程记录: '已补齐小组签到表与过程记录，统一使用新版记录模板，并建立月度自查机制。',
  团队配置与督导: '已补充持证社工一名，与外部督导签订督导协议，督导记录按月归档。',
  制度与档案: '已修订安全与应急预案并组织演练，档案按季度归档并建立目录。',
  预算执行: '已根据服务进度调整预算执行计划，并向购买方报备科目调整。',
  资金使用合规: '已补充相关支出说明及合规票据，并由机构财务复核。',
  目标达成: '已补做服务对象前后测，完善成效评估指标与数据收集流程。',
  服务对象满意度: '已扩大满意度调查样本，逐条回应服务对象意见并公示改进措施。',
};

const SUMMARIES: Record<Grade, string> = {
  excellent: '项目整体执行情况优秀，服务规范、成效显著，建议总结经验做法并在辖区推广。',
  good: '项目按计划推进，服务规范，成效较好；建议进一步加强成效数据收集与服务对象参与。',
  pass: '项目基本完成阶段任务，但部分指标进度偏慢、过程记录有待完善，需加强过程管理。',
  fail: '项目执行与合同要求存在较大差距，须按评估意见逐项限期整改，整改情况纳入后续评估。',
};

const KIND_NAMES: Record<EvaluationKind, string> = { midterm: '中期评估', final: '末期评估' };
const LEVEL_NAMES: Record<CredentialLevel, string> = {
  assistant: '助理社会工作师',
  intermediate: '社会工作师',
  senior: '高级社会工作师',
};
const LEVEL_RANK: Record<CredentialLevel, number> = { assistant: 1, intermediate: 2, senior: 3 };

const REJECT_REASONS = [
  '服务对象数量测算依据不足，请补充需求调研数据后重新提交。',
  '预算明细中人员经费占比偏高，请调整预算结构后重新提交。',
];
const BID_COMMENTS = [
  '服务方案针对性强，团队配置合理',
  '需求分析较充分，成效指标设计清晰',
  '方案整体可行，督导安排较具体',
  '团队经验较丰富，但服务创新不足',
  '方案基本满足要求，成效评估设计偏弱',
  '报价合理，风险应对措施较完整',
];
const ELIGIBILITY =
  '在民政部门登记成立、具有独立法人资格的社会组织；配备持证社会工作者不少于 3 名；' +
  '近三年内在经营活动中没有重大违法记录；本项目不接受联合体投标。';

// ---- The demo's projects -----------------------------------------------------------------------------------------

type Buyer = { office: DemoStreet } | { street: DemoStreet; department: string } | { district: string };
type Outcome = 'excellent' | 'good' | 'pass';

interface Spec {
  status: ProjectStatus;
  buyer: Buyer;
  theme: ThemeKey;
  /** Months from this month to the start of the service period. */
  start: number;
  years?: 1 | 2;
  method?: ProcurementMethod;
  /** Rejected once on the way: back to draft (status draft), or resubmitted and moved on. */
  rejectedOnce?: boolean;
  /** The demo agency's part: winner, bidder (its bid stands), loser, or open (a call it has not bid on yet). */
  demo?: 'winner' | 'bidder' | 'loser' | 'open';
  demoWorker?: boolean;
  deadlinePassed?: boolean;
  behind?: boolean;
  /** fail_open: three weak criteria (one accepted, one awaiting review, one sent back); fail_accepted: all accepted. */
  midterm?: Outcome | 'fail_open' | 'fail_accepted' | 'assigned';
  /** Final evaluation; `weak` adds one weak criterion: accepted (closed) or still open (final_review). */
  final?: Outcome | 'assigned';
  weakFinal?: boolean;
  /** The mid-term instalment left unpaid though due, or paid in part. */
  midtermPayment?: 'due' | 'partial';
  terminatedFrom?: ProjectStatus;
  reason?: string;
}

const DISTRICT_ELDERLY = '养老服务科';
const DISTRICT_CORRECTIONS = '社区矫正管理科';

const SPECS: readonly Spec[] = [
  // 祖庙街道: the demo purchaser's own projects in every state, and the demo agency's.
  { status: 'draft', buyer: { office: 'zumiao' }, theme: 'mental_health', start: 2, rejectedOnce: true },
  { status: 'submitted', buyer: { office: 'zumiao' }, theme: 'family', start: 2 },
  {
    status: 'approved',
    buyer: { street: 'zumiao', department: '社区治理办公室' },
    theme: 'community',
    start: 2,
    rejectedOnce: true,
  },
  { status: 'tendering', buyer: { office: 'zumiao' }, theme: 'elderly', start: 2, demo: 'bidder' },
  {
    status: 'tendering',
    buyer: { street: 'zumiao', department: '妇女联合会' },
    theme: 'family',
    start: 2,
    demo: 'open',
  },
  { status: 'contracted', buyer: { office: 'zumiao' }, theme: 'children', start: 1, demo: 'loser' },
  {
    status: 'in_service',
    buyer: { office: 'zumiao' },
    theme: 'social_assistance',
    start: -7,
    demo: 'winner',
    demoWorker: true,
    midterm: 'good',
  },
  {
    status: 'in_service',
    buyer: { office: 'zumiao' },
    theme: 'youth',
    start: -8,
    demo: 'winner',
    behind: true,
    midterm: 'fail_open',
  },
  {
    status: 'in_service',
    buyer: { street: 'zumiao', department: '禁毒工作办公室' },
    theme: 'drug_rehab',
    start: -5,
    midterm: 'assigned',
  },
  {
    status: 'in_service',
    buyer: { office: 'zumiao' },
    theme: 'elderly',
    start: -19,
    years: 2,
    method: 'single_source',
    midterm: 'excellent',
  },
  {
    status: 'final_review',
    buyer: { street: 'zumiao', department: '残疾人联合会' },
    theme: 'disability',
    start: -12,
    midterm: 'good',
    final: 'assigned',
  },
  {
    status: 'closed',
    buyer: { office: 'zumiao' },
    theme: 'elderly',
    start: -18,
    demo: 'winner',
    midterm: 'good',
    final: 'excellent',
  },
  {
    status: 'closed',
    buyer: { street: 'zumiao', department: '社区治理办公室' },
    theme: 'community',
    start: -16,
    midterm: 'pass',
    final: 'good',
  },
  {
    status: 'terminated',
    buyer: { office: 'zumiao' },
    theme: 'mental_health',
    start: -6,
    behind: true,
    terminatedFrom: 'in_service',
    reason: '承接机构项目团队核心成员相继离职，无法按合同配备持证社工，经双方协商一致解除合同，剩余服务另行采购。',
  },
  // 石湾镇街道
  { status: 'draft', buyer: { office: 'shiwan' }, theme: 'elderly', start: 2 },
  { status: 'tendering', buyer: { office: 'shiwan' }, theme: 'community', start: 2, deadlinePassed: true },
  { status: 'contracted', buyer: { office: 'shiwan' }, theme: 'disability', start: 1 },
  {
    status: 'in_service',
    buyer: { office: 'shiwan' },
    theme: 'elderly',
    start: -10,
    midterm: 'excellent',
    midtermPayment: 'partial',
  },
  {
    status: 'in_service',
    buyer: { street: 'shiwan', department: '退役军人服务站' },
    theme: 'veterans',
    start: -6,
    midterm: 'good',
    midtermPayment: 'due',
  },
  { status: 'in_service', buyer: { office: 'shiwan' }, theme: 'children', start: -3, behind: true },
  {
    status: 'closed',
    buyer: { office: 'shiwan' },
    theme: 'social_assistance',
    start: -19,
    midterm: 'good',
    final: 'good',
  },
  {
    status: 'final_review',
    buyer: { street: 'shiwan', department: '团工委' },
    theme: 'youth',
    start: -13,
    midterm: 'pass',
    final: 'pass',
    weakFinal: true,
  },
  // 张槎街道
  { status: 'draft', buyer: { street: 'zhangcha', department: '退役军人服务站' }, theme: 'veterans', start: 2 },
  { status: 'approved', buyer: { office: 'zhangcha' }, theme: 'elderly', start: 2 },
  { status: 'in_service', buyer: { office: 'zhangcha' }, theme: 'community', start: -4 },
  {
    status: 'in_service',
    buyer: { street: 'zhangcha', department: '团工委' },
    theme: 'youth',
    start: -9,
    behind: true,
    midterm: 'fail_accepted',
  },
  {
    status: 'closed',
    buyer: { office: 'zhangcha' },
    theme: 'children',
    start: -17,
    midterm: 'excellent',
    final: 'excellent',
  },
  {
    status: 'closed',
    buyer: { street: 'zhangcha', department: '残疾人联合会' },
    theme: 'disability',
    start: -15,
    midterm: 'good',
    final: 'pass',
    weakFinal: true,
  },
  {
    status: 'terminated',
    buyer: { office: 'zhangcha' },
    theme: 'mental_health',
    start: 1,
    terminatedFrom: 'tendering',
    reason: '采购公告期满无社工机构投标（流标），购买方调整服务需求后另行立项。',
  },
  // 南庄镇
  { status: 'submitted', buyer: { office: 'nanzhuang' }, theme: 'social_assistance', start: 1 },
  { status: 'tendering', buyer: { office: 'nanzhuang' }, theme: 'elderly', start: 1 },
  {
    status: 'contracted',
    buyer: { street: 'nanzhuang', department: '禁毒工作办公室' },
    theme: 'drug_rehab',
    start: 2,
  },
  { status: 'in_service', buyer: { office: 'nanzhuang' }, theme: 'disability', start: -2 },
  {
    status: 'in_service',
    buyer: { office: 'nanzhuang' },
    theme: 'family',
    start: -11,
    demo: 'winner',
    midterm: 'good',
  },
  // District units (their service areas span streets).
  {
    status: 'in_service',
    buyer: { district: DISTRICT_ELDERLY },
    theme: 'elderly',
    start: -10,
    years: 2,
    midterm: 'pass',
  },
  {
    status: 'closed',
    buyer: { district: DISTRICT_CORRECTIONS },
    theme: 'corrections',
    start: -14,
    midterm: 'good',
    final: 'good',
  },
];

/** How far along the path (submit, approve, publish_call, award, start_service, request_final_review, close) a state is. */
const REACHED_BY: Record<ProjectStatus, number> = {
  draft: 0,
  submitted: 1,
  approved: 2,
  tendering: 3,
  contracted: 4,
  in_service: 5,
  final_review: 6,
  closed: 7,
  terminated: -1,
};
const AFTER: Record<ProjectAction, ProjectStatus> = {
  submit: 'submitted',
  approve: 'approved',
  reject: 'draft',
  publish_call: 'tendering',
  award: 'contracted',
  start_service: 'in_service',
  request_final_review: 'final_review',
  close: 'closed',
  terminate: 'terminated',
};

// ---- Generation --------------------------------------------------------------------------------------------------

interface Actors {
  main: SeedUser;
  approver: SeedUser;
  panel: SeedUser[];
}

interface Event {
  action: ProjectAction | 'create';
  at: Date;
  actor: SeedUser | null;
  reason: string | null;
}

const overlaps = (a: string, b: string) => a.startsWith(b) || b.startsWith(a);

export function generateProjects(input: ProjectSeedInput): ProjectSeed {
  const todayMs = input.today.getTime();
  if (!Number.isFinite(todayMs)) throw new RangeError('generateProjects: today is not a valid date');
  const rng = new Rng(input.seed);
  const now = input.today;
  const today = shanghaiDate(now);
  const yesterday = addDays(today, -1);
  /** An instant that has happened: at most an hour before now. */
  const past = (instant: Date) => new Date(Math.min(instant.getTime(), todayMs - 3_600_000));

  const out: ProjectSeed = {
    projects: [],
    projectDivisions: [],
    projectTeam: [],
    projectTransitions: [],
    procurementCalls: [],
    bids: [],
    bidScores: [],
    contracts: [],
    indicators: [],
    progressReports: [],
    indicatorActuals: [],
    milestones: [],
    payments: [],
    evaluations: [],
    evaluationAssignees: [],
    evaluationScores: [],
    rectifications: [],
    codeCounters: [],
  };

  // Lookups.
  const divisionsByCode = new Map(input.divisions.map((d) => [d.code, d]));
  const children = new Map<string, string[]>();
  for (const d of [...input.divisions].sort((a, b) => a.code.localeCompare(b.code))) {
    if (!d.parentCode) continue;
    const list = children.get(d.parentCode) ?? [];
    list.push(d.code);
    children.set(d.parentCode, list);
  }
  const district = input.divisions.find((d) => d.level === 'district');
  const purchaserById = new Map(input.purchasers.map((p) => [p.id, p]));
  const office = (street: DemoStreet) => {
    const p = purchaserById.get(input.demo.offices[street]);
    if (!p) throw new Error(`generateProjects: the demo office of ${street} is not among the purchasers`);
    return p;
  };
  const workersByAgency = new Map<string, SeedWorker[]>();
  for (const w of input.workers) {
    if (!w.credentialLevel) continue;
    const list = workersByAgency.get(w.agencyId) ?? [];
    list.push(w);
    workersByAgency.set(w.agencyId, list);
  }
  const usage = new Map<string, number>();
  const demoAgency = input.agencies.find((a) => a.id === input.demo.agencyId);
  const criteria = input.template.criteria;
  const bands = input.template;
  const brandTurn = new Map<ThemeKey, number>();

  function resolvePurchaser(buyer: Buyer): SeedPurchaser {
    if ('office' in buyer) return office(buyer.office);
    if ('street' in buyer) {
      const street = office(buyer.street).divisionCode;
      return (
        input.purchasers.find((p) => p.divisionCode === street && p.department === buyer.department) ??
        office(buyer.street)
      );
    }
    return (
      input.purchasers.find((p) => p.divisionCode === district?.code && p.department === buyer.district) ??
      office('zumiao')
    );
  }

  /** Who acts for a purchaser: its own account, else an account of a unit covering its division. */
  function actorsOf(p: SeedPurchaser): Actors {
    const covering = input.purchasers
      .filter((u) => p.divisionCode.startsWith(u.divisionCode))
      .flatMap((u) => u.users.map((user) => ({ user, unit: u })));
    const same = covering.filter((c) => c.unit.divisionCode === p.divisionCode);
    const main = p.users[0] ?? same[0]?.user ?? covering[0]?.user;
    if (!main) throw new Error(`generateProjects: no purchaser account can act for ${p.name}`);
    const others = same.filter((c) => c.user.id !== main.id);
    const approver =
      others.find((c) => c.unit.department === '社会事务局' || c.unit.department === '社会事务科')?.user ??
      others[0]?.user ??
      main;
    const pool = others.length >= 2 ? others : covering.filter((c) => c.user.id !== main.id);
    const panel = [main, ...rng.shuffle(pool.map((c) => c.user)).slice(0, 2)];
    return { main, approver, panel };
  }

  function serviceDivisions(p: SeedPurchaser, theme: Theme): string[] {
    const below = children.get(p.divisionCode) ?? [];
    if (p.divisionCode.length === 6) {
      // A district unit: two to four streets.
      const streets = rng.shuffle(below).slice(0, rng.int(2, Math.min(4, below.length)));
      return (streets.length > 0 ? streets : [p.divisionCode]).sort();
    }
    if (theme.wholeStreet || below.length === 0) return [p.divisionCode];
    return rng
      .shuffle(below)
      .slice(0, rng.int(2, Math.min(5, below.length)))
      .sort();
  }

  function eligibleAgencies(divisions: readonly string[], theme: Theme, excludeDemo: boolean): SeedAgency[] {
    const eligible = input.agencies.filter(
      (a) =>
        a.status === 'active' &&
        (workersByAgency.get(a.id)?.length ?? 0) >= 3 &&
        a.serviceDivisionCodes.some((sd) => divisions.some((pd) => overlaps(pd, sd))) &&
        !(excludeDemo && a.id === input.demo.agencyId),
    );
    const fits = (a: SeedAgency) => a.serviceFields.some((f) => theme.targetGroups.includes(f));
    const shuffled = rng.shuffle(eligible);
    return [...shuffled.filter(fits), ...shuffled.filter((a) => !fits(a))];
  }

  /** A bid team: the lead (fewest projects, then highest level) and two to four members, `withWorker` among them. */
  function team(agencyId: string, theme: Theme, withWorker: string | null, counted: boolean) {
    const staff = workersByAgency.get(agencyId) ?? [];
    const specialtyFit = (w: SeedWorker) => (w.specialties.some((s) => theme.targetGroups.includes(s)) ? 1 : 0);
    const ranked = rng
      .shuffle(staff)
      .sort(
        (a, b) =>
          (usage.get(a.id) ?? 0) - (usage.get(b.id) ?? 0) ||
          LEVEL_RANK[b.credentialLevel!] - LEVEL_RANK[a.credentialLevel!] ||
          specialtyFit(b) - specialtyFit(a),
      );
    const candidates = ranked.filter((w) => w.id !== withWorker);
    const lead = candidates.find((w) => w.credentialLevel !== 'assistant') ?? candidates[0] ?? ranked[0]!;
    const size = rng.int(2, 4);
    const joining = staff.find((w) => w.id === withWorker && w.id !== lead.id);
    const others = candidates.filter((w) => w.id !== lead.id).slice(0, joining ? size - 1 : size);
    const members = joining ? [joining, ...others] : others;
    if (counted) for (const w of [lead, ...members]) usage.set(w.id, (usage.get(w.id) ?? 0) + 1);
    return { lead, members };
  }

  function proposal(agency: SeedAgency, theme: Theme, lead: SeedWorker, members: readonly SeedWorker[]) {
    const levels = [lead, ...members].filter((w) => w.credentialLevel !== 'assistant').length;
    return (
      `${agency.name.replace(/（示例）$/, '')}拟组建 ${members.length + 1} 人服务团队，由${LEVEL_NAMES[lead.credentialLevel!]}担任项目负责人，` +
      `其中中级及以上持证社工 ${levels} 名。方案以需求评估为起点，综合运用个案、小组与社区工作方法，` +
      `围绕“${theme.indicators.cases}”“${theme.indicators.groups}”等指标分季度推进，配备外部督导并每季度报送服务进展。`
    );
  }

  /** Per-criterion scores for a grade; `weak` criteria score below 60 % of their weight, the others at least 60 %. */
  function scoresFor(target: Grade, weak: number): { scores: number[]; total: number; grade: Grade } {
    const ratio: Record<Grade, [number, number]> = {
      excellent: [0.9, 0.99],
      good: [0.8, 0.9],
      pass: [0.64, 0.8],
      fail: [0.6, 0.7],
    };
    for (let attempt = 0; attempt < 200; attempt++) {
      const weakAt = new Set(rng.shuffle(criteria.map((_, i) => i)).slice(0, weak));
      const scores = criteria.map((c, i) => {
        const w = c.weight;
        const floorOk = Math.ceil(w * 0.6 * 2) / 2;
        if (weakAt.has(i)) return Math.min(Math.round(w * rng.between(0.3, 0.55) * 2) / 2, floorOk - 0.5);
        const [lo, hi] = ratio[target];
        return Math.min(w, Math.max(floorOk, Math.round(w * rng.between(lo, hi) * 2) / 2));
      });
      const total = Math.round(scores.reduce((s, x) => s + x * 100, 0)) / 100;
      const grade = gradeOf(total, bands);
      if (grade === target) return { scores, total, grade };
    }
    throw new Error(`generateProjects: cannot draw ${target} scores with ${weak} weak criteria from this template`);
  }

  interface Plan {
    spec: Spec;
    id: string;
    purchaser: SeedPurchaser;
    actors: Actors;
    theme: Theme;
    title: string;
    serviceContent: string;
    divisions: string[];
    fundingSource: FundingSource;
    method: ProcurementMethod;
    budgetFen: number;
    years: number;
    periodFrom: string;
    periodTo: string;
    events: Event[];
    createdAt: Date;
    code?: string;
  }

  // Phase 1: what each project is and when its moves happened.
  const plans: Plan[] = SPECS.map((spec) => {
    const purchaser = resolvePurchaser(spec.buyer);
    const actors = actorsOf(purchaser);
    const theme = THEMES[spec.theme];
    const turn = brandTurn.get(spec.theme) ?? 0;
    brandTurn.set(spec.theme, turn + 1);
    const brand = theme.brands[turn % theme.brands.length]!;
    const years = spec.years ?? 1;
    const periodFrom = monthStart(today, spec.start);
    const periodTo = addDays(addYears(periodFrom, years), -1);
    const areaName = divisionsByCode.get(purchaser.divisionCode)?.name ?? purchaser.name.replace(/（示例）$/, '');
    const yearsText =
      years === 1 ? `${periodFrom.slice(0, 4)}年度` : `${periodFrom.slice(0, 4)}—${periodTo.slice(0, 4)}年`;
    const title = `${areaName}“${brand}”${theme.name}（${yearsText}）`;
    const divisions = serviceDivisions(purchaser, theme);
    const names = divisions.map((c) => divisionsByCode.get(c)?.name ?? c).join('、');
    const serviceContent = `${theme.content}服务范围：${names}。${years > 1 ? '本项目为稳定的经常性服务，合同期限两年。' : ''}`;
    const isDistrict = purchaser.divisionCode.length === 6;
    const fundingSource: FundingSource = isDistrict
      ? rng.pick(['district_budget', 'district_budget', 'welfare_lottery', 'higher_transfer'] as const)
      : rng.pick(['town_budget', 'town_budget', 'town_budget', 'welfare_lottery', 'higher_transfer'] as const);
    const perYear = rng.int(theme.budget[0], years > 1 ? Math.min(theme.budget[1], 60) : theme.budget[1]);
    const budgetFen = (perYear * years * 10_000 + rng.int(0, 9) * 1000) * 100;
    const method: ProcurementMethod =
      spec.method ??
      (budgetFen >= 100_000_000
        ? 'public_tender'
        : rng.pick([
            'competitive_consultation',
            'competitive_consultation',
            'competitive_consultation',
            'competitive_negotiation',
          ] as const));
    return {
      spec,
      id: rng.uuid(),
      purchaser,
      actors,
      theme,
      title,
      serviceContent,
      divisions,
      fundingSource,
      method,
      budgetFen,
      years,
      periodFrom,
      periodTo,
      events: [],
      createdAt: now,
    };
  });

  /** Days a call stays open: 20 for an open tender (政府采购法实施条例), 10 for 磋商, 3+ for negotiation. */
  const callDays = (method: ProcurementMethod) =>
    method === 'public_tender' || method === 'invited_tender'
      ? 20
      : method === 'competitive_negotiation'
        ? rng.int(5, 7)
        : method === 'single_source'
          ? 5
          : rng.int(10, 12);

  interface Timeline {
    /** Dates of each step on the path (absent when not reached). */
    dates: Partial<Record<ProjectAction | 'create' | 'reject' | 'resubmit', string>>;
    deadline?: Date;
  }

  function timelineOf(plan: Plan): Timeline {
    const { spec } = plan;
    const reach = spec.status === 'terminated' ? REACHED_BY[spec.terminatedFrom!] : REACHED_BY[spec.status];
    const t: Timeline = { dates: {} };
    const d = t.dates;
    // Anchor the step that fixes everything, then walk backwards to the creation.
    let approve: string;
    if (reach >= 4) {
      const start = plan.periodFrom;
      d.award = minDate(addDays(start, -rng.int(6, 15)), addDays(yesterday, -rng.int(0, 3)));
      const deadline = addDays(d.award, -rng.int(3, 7));
      d.publish_call = addDays(deadline, -callDays(plan.method));
      t.deadline = at(deadline, 9, 30);
      approve = addDays(d.publish_call, -rng.int(6, 14));
      if (reach >= 5) d.start_service = start;
      if (reach >= 6) d.request_final_review = minDate(addDays(plan.periodTo, rng.int(3, 6)), yesterday);
    } else if (reach === 3) {
      const days = callDays(plan.method);
      let deadline: string;
      if (spec.deadlinePassed) deadline = addDays(today, -rng.int(3, 6));
      else if (spec.terminatedFrom) deadline = addDays(today, -rng.int(18, 26));
      else deadline = addDays(today, rng.int(Math.max(2, days - 12), days - 3));
      d.publish_call = addDays(deadline, -days);
      t.deadline = at(deadline, 9, 30);
      approve = addDays(d.publish_call, -rng.int(6, 14));
    } else if (reach === 2) {
      approve = addDays(today, -rng.int(5, 20));
    } else {
      approve = today;
    }
    if (reach >= 2) d.approve = approve;
    // Submission (and a rejection with its resubmission before the approval, when asked for).
    if (reach >= 2) {
      if (spec.rejectedOnce) {
        d.resubmit = addDays(approve, -rng.int(4, 8));
        d.reject = addDays(d.resubmit, -rng.int(5, 9));
        d.submit = addDays(d.reject, -rng.int(3, 6));
      } else d.submit = addDays(approve, -rng.int(5, 12));
    } else if (reach === 1) d.submit = addDays(today, -rng.int(2, 8));
    else if (spec.rejectedOnce) {
      d.reject = addDays(today, -rng.int(3, 8));
      d.submit = addDays(d.reject, -rng.int(3, 6));
    }
    d.create = d.submit ? addDays(d.submit, -rng.int(2, 6)) : addDays(today, -rng.int(2, 12));
    return t;
  }

  const timelines = new Map<Plan, Timeline>();
  for (const plan of plans) {
    const t = timelineOf(plan);
    timelines.set(plan, t);
    plan.createdAt = past(officeTime(rng, t.dates.create!));
  }

  // Phase 2: codes in order of creation, counted per year (CC-2026-0031).
  const counters = new Map<number, number>();
  for (const plan of [...plans].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) {
    const year = Number(shanghaiDate(plan.createdAt).slice(0, 4));
    const n = (counters.get(year) ?? 0) + 1;
    counters.set(year, n);
    plan.code = `CC-${year}-${String(n).padStart(4, '0')}`;
  }
  out.codeCounters = [...counters.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([year, lastValue]) => ({ year, lastValue }));

  // Phase 3: the rows.
  for (const plan of plans) buildProject(plan, timelines.get(plan)!);
  return out;

  function buildProject(plan: Plan, t: Timeline) {
    const { spec, actors, theme } = plan;
    const projectId = plan.id;
    const d = t.dates;
    const reach = spec.status === 'terminated' ? REACHED_BY[spec.terminatedFrom!] : REACHED_BY[spec.status];
    const events: Event[] = [{ action: 'create', at: plan.createdAt, actor: actors.main, reason: null }];
    /** Records a move at an instant (kept after the previous one and in the past). */
    const pushAt = (action: ProjectAction, instant: Date, actor: SeedUser | null, reason: string | null = null) => {
      const last = events[events.length - 1]!.at;
      events.push({ action, at: instant > last ? instant : new Date(last.getTime() + 60_000), actor, reason });
      return events[events.length - 1]!.at;
    };
    const push = (action: ProjectAction, date: string, actor: SeedUser | null, reason: string | null = null) =>
      pushAt(action, past(officeTime(rng, date)), actor, reason);
    const rejectReason = rng.pick(REJECT_REASONS);
    if (d.submit) push('submit', d.submit, actors.main);
    if (d.reject) push('reject', d.reject, actors.approver, rejectReason);
    if (d.resubmit) push('submit', d.resubmit, actors.main);
    if (d.approve && reach >= 2) push('approve', d.approve, actors.approver);

    // Indicators, from the approval on.
    const indicatorRows: IndicatorRow[] = [];
    if (reach >= 2) {
      const kinds: CountKind[] = rng.pick([
        ['cases', 'activities', 'satisfaction'],
        ['cases', 'groups', 'activities', 'satisfaction'],
        ['cases', 'groups', 'activities', 'contacts', 'satisfaction'],
        ['cases', 'groups', 'activities', 'contacts', 'satisfaction'],
      ] as CountKind[][]);
      const perYear = plan.budgetFen / 1_000_000 / plan.years;
      const targets: Record<CountKind, number> = {
        cases: Math.max(8, Math.round(perYear * rng.between(0.5, 0.7))) * plan.years,
        groups: Math.max(6, Math.round(perYear * rng.between(0.35, 0.5))) * plan.years,
        activities: Math.max(6, Math.round(perYear * rng.between(0.25, 0.35))) * plan.years,
        contacts: Math.round((perYear * rng.between(35, 55)) / 10) * 10 * plan.years,
        satisfaction: rng.pick([85, 90, 90]),
      };
      const createdAt = past(officeTime(rng, addDays(d.approve!, 1)));
      kinds.forEach((kind, i) => {
        indicatorRows.push({
          id: rng.uuid(),
          projectId,
          kind,
          name: theme.indicators[kind],
          unit: INDICATOR_UNITS[kind],
          target: targets[kind],
          sort: i,
          createdAt,
        });
      });
      out.indicators.push(...indicatorRows);
    }

    // Procurement: the call, the bids, the panel's scores, the award and the contract.
    let agencyId: string | null = null;
    let contractAmountFen: number | null = null;
    let leadWorkerId: string | null = null;
    let signedOn: string | null = null;
    let winnerAgency: SeedAgency | null = null;
    if (reach >= 3) {
      const publishAt = push('publish_call', d.publish_call!, actors.main);
      const deadline = t.deadline!;
      const awarded = reach >= 4;
      const noBids = spec.terminatedFrom === 'tendering';
      out.procurementCalls.push({
        projectId,
        title: `${plan.title}${PROCUREMENT_METHOD_NAMES[plan.method].zh}公告`,
        content:
          `项目编号：${plan.code}；采购方式：${PROCUREMENT_METHOD_NAMES[plan.method].zh}；` +
          `预算金额：${yuanText(plan.budgetFen)} 元；服务期限：${plan.periodFrom} 至 ${plan.periodTo}。` +
          `服务内容：${plan.serviceContent}`,
        eligibility: ELIGIBILITY,
        publishedAt: publishAt,
        bidDeadline: deadline,
        status: awarded ? 'awarded' : noBids ? 'cancelled' : 'open',
      });
      if (!noBids) {
        // Who bids: the demo agency where the demo needs it, others whose service areas reach the project.
        const demoBids = spec.demo === 'winner' || spec.demo === 'bidder' || spec.demo === 'loser';
        const count = plan.method === 'single_source' ? 1 : rng.int(awarded ? 2 : 1, 3);
        const bidders: SeedAgency[] = demoBids && demoAgency ? [demoAgency] : [];
        for (const a of eligibleAgencies(plan.divisions, theme, true)) if (bidders.length < count) bidders.push(a);
        if (bidders.length === 0) throw new Error(`generateProjects: no agency can bid for ${plan.title}`);
        const winner =
          spec.demo === 'winner' && demoAgency ? demoAgency : (bidders.find((a) => a !== demoAgency) ?? bidders[0]!);
        const awardAt = awarded ? past(officeTime(rng, d.award!)) : null;
        // Bids come in between the day after publication and the deadline (or now, for a call still open).
        const firstDay = addDays(shanghaiDate(publishAt), 1);
        const latest = Math.min(deadline.getTime(), todayMs) - 3_600_000;
        const lastDay = shanghaiDate(new Date(latest));
        const bidRows: BidRow[] = [];
        for (const agency of bidders) {
          const isWinner = awarded && agency === winner;
          const { lead, members } = team(
            agency.id,
            theme,
            isWinner && spec.demoWorker ? input.demo.workerId : null,
            isWinner,
          );
          const day = lastDay > firstDay ? addDays(firstDay, rng.int(0, daysBetween(firstDay, lastDay))) : lastDay;
          const submittedAt = new Date(
            Math.max(publishAt.getTime() + 60_000, Math.min(officeTime(rng, day).getTime(), latest)),
          );
          const priceFen = Math.floor((plan.budgetFen * rng.between(0.9, 0.995)) / 10_000) * 10_000;
          const row: BidRow = {
            id: rng.uuid(),
            projectId,
            agencyId: agency.id,
            proposal: proposal(agency, theme, lead, members),
            priceFen,
            leadWorkerId: lead.id,
            leadLevel: lead.credentialLevel,
            teamWorkerIds: members.map((m) => m.id),
            status: awarded ? (isWinner ? 'awarded' : 'not_awarded') : 'submitted',
            submittedBy: agency.managers[0]?.id ?? null,
            submittedAt,
            updatedAt: awardAt ?? submittedAt,
            version: awarded ? 2 : 1,
          };
          bidRows.push(row);
          if (isWinner) {
            agencyId = agency.id;
            winnerAgency = agency;
            contractAmountFen = priceFen;
            leadWorkerId = lead.id;
            signedOn = d.award!;
            for (const [i, w] of [lead, ...members].entries())
              out.projectTeam.push({
                projectId,
                workerId: w.id,
                role: i === 0 ? 'lead' : 'member',
                joinedOn: signedOn,
              });
          }
        }
        out.bids.push(...bidRows);
        // Once the deadline has passed the panel scores the bids: all of it before an award (the winner scored
        // highest by everyone), part of it on a call still waiting for its award.
        if (deadline.getTime() <= todayMs) {
          const scoreFrom = deadline.getTime() + 3_600_000;
          const scoreTo = (awardAt ? awardAt.getTime() : todayMs) - 3_600_000;
          const scorers = awarded ? actors.panel : actors.panel.slice(0, Math.max(1, actors.panel.length - 1));
          for (const scorer of scorers) {
            const top = Math.round(rng.between(85, 94) * 2) / 2;
            for (const bid of bidRows) {
              const score = !awarded
                ? Math.round(rng.between(72, 92) * 2) / 2
                : bid.status === 'awarded'
                  ? top
                  : Math.round(rng.between(68, top - 1) * 2) / 2;
              out.bidScores.push({
                bidId: bid.id,
                scorerUserId: scorer.id,
                score,
                comment: rng.pick(BID_COMMENTS),
                scoredAt: new Date(scoreFrom + Math.floor(rng.next() * Math.max(1, scoreTo - scoreFrom))),
              });
            }
          }
        }
        if (awardAt) pushAt('award', awardAt, actors.main);
      }
    }

    // The contract, the payment schedule and the delivery.
    const milestoneRows: MilestoneRow[] = [];
    const evaluationResults: Partial<Record<EvaluationKind, { score: number; at: string }>> = {};
    let finalScore: number | null = null;
    let finalGrade: Grade | null = null;
    if (reach >= 4 && contractAmountFen !== null && signedOn !== null) {
      const amount: number = contractAmountFen;
      const schedule: Array<[string, number, MilestoneTrigger, number | null, string | null]> =
        plan.years > 1
          ? [
              ['首期款（合同签订后）', 2500, 'contract_signed', null, null],
              ['第二年度首期款', 2500, 'manual', null, addYears(plan.periodFrom, 1)],
              ['中期款（中期评估合格后）', 2500, 'midterm_grade', null, null],
              ['尾款（末期评估合格后）', 2500, 'final_grade', null, null],
            ]
          : rng.pick([
              [
                ['首期款（合同签订后）', 4000, 'contract_signed', null, null],
                ['中期款（中期评估合格后）', 3000, 'midterm_grade', null, null],
                ['尾款（末期评估合格后）', 3000, 'final_grade', null, null],
              ],
              [
                ['首期款（合同签订后）', 3000, 'contract_signed', null, null],
                ['中期款（中期评估合格后）', 3000, 'midterm_grade', null, null],
                ['尾款（末期评估合格后）', 4000, 'final_grade', null, null],
              ],
            ] as Array<Array<[string, number, MilestoneTrigger, number | null, string | null]>>);
      schedule.forEach(([name, percentBp, trigger, minScore, dueOn], sort) => {
        milestoneRows.push({ id: rng.uuid(), projectId, name, percentBp, trigger, minScore, dueOn, sort });
      });
      out.milestones.push(...milestoneRows);
      const settlement = milestoneRows
        .map((m) => `${m.name.replace(/（.*）$/, '')}：合同金额的 ${m.percentBp / 100}%（${triggerText(m)}）`)
        .join('；');
      out.contracts.push({
        projectId,
        bidId: out.bids.find((b) => b.projectId === projectId && b.status === 'awarded')?.id ?? null,
        agencyId: agencyId!,
        amountFen: amount,
        termFrom: plan.periodFrom,
        termTo: plan.periodTo,
        quantityTerms: indicatorRows
          .filter((i) => i.kind !== 'satisfaction')
          .map((i) => `${i.name} ${i.target} ${i.unit}`)
          .join('；'),
        qualityTerms:
          '依照《社会工作服务项目绩效评估指南》（MZ/T 059-2014）接受中期、末期评估；' +
          `服务对象满意度不低于 ${indicatorRows.find((i) => i.kind === 'satisfaction')?.target ?? 85}%；末期评估合格及以上方可结项。`,
        priceTerms: `合同总价人民币 ${yuanText(amount)} 元（含税），包含人员、活动、督导及管理等全部费用。`,
        settlementTerms: `${settlement}。`,
        signedOn,
        publishedAt: past(officeTime(rng, addDays(signedOn, rng.int(1, 3)))),
      });

      // Service: start, quarterly reports, evaluations, final review, close or termination.
      const serviceActor = winnerAgency?.managers[0] ?? actors.main;
      if (reach >= 5) push('start_service', d.start_service!, serviceActor);
      const terminateOn = spec.terminatedFrom === 'in_service' ? addDays(today, -rng.int(50, 60)) : null;
      if (reach >= 5) {
        const completed = reach >= 6;
        const reportUntil = terminateOn ?? (completed ? plan.periodTo : yesterday);
        buildReports(plan, indicatorRows, reportUntil, completed, terminateOn, winnerAgency);
      }
      // Mid-term evaluation, about 45 % into the period (40 % for a two-year one).
      const termDays = daysBetween(plan.periodFrom, plan.periodTo) + 1;
      if (spec.midterm && reach >= 5) {
        const assigned = addDays(plan.periodFrom, Math.round(termDays * (plan.years > 1 ? 0.4 : 0.45)));
        const outcome = spec.midterm;
        if (outcome === 'assigned') {
          buildEvaluation(projectId, 'midterm', assigned, null, null, 0, 'open');
        } else {
          const submitted = minDate(addDays(assigned, rng.int(12, 22)), addDays(yesterday, -1));
          const fail = outcome === 'fail_open' || outcome === 'fail_accepted';
          const result = buildEvaluation(
            projectId,
            'midterm',
            assigned,
            submitted,
            fail ? 'fail' : outcome,
            fail ? 3 : 0,
            outcome === 'fail_open' ? 'mixed' : 'accepted',
          );
          evaluationResults.midterm = { score: result.total, at: submitted };
        }
      }
      if (reach >= 6) {
        push('request_final_review', d.request_final_review!, serviceActor);
        const assigned = minDate(addDays(d.request_final_review!, rng.int(2, 5)), yesterday);
        if (spec.final === 'assigned') buildEvaluation(projectId, 'final', assigned, null, null, 0, 'open');
        else if (spec.final) {
          const submitted = minDate(addDays(assigned, rng.int(14, 22)), addDays(yesterday, -1));
          const closing = spec.status === 'closed';
          const result = buildEvaluation(
            projectId,
            'final',
            assigned,
            submitted,
            spec.final,
            spec.weakFinal ? 1 : 0,
            closing ? 'accepted' : 'open',
          );
          evaluationResults.final = { score: result.total, at: submitted };
          finalScore = result.total;
          finalGrade = result.grade;
        }
      }

      // Payments: each milestone once its event has happened (never a withheld or pending one), in full unless
      // the spec leaves one due or part-paid; before the close, after the event.
      const closeAfter: string[] = [];
      for (const m of milestoneRows) {
        const amountFen = milestoneAmountFen(amount, m.percentBp);
        const event =
          m.trigger === 'contract_signed'
            ? signedOn
            : m.trigger === 'manual'
              ? m.dueOn
              : (() => {
                  const e = evaluationResults[m.trigger === 'midterm_grade' ? 'midterm' : 'final'];
                  return e && e.score >= (m.minScore ?? bands.passFrom) ? e.at : null;
                })();
        if (!event || event > yesterday) continue;
        if (terminateOn && event >= terminateOn) continue;
        if (m.trigger === 'midterm_grade' && spec.midtermPayment === 'due') continue;
        // The final instalment is paid on closing, once the rectifications are settled.
        if (m.trigger === 'final_grade' && spec.status !== 'closed') continue;
        const lastDay = terminateOn ? addDays(terminateOn, -1) : yesterday;
        const paidOn = minDate(addDays(event, rng.int(7, 20)), lastDay);
        if (paidOn < event) continue;
        const part = m.trigger === 'midterm_grade' && spec.midtermPayment === 'partial';
        const value = part ? Math.floor(amountFen / 2 / 100) * 100 : amountFen;
        out.payments.push({
          id: rng.uuid(),
          projectId,
          milestoneId: m.id,
          amountFen: value,
          paidOn,
          reference: `国库集中支付 ${paidOn.replaceAll('-', '')}-${String(rng.int(1, 999)).padStart(3, '0')}`,
          recordedBy: actors.main.id,
          recordedAt: past(officeTime(rng, paidOn)),
        });
        closeAfter.push(paidOn);
      }

      if (spec.status === 'closed') {
        const lastRectification = out.rectifications
          .filter((r) => r.projectId === projectId && r.closedAt)
          .map((r) => shanghaiDate(r.closedAt!));
        const after = [evaluationResults.final?.at ?? yesterday, ...closeAfter, ...lastRectification].reduce(maxDate);
        push('close', minDate(addDays(after, rng.int(3, 8)), yesterday), actors.main);
      }
      if (terminateOn) push('terminate', terminateOn, actors.main, spec.reason ?? null);
    }
    if (spec.status === 'terminated' && spec.terminatedFrom === 'tendering') {
      const when = minDate(addDays(shanghaiDate(t.deadline!), rng.int(5, 10)), yesterday);
      push('terminate', when, actors.main, spec.reason ?? null);
    }

    // The history, and the project row as the last move left it.
    let status: ProjectStatus = 'draft';
    for (const e of events) {
      const from = e.action === 'create' ? null : status;
      const to = e.action === 'create' ? 'draft' : AFTER[e.action];
      out.projectTransitions.push({
        projectId,
        fromStatus: from,
        action: e.action,
        toStatus: to,
        reason: e.reason,
        actorUserId: e.actor?.id ?? null,
        actorUsername: e.actor?.username ?? null,
        at: e.at,
      });
      status = to;
    }
    if (status !== spec.status)
      throw new Error(`generateProjects: ${plan.title} ended in ${status}, not ${spec.status}`);
    const last = events[events.length - 1]!;
    const statusReason = last.action === 'reject' || last.action === 'terminate' ? last.reason : null;
    out.projects.push({
      id: projectId,
      code: plan.code!,
      title: plan.title,
      purchaserId: plan.purchaser.id,
      divisionCode: plan.purchaser.divisionCode,
      fundingSource: plan.fundingSource,
      budgetFen: plan.budgetFen,
      contractAmountFen,
      targetGroups: [...theme.targetGroups],
      serviceContent: plan.serviceContent,
      procurementMethod: plan.method,
      periodFrom: plan.periodFrom,
      periodTo: plan.periodTo,
      recurring: plan.years > 1,
      agencyId,
      leadWorkerId,
      status,
      statusReason,
      finalScore,
      finalGrade,
      search: `${plan.code} ${plan.title} ${plan.serviceContent}`.slice(0, 2000),
      version: events.length,
      createdBy: actors.main.id,
      createdAt: plan.createdAt,
      updatedAt: last.at,
    });
    for (const divisionCode of plan.divisions) out.projectDivisions.push({ projectId, divisionCode });
  }

  function triggerText(m: MilestoneRow): string {
    switch (m.trigger) {
      case 'contract_signed':
        return '合同签订后支付';
      case 'manual':
        return `${m.dueOn} 起支付`;
      case 'midterm_grade':
        return '中期评估合格后支付';
      case 'final_grade':
        return '末期评估合格后支付';
    }
  }

  /**
   * Quarterly progress reports up to `until` (the last one at the period's end for a completed project), each sent
   * a week or so after its quarter: on-track projects keep ahead of the elapsed share of the period, lagging ones
   * well behind it.
   */
  function buildReports(
    plan: Plan,
    indicators: readonly IndicatorRow[],
    until: string,
    completed: boolean,
    terminateOn: string | null,
    agency: SeedAgency | null,
  ) {
    const ends = quarterEnds(plan.periodFrom, plan.periodTo).filter((q) => q <= until);
    if (completed) ends.push(plan.periodTo);
    const termDays = daysBetween(plan.periodFrom, plan.periodTo) + 1;
    const submissions = ends
      .map((periodEnd) => ({
        periodEnd,
        sent:
          completed && periodEnd === plan.periodTo
            ? addDays(periodEnd, rng.int(1, 2))
            : addDays(periodEnd, rng.int(5, 12)),
      }))
      .filter((s) => s.sent <= yesterday && (!terminateOn || s.sent < terminateOn));
    if (submissions.length === 0) return;
    const lastShare = (daysBetween(plan.periodFrom, submissions[submissions.length - 1]!.periodEnd) + 1) / termDays;
    const elapsedNow = completed ? 1 : Math.min(1, (daysBetween(plan.periodFrom, terminateOn ?? today) + 1) / termDays);
    const pace = plan.spec.behind
      ? (elapsedNow / lastShare) * rng.between(0.55, 0.72)
      : Math.max(1.02, (elapsedNow / lastShare) * rng.between(1.03, 1.12));
    const reported = new Map<string, number>();
    for (const { periodEnd, sent } of submissions) {
      const share = (daysBetween(plan.periodFrom, periodEnd) + 1) / termDays;
      const reportId = rng.uuid();
      const submittedAt = past(officeTime(rng, sent));
      const parts: string[] = [];
      for (const indicator of indicators) {
        let value: number;
        if (indicator.kind === 'satisfaction') {
          value = plan.spec.behind ? rng.int(78, 86) : Math.min(99, indicator.target + rng.int(1, 7));
        } else {
          const before = reported.get(indicator.id) ?? 0;
          const cumulative = Math.min(
            Math.round(indicator.target * 1.25),
            Math.round(indicator.target * share * pace * rng.between(0.97, 1.03)),
          );
          value = Math.max(0, cumulative - before);
          reported.set(indicator.id, before + value);
        }
        parts.push(`${indicator.name} ${value}${indicator.unit}`);
        out.indicatorActuals.push({
          id: rng.uuid(),
          indicatorId: indicator.id,
          projectId: plan.id,
          source: 'report',
          reportId,
          periodEnd,
          value,
          evidence: INDICATOR_EVIDENCE[indicator.kind as CountKind],
          recordedAt: submittedAt,
        });
      }
      const final = completed && periodEnd === plan.periodTo;
      const note = plan.spec.behind
        ? '受人员调整影响，部分指标进度滞后，已调整下阶段服务计划并增加外展频次。'
        : final
          ? '服务期满，各项指标已完成，项目总结报告及成效评估材料已提交。'
          : '各项服务按计划推进。';
      out.progressReports.push({
        id: reportId,
        projectId: plan.id,
        periodEnd,
        summary: `截至 ${periodEnd}，本期完成：${parts.join('，')}。${note}`,
        submittedBy: agency?.managers[0]?.id ?? null,
        submittedAt,
      });
    }
  }

  /**
   * An evaluation by the demo evaluator: `open` (assigned, not scored yet) or submitted with scores for the grade
   * and a rectification task per weak criterion — all accepted, all still open, or one of each kind (`mixed`:
   * accepted, awaiting review, sent back).
   */
  function buildEvaluation(
    projectId: string,
    kind: EvaluationKind,
    assignedOn: string,
    submittedOn: string | null,
    target: Grade | null,
    weak: number,
    tasks: 'open' | 'accepted' | 'mixed',
  ): { total: number; grade: Grade } {
    const id = rng.uuid();
    const assignedAt = past(officeTime(rng, assignedOn));
    const dueOn = addDays(assignedOn, 30);
    out.evaluationAssignees.push({ evaluationId: id, userId: input.evaluator.userId });
    if (!submittedOn || !target) {
      out.evaluations.push({
        id,
        projectId,
        kind,
        templateId: input.template.id,
        evaluatorOrgId: input.evaluator.organizationId,
        status: 'assigned',
        totalScore: null,
        grade: null,
        summary: '',
        dueOn,
        assignedAt,
        submittedAt: null,
        version: 1,
      });
      return { total: 0, grade: 'fail' };
    }
    const { scores, total, grade } = scoresFor(target, weak);
    const submittedAt = new Date(
      Math.max(past(officeTime(rng, submittedOn)).getTime(), assignedAt.getTime() + 3_600_000),
    );
    const summary = `${KIND_NAMES[kind]}：${SUMMARIES[grade]}`;
    out.evaluations.push({
      id,
      projectId,
      kind,
      templateId: input.template.id,
      evaluatorOrgId: input.evaluator.organizationId,
      status: 'submitted',
      totalScore: total,
      grade,
      summary,
      dueOn,
      assignedAt,
      submittedAt,
      version: 3,
    });
    const rectificationDue = addDays(shanghaiDate(submittedAt), 30);
    let weakIndex = 0;
    criteria.forEach((c, i) => {
      const score = scores[i]!;
      const comments = CRITERION_COMMENTS[c.name] ?? GENERIC_COMMENTS;
      const isWeak = Math.round(score * 100) * 100 < Math.round(c.weight * 100) * 60;
      const comment = isWeak ? comments[2] : score >= c.weight * 0.85 ? comments[0] : comments[1];
      out.evaluationScores.push({
        evaluationId: id,
        criterionId: c.id,
        score,
        comment,
        evidence: isWeak ? '现场查阅档案、抽查服务记录' : '查阅项目档案及服务台账',
      });
      if (!isWeak) return;
      // The task as submitEvaluation writes it (evaluation.service rectificationsFor).
      const description =
        `【${EVALUATION_DIMENSION_NAMES[c.dimension].zh}·${c.name}】${KIND_NAMES[kind]}得分 ${score} / ` +
        `${c.weight} 分，低于该项分值的 60%。评估意见：${comment}`;
      const state: 'accepted' | 'submitted' | 'reopened' | 'open' =
        tasks === 'accepted'
          ? 'accepted'
          : tasks === 'open'
            ? 'open'
            : (['accepted', 'submitted', 'reopened'] as const)[weakIndex % 3]!;
      weakIndex++;
      const response = RECTIFICATION_RESPONSES[c.name] ?? '已按评估意见制定整改方案并落实，相关佐证材料已归档。';
      const submittedDay = shanghaiDate(submittedAt);
      const respondedOn = minDate(addDays(submittedDay, rng.int(8, 18)), yesterday);
      const respondedAt = state === 'open' ? null : past(officeTime(rng, respondedOn));
      const closedAt =
        state === 'accepted' ? past(officeTime(rng, minDate(addDays(respondedOn, rng.int(3, 8)), yesterday))) : null;
      out.rectifications.push({
        id: rng.uuid(),
        projectId,
        evaluationId: id,
        criterionId: c.id,
        description,
        dueOn: rectificationDue,
        status: state === 'reopened' ? 'open' : state,
        response: state === 'open' ? '' : response,
        reopenReason: state === 'reopened' ? '整改说明未附佐证材料（记录表、签到表等），请补充后重新提交。' : null,
        respondedAt,
        closedAt,
        createdAt: submittedAt,
      });
    });
    // A failing grade without a weak criterion would get one task for the whole evaluation; the draws here always
    // put the failing grades on weak criteria, so that case does not arise.
    return { total, grade };
  }
}
