import {
  type CaseAction,
  type CaseStage,
  type CLOSING_REASONS,
  type INTAKE_SOURCES,
  RECORD_CONTENT,
  type RecordKind,
} from '../../../../contracts/api/cases';
import type { GROUP_TYPES, ServiceRecordKind } from '../../../../contracts/api/delivery';
import {
  type ConsentPurpose,
  DISABILITY_TYPES,
  DISABLED_PERSON_CATEGORY,
  type GUARDIAN_RELATIONS,
  GUARDIAN_REQUIRED_UNDER_AGE,
  type HOUSEHOLD_RELATIONS,
} from '../../../../contracts/api/services';
import { idNumberCheckChar } from '../../../../contracts/identifiers';
import type { IndicatorKind, ProjectStatus } from '../../../../contracts/projects';
import { BARTHEL, scoreScale } from '../../../../contracts/scales';
import type { CredentialLevel } from '../../../../contracts/taxonomy';
import { ageOn } from '../../modules/services/beneficiary.service';
import { findCaseTransition, STAGE_RECORD_KINDS } from '../../modules/services/case.transitions';
import {
  type Credit,
  caseOpenedCredits,
  countIndicatorKind,
  recordCredits,
  satisfactionRate,
  sumCredits,
} from '../../modules/services/indicator-credit';
import { addDays, daysBetween, shanghaiDate } from '../../platform/time';
import { maxDate, minDate, Rng } from './rng';

/**
 * Deterministic generator of the demo's service delivery (issue 5): beneficiaries in households with their consents,
 * cases in every stage with the stage records and history the case rules imply, groups with members, community
 * activities, tens of thousands of service records and satisfaction surveys, and the indicator day totals those
 * records add to the demo projects. Pure: it takes the ids already in the database (agencies, workers, projects)
 * and the clock, returns plain rows (services.ts encrypts the identifiers and writes them), and draws every random
 * number from its own seeded PRNG, so one seed gives the same rows.
 *
 * The rows obey the rules the services enforce: ID numbers with GB 11643 check digits, a guardian for every minor,
 * a disability type and grade exactly for 残疾人, every case move allowed by case.transitions.ts with the records it
 * requires approved by the case's supervisor after the case entered the stage, Barthel totals and bands as the
 * server scores them, and indicator credits from indicator-credit.ts (the live rule, not a copy of it).
 *
 * Where delivery may count. The demo projects already carry quarterly progress reports (indicator_actuals with
 * source 'report', projects-generator.ts) and the projects' actuals add both sources up. So a record may credit a
 * project's indicators only when it is held after the project's latest report (its "ledger": what the platform
 * counts from then on); before that, the reports already hold what was delivered. Records held earlier are
 * attached to a project only where they credit nothing: visits and case sessions under projects without a
 * 服务人次 indicator, group sessions under projects without 小组 and 服务人次 indicators. This keeps every
 * project's totals at their reported pace plus a plausible couple of months of recorded delivery, and keeps a void
 * in the live code safe (a voided record takes back exactly what it added). The bulk of the records are therefore
 * visits under projects that count no 服务人次, spread over their whole service period, and a minority of visits
 * outside any project.
 *
 * Case work needs signed-in people (a case's worker and supervisor must have accounts, case.service createCase);
 * the registry gives accounts only to the two demo workers, so the generator adds social-worker accounts for a few
 * workers of each serving agency (`accounts`; services.ts creates the users and links them).
 */

// ---- Input -------------------------------------------------------------------------------------------------------

export interface ServiceSeedAgency {
  id: string;
  name: string;
  /** Street codes (9 digits) or the district code. */
  serviceDivisionCodes: readonly string[];
}

export interface ServiceSeedWorker {
  id: string;
  agencyId: string;
  name: string;
  credentialLevel: CredentialLevel | null;
  userId: string | null;
  /** For the generated account's username. */
  certificateNo: string | null;
}

export interface ServiceSeedIndicator {
  id: string;
  kind: IndicatorKind;
  target: number;
}

export interface ServiceSeedProject {
  id: string;
  code: string;
  title: string;
  status: ProjectStatus;
  agencyId: string | null;
  periodFrom: string;
  periodTo: string;
  /** Its service area (street or community codes). */
  divisionCodes: readonly string[];
  targetGroups: readonly string[];
  /** The contracted team, lead first. */
  teamWorkerIds: readonly string[];
  indicators: readonly ServiceSeedIndicator[];
  /** period_end of its latest progress report (null: none yet). */
  reportedThrough: string | null;
}

export interface ServiceSeedInput {
  seed: number;
  /** The clock; its calendar date in China is "today". */
  today: Date;
  divisions: ReadonlyArray<{ code: string; parentCode: string | null; name: string; level: string }>;
  /** Active codes of the beneficiary_category taxonomy. */
  categories: readonly string[];
  /** In a stable order (by name). */
  agencies: readonly ServiceSeedAgency[];
  /** In a stable order; the workers of the agencies above. */
  workers: readonly ServiceSeedWorker[];
  projects: readonly ServiceSeedProject[];
  demo: {
    /** The agency of demo-agency, demo-worker and demo-supervisor. */
    agencyId: string;
    workerId: string;
    supervisorWorkerId: string;
  };
  /** Case numbers already used (case_code_counters): new codes continue after them. */
  caseCounters?: ReadonlyArray<{ year: number; last: number }>;
  beneficiaries?: number;
  cases?: number;
  groups?: number;
  activities?: number;
  /** About how many service records in all. */
  records?: number;
}

// ---- Output ------------------------------------------------------------------------------------------------------

export interface AccountSeedRow {
  userId: string;
  workerId: string;
  organizationId: string;
  username: string;
  displayName: string;
}

export interface HouseholdSeedRow {
  id: string;
  divisionCode: string;
  createdAt: Date;
}

type HouseholdRelation = (typeof HOUSEHOLD_RELATIONS)[number];
type GuardianRelation = (typeof GUARDIAN_RELATIONS)[number];
type DisabilityType = (typeof DISABILITY_TYPES)[number];
type RiskLevel = 'low' | 'medium' | 'high';

/** A beneficiary with its identifiers in the clear: services.ts encrypts, indexes and masks them. */
export interface BeneficiarySeedRow {
  id: string;
  name: string;
  gender: 'male' | 'female';
  birthDate: string;
  idNumber: string;
  mobile: string | null;
  address: string | null;
  /** Street level only, as beneficiary.service maskedAddress writes it. */
  addressMasked: string | null;
  divisionCode: string;
  latitude: number | null;
  longitude: number | null;
  categories: string[];
  disabilityType: DisabilityType | null;
  disabilityGrade: number | null;
  riskLevel: RiskLevel | null;
  householdId: string;
  householdRelation: HouseholdRelation;
  guardian: { name: string; relation: GuardianRelation; mobile: string } | null;
  agencyId: string;
  createdBy: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface ConsentSeedRow {
  beneficiaryId: string;
  purpose: ConsentPurpose;
  status: 'given' | 'refused' | 'withdrawn';
  givenBy: 'self' | 'guardian';
  evidence: string;
  validUntil: string | null;
  recordedBy: string;
  recordedAt: Date;
  withdrawnAt: Date | null;
  withdrawalReason: string | null;
}

export interface CaseSeedRow {
  id: string;
  code: string;
  beneficiaryId: string;
  agencyId: string;
  projectId: string | null;
  workerId: string;
  supervisorWorkerId: string;
  stage: CaseStage;
  stageEnteredAt: Date;
  intakeSource: (typeof INTAKE_SOURCES)[number];
  openedOn: string;
  closedOn: string | null;
  closingReason: (typeof CLOSING_REASONS)[number] | null;
  createdBy: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface CaseRecordSeedRow {
  id: string;
  caseId: string;
  stage: CaseStage;
  kind: RecordKind;
  /** As case.service validateContent stores it (assessments with total, band and risk level). */
  content: Record<string, unknown>;
  status: 'draft' | 'submitted' | 'approved' | 'returned';
  authorUserId: string;
  submittedAt: Date | null;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  reviewComment: string | null;
  amendsRecordId: null;
  createdAt: Date;
  updatedAt: Date;
}

export interface StageHistorySeedRow {
  caseId: string;
  fromStage: CaseStage | null;
  toStage: CaseStage;
  action: CaseAction | 'open';
  reason: string | null;
  actorUserId: string;
  at: Date;
}

export interface GroupSeedRow {
  id: string;
  agencyId: string;
  projectId: string | null;
  name: string;
  groupType: (typeof GROUP_TYPES)[number];
  goals: string;
  plannedSessions: number;
  divisionCode: string;
  leaderWorkerId: string;
  status: 'active' | 'closed';
  createdBy: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface GroupMemberSeedRow {
  groupId: string;
  beneficiaryId: string;
  joinedOn: string;
  leftOn: string | null;
}

export interface ActivitySeedRow {
  id: string;
  agencyId: string;
  projectId: string | null;
  name: string;
  theme: string;
  description: string;
  divisionCode: string;
  location: string;
  leadWorkerId: string;
  status: 'active' | 'closed';
  createdBy: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface ServiceRecordSeedRow {
  id: string;
  agencyId: string;
  projectId: string | null;
  indicatorId: string | null;
  kind: ServiceRecordKind;
  status: 'scheduled' | 'completed' | 'voided';
  caseId: string | null;
  caseRecordId: string | null;
  groupId: string | null;
  activityId: string | null;
  beneficiaryId: string | null;
  divisionCode: string;
  scheduledAt: Date | null;
  heldOn: string | null;
  durationMinutes: number | null;
  participantCount: number;
  location: string;
  content: string;
  outcome: string;
  createdBy: string;
  completedBy: string | null;
  completedAt: Date | null;
  voidedBy: string | null;
  voidedAt: Date | null;
  voidReason: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface SurveySeedRow {
  id: string;
  projectId: string;
  agencyId: string;
  recordId: string | null;
  score: number;
  comment: string;
  surveyedOn: string;
  recordedBy: string;
  recordedAt: Date;
}

export interface ServiceActualSeedRow {
  id: string;
  indicatorId: string;
  projectId: string;
  source: 'service_record';
  reportId: null;
  periodEnd: string;
  value: number;
  evidence: string;
  recordedAt: Date;
}

export interface ServiceSeed {
  accounts: AccountSeedRow[];
  households: HouseholdSeedRow[];
  beneficiaries: BeneficiarySeedRow[];
  /** Per beneficiary and purpose in decision order (the identity column orders them; the last is current). */
  consents: ConsentSeedRow[];
  cases: CaseSeedRow[];
  caseRecords: CaseRecordSeedRow[];
  /** Per case, oldest first. */
  caseStageHistory: StageHistorySeedRow[];
  caseCodeCounters: Array<{ year: number; last: number }>;
  serviceGroups: GroupSeedRow[];
  groupMembers: GroupMemberSeedRow[];
  communityActivities: ActivitySeedRow[];
  serviceRecords: ServiceRecordSeedRow[];
  serviceRecordWorkers: Array<{ recordId: string; workerId: string }>;
  serviceRecordAttendees: Array<{ recordId: string; beneficiaryId: string; present: boolean }>;
  satisfactionSurveys: SurveySeedRow[];
  indicatorActuals: ServiceActualSeedRow[];
}

// ---- PRNG --------------------------------------------------------------------------------------------------------

// ---- Time: Beijing wall-clock minutes since 1970-01-01 (UTC+8, no daylight saving) -------------------------------

const MINUTES_PER_DAY = 1440;
const CHINA_OFFSET_MINUTES = 480;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
const dateOfDay = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
const dayOfMinute = (m: number) => Math.floor(m / MINUTES_PER_DAY);
const dateOfMinute = (m: number) => dateOfDay(dayOfMinute(m));
const instant = (m: number) => new Date((m - CHINA_OFFSET_MINUTES) * 60_000);
/** The instant of a Beijing wall-clock time on a date. */
const at = (date: string, hour: number, minute: number) =>
  instant(dayNumber(date) * MINUTES_PER_DAY + hour * 60 + minute);
/** 0 Sunday … 6 Saturday. */
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

// ---- Vocabulary ----------------------------------------------------------------------------------------------------

const SURNAMES: ReadonlyArray<readonly [string, number]> = [
  ['陈', 100],
  ['梁', 58],
  ['黄', 60],
  ['李', 60],
  ['何', 40],
  ['张', 38],
  ['林', 30],
  ['刘', 28],
  ['罗', 24],
  ['吴', 24],
  ['冯', 20],
  ['周', 20],
  ['杨', 20],
  ['邓', 18],
  ['麦', 15],
  ['谭', 15],
  ['潘', 15],
  ['卢', 15],
  ['叶', 15],
  ['区', 12],
  ['苏', 12],
  ['钟', 12],
  ['关', 10],
  ['霍', 8],
  ['莫', 8],
  ['冼', 6],
  ['招', 4],
  ['欧阳', 4],
];
const GIVEN = {
  female: {
    old: '秀英桂芳凤玉兰珍娟霞金好群彩银少惠艳琼妹容带娣'.split(''),
    mid: '丽芳燕霞敏静慧玲萍红艳淑月梅碧美君'.split(''),
    young: '婷欣怡颖嘉慧雯琳洁诗咏晓思彤悦琪晴妍梓子钰伊楚'.split(''),
  },
  male: {
    old: '国华建明永志伟荣锦德福光东强平炳成林水根汉权耀'.split(''),
    mid: '伟强俊杰志明文华锦荣健耀辉斌勇军峰鹏涛'.split(''),
    young: '浩家豪宇航森泽铭晖润达冠卓宏振嘉子梓俊智轩'.split(''),
  },
};

/** Mobile prefixes of the three carriers. */
const MOBILE_PREFIXES =
  '130 131 132 133 135 136 137 138 139 150 151 152 155 156 157 158 159 180 182 183 185 186 187 188 189 191 199'.split(
    ' ',
  );

const STREET_CENTRES: Record<string, { lat: number; lng: number }> = {
  '440604010': { lat: 23.0, lng: 113.115 },
  '440604011': { lat: 23.04, lng: 113.075 },
  '440604012': { lat: 23.03, lng: 113.115 },
  '440604100': { lat: 22.995, lng: 113.05 },
};
const DISTRICT_CENTRE = { lat: 23.02, lng: 113.1 };
const STREET_ROADS: Record<string, readonly string[]> = {
  '440604010': ['季华五路', '江湾一路', '绿景一路', '澜石二马路', '惠景路', '东平路'],
  '440604011': ['张槎一路', '张槎二路', '季华西路', '同济西路', '大富路'],
  '440604012': ['祖庙路', '人民路', '汾江中路', '建新路', '普君北路', '卫国路', '朝安南路', '福宁路'],
  '440604100': ['南庄大道', '禅港路', '紫洞南路', '吉利大道', '堤田路'],
};
const GENERIC_ROADS = ['文明路', '和平路', '建设路', '幸福路'];

/** What kind of person a beneficiary is: it steers categories, texts and the Barthel answers. */
type Profile = 'elder' | 'frail' | 'child' | 'youth' | 'disabled' | 'family' | 'veteran';

const NEEDS: Record<Profile, readonly string[]> = {
  elder: ['日常生活照料', '情绪陪伴', '居家安全', '慢病用药管理', '社区参与', '防诈骗提醒'],
  frail: ['日常生活照料', '康复护理链接', '照顾者减压', '居家适老化改造', '助餐服务'],
  child: ['课业辅导', '亲子关系', '情绪支持', '基本生活保障', '安全教育'],
  youth: ['学业压力', '人际关系', '生涯规划', '网络使用', '家庭沟通'],
  disabled: ['康复训练', '辅具适配', '就业支持', '社会融入', '照顾者支持'],
  family: ['救助政策申请', '就业支持', '家庭关系', '子女教育', '心理支持'],
  veteran: ['政策咨询', '就业创业', '困难帮扶', '心理关怀', '荣誉激励'],
};

const INTAKE_SUMMARY: Record<Profile, readonly string[]> = {
  elder: [
    '社区居委会转介，长者独居，子女在外地工作，近期情绪低落、较少出门，希望获得定期探访与陪伴。',
    '长者主动到社工站求助，反映近期记忆力下降、担心用药出错，希望得到提醒与家属沟通支持。',
  ],
  frail: [
    '长者中风后行动不便，由配偶照顾，照顾者压力较大，家属申请居家照护支持与喘息服务。',
    '高龄长者日常起居需要协助，家中浴室无扶手，曾跌倒一次，社区网格员发现后转介。',
  ],
  child: [
    '学校老师转介，儿童父母长期在外务工，由祖辈照顾，课业跟不上，情绪较为内向。',
    '儿童家庭经济困难，监护人反映孩子近期与同学冲突较多，希望得到辅导与支持。',
  ],
  youth: [
    '青少年因学业压力出现厌学情绪，家长与其沟通困难，经学校社工转介。',
    '青少年辍学在家半年，沉迷网络，家长主动求助，希望协助其规划升学或就业。',
  ],
  disabled: [
    '服务对象肢体残疾，居家较少外出，希望了解社区康复与辅助器具适配资源。',
    '智力残疾青年由年迈父母照顾，家庭担忧其日后照护安排，申请个案管理服务。',
  ],
  family: [
    '低保家庭，户主失业，家中有需要照顾的老人和在读子女，经济与心理压力较大。',
    '单亲家庭，母亲身体欠佳，申请临时救助后需要社工协助链接就业与子女教育资源。',
  ],
  veteran: [
    '退役军人家庭生活困难，配偶患病，经退役军人服务站转介，需要政策咨询与帮扶。',
    '退役军人退休后社会交往减少，情绪低落，家属希望社工提供关怀与社区参与机会。',
  ],
};

const GOALS: Record<Profile, ReadonlyArray<readonly [string, string, string]>> = {
  elder: [
    ['建立稳定的社会支持网络', '每月社区活动参与次数', '每月参与不少于 2 次社区活动'],
    ['提升居家用药安全', '按时服药的天数比例', '连续一个月按时服药达 90% 以上'],
    ['缓解孤独感', 'UCLA 孤独量表得分', '得分较前测下降 5 分以上'],
  ],
  frail: [
    ['改善居家安全环境', '完成适老化改造项目数', '完成浴室扶手与防滑改造'],
    ['减轻照顾者压力', '照顾者负担量表得分', '得分较前测下降 10%'],
    ['维持日常生活能力', 'Barthel 指数', '三个月内总分不下降'],
  ],
  child: [
    ['提高课业完成度', '每周按时完成作业次数', '每周按时完成作业不少于 4 次'],
    ['改善亲子沟通', '每周亲子共同活动次数', '每周不少于 2 次亲子活动'],
    ['增强情绪管理能力', '情绪冲突事件次数', '每月冲突事件减少一半'],
  ],
  youth: [
    ['恢复规律作息与学习', '每周到校天数', '每周到校 5 天'],
    ['明确升学或就业方向', '完成生涯规划书', '两个月内完成生涯规划书'],
  ],
  disabled: [
    ['参与社区康复训练', '每月康复训练次数', '每月参加康复训练不少于 4 次'],
    ['获得合适的辅助器具', '完成辅具评估与申请', '两个月内完成辅具申请'],
    ['扩大社会交往', '每月参加社区活动次数', '每月参加不少于 1 次'],
  ],
  family: [
    ['落实救助政策', '完成救助申请事项', '一个月内完成低保复核与临时救助申请'],
    ['提升就业能力', '参加就业培训或面试次数', '两个月内参加不少于 3 次'],
    ['稳定子女就学', '子女出勤情况', '子女每周按时到校'],
  ],
  veteran: [
    ['解决家庭实际困难', '完成帮扶事项数', '一个月内完成医疗救助申请'],
    ['增加社会参与', '每月参加服务站活动次数', '每月参加不少于 2 次'],
  ],
};

const SESSION_SUMMARY: Record<Profile, readonly string[]> = {
  elder: [
    '入户面谈，回顾近两周情绪与作息，一同整理药盒并约定下次探访时间。',
    '陪同长者参加社区长者饭堂活动，鼓励其与邻里交流，长者表示愿意继续参加。',
    '与长者子女电话沟通照顾安排，协商每周视频通话，长者情绪较上次好转。',
  ],
  frail: [
    '评估居家环境，与家属确认适老化改造方案，链接社区改造资源。',
    '为照顾者提供减压辅导，介绍喘息服务申请流程，照顾者表示压力有所缓解。',
    '协调社区康复师上门指导床椅转移训练，长者完成练习。',
  ],
  child: [
    '课后辅导并进行情绪卡片游戏，儿童能表达近期在校的烦恼。',
    '与监护人面谈亲子沟通方法，布置每周亲子共读任务。',
    '到校与班主任沟通儿童在校表现，约定每月反馈一次。',
  ],
  youth: [
    '运用焦点解决技巧讨论近期目标，服务对象同意每天按时起床。',
    '开展生涯探索练习，服务对象初步确定报读职业院校的意向。',
  ],
  disabled: [
    '陪同服务对象到社区康复站参加训练，记录训练完成情况。',
    '协助整理辅具申请材料，与残联专干沟通办理进度。',
    '引导服务对象参与社区兴趣活动，鼓励其结识新朋友。',
  ],
  family: [
    '协助户主准备救助复核材料，解释政策要求与办理时限。',
    '推荐就业岗位信息并进行面试模拟，户主计划下周参加招聘会。',
    '与家庭成员讨论家务分工与子女学习安排，家庭氛围有所改善。',
  ],
  veteran: ['上门走访了解家庭近况，协助办理医疗救助申请。', '邀请服务对象参加服务站座谈，分享军旅经历，情绪积极。'],
};

const FOLLOW_UP_SUMMARY = [
  '结案后电话回访，服务对象近况稳定，能持续运用所学方法，暂无新的服务需要。',
  '结案后上门回访，服务对象生活情况良好，已能独立参与社区活动。',
  '回访了解服务成效的维持情况，家属反映情况稳定，提醒如有需要可随时联系社工。',
];
const EVALUATION_SUMMARY = [
  '服务目标大部分达成，服务对象的支持网络与自我照顾能力明显提升，建议结案并于一个月后回访。',
  '经过阶段性介入，服务对象的主要困难已得到缓解，家庭与社区支持到位，同意结案。',
  '部分目标仍需时间巩固，但服务对象已具备持续改善的条件，转由社区日常跟进。',
];
const REVIEW_COMMENTS = ['同意。', '记录规范，同意。', '同意，请按计划推进。', null, null];
const RETURN_COMMENTS = [
  '请补充服务对象的主观感受及下一步计划。',
  '目标表述不够具体，请按 SMART 原则修改可衡量的指标。',
  '预估内容与量表结果不一致，请核对后重新提交。',
];
const REOPEN_REASONS = [
  '服务对象家庭突发变故，原有支持网络中断，需重新预估并介入。',
  '结案后回访发现服务对象情况反复，经督导评估同意重新开案。',
];

const VISIT_CONTENT: Record<Profile, readonly string[]> = {
  elder: [
    '入户探访，了解长者近期身体与情绪状况，提醒按时服药并检查居家用电用气安全。',
    '电话关怀独居长者，确认近期起居正常，告知社区长者饭堂开放时间。',
    '探访长者并陪同聊天，协助联系社区医生预约上门体检。',
  ],
  frail: [
    '上门探访失能长者，了解照顾者近况，提供护理技巧指导。',
    '探访长者并检查防跌倒设施使用情况，提醒家属定期翻身护理。',
  ],
  child: [
    '家访了解儿童近期学习与生活情况，与监护人沟通课业安排。',
    '探访困境儿童家庭，核实基本生活保障落实情况，送上学习用品。',
  ],
  youth: ['家访了解青少年近期作息与学习情况，与家长沟通相处方式。'],
  disabled: ['探访残疾人家庭，了解康复训练进展及辅具使用情况。', '上门探访，协助服务对象填写就业意向登记表。'],
  family: [
    '入户走访低保家庭，核实家庭收入变化，讲解救助政策调整内容。',
    '探访困难家庭，了解子女就学情况并链接助学资源。',
  ],
  veteran: ['走访退役军人家庭，送上节日慰问并了解家庭困难。', '电话回访退役军人，了解医疗救助办理进展。'],
};
const VISIT_OUTCOMES = [
  '服务对象情况稳定。',
  '已记录需求，下次探访跟进。',
  '已转介社区医生。',
  '已链接志愿者提供陪伴。',
  '',
];
const VISIT_LOCATIONS: ReadonlyArray<readonly [string, number]> = [
  ['服务对象家中', 70],
  ['社区党群服务中心', 12],
  ['电话回访', 12],
  ['社工站', 6],
];

interface ProgrammeTheme {
  groups: ReadonlyArray<readonly [string, (typeof GROUP_TYPES)[number], string]>;
  activities: ReadonlyArray<readonly [string, string]>;
  profiles: readonly Profile[];
}

const THEMES: Record<string, ProgrammeTheme> = {
  elderly: {
    groups: [
      ['“乐龄同行”长者互助小组', 'support', '建立长者之间的互助关系，减少孤独感，提升社区参与。'],
      ['“记忆花园”认知训练小组', 'therapy', '通过怀旧与认知游戏延缓认知功能衰退。'],
      ['长者防诈骗教育小组', 'education', '提升长者识别常见诈骗手法的能力。'],
    ],
    activities: [
      ['重阳敬老游园会', '敬老爱老'],
      ['长者健康义诊日', '健康服务'],
      ['社区长者生日会', '邻里关怀'],
      ['长者智能手机课堂', '数字融入'],
    ],
    profiles: ['elder', 'frail'],
  },
  children: {
    groups: [
      ['“护苗成长”儿童成长小组', 'growth', '提升儿童自我保护意识与情绪表达能力。'],
      ['亲子沟通工作坊小组', 'education', '帮助家长掌握正向沟通方法，改善亲子关系。'],
    ],
    activities: [
      ['暑期四点半课堂', '课后托管'],
      ['六一亲子嘉年华', '亲子活动'],
      ['儿童安全教育日', '安全教育'],
    ],
    profiles: ['child'],
  },
  youth: {
    groups: [
      ['青少年情绪管理小组', 'growth', '学习识别与调节情绪，提升压力应对能力。'],
      ['“向阳而行”生涯规划小组', 'education', '探索兴趣与职业方向，制定个人成长计划。'],
    ],
    activities: [
      ['校园防欺凌宣传周', '校园安全'],
      ['青少年志愿服务日', '志愿服务'],
    ],
    profiles: ['youth', 'child'],
  },
  disability: {
    groups: [
      ['康复伙伴支持小组', 'support', '分享康复经验，增强康复信心。'],
      ['照顾者减压小组', 'support', '为残疾人照顾者提供情绪支持与减压技巧。'],
    ],
    activities: [
      ['全国助残日社区融合活动', '社会融入'],
      ['无障碍社区体验日', '无障碍宣传'],
    ],
    profiles: ['disabled'],
  },
  social_assistance: {
    groups: [
      ['就业能力提升小组', 'education', '提升求职技巧与职业技能，促进再就业。'],
      ['困难家庭互助小组', 'support', '建立家庭之间的互助网络，分享资源信息。'],
    ],
    activities: [
      ['救助政策宣讲会', '政策宣传'],
      ['爱心物资发放日', '资源链接'],
    ],
    profiles: ['family', 'elder'],
  },
  family: {
    groups: [
      ['“和美家庭”亲职教育小组', 'education', '提升家长亲职能力，营造和谐家庭氛围。'],
      ['妇女成长支持小组', 'support', '增强妇女自信与社会支持。'],
    ],
    activities: [
      ['家庭教育讲座', '家庭教育'],
      ['反家暴宣传活动', '权益保护'],
    ],
    profiles: ['family', 'child'],
  },
  veterans: {
    groups: [['退役军人互助小组', 'support', '加强退役军人之间的联系与互助。']],
    activities: [
      ['八一建军节座谈会', '荣誉激励'],
      ['退役军人政策咨询日', '政策宣传'],
    ],
    profiles: ['veteran'],
  },
  community: {
    groups: [
      ['社区骨干培育小组', 'education', '培育居民骨干，提升社区议事与组织能力。'],
      ['邻里互助小组', 'support', '促进邻里互助，营造守望相助的社区氛围。'],
    ],
    activities: [
      ['邻里文化节', '邻里营造'],
      ['社区议事会', '居民议事'],
      ['社区环保市集', '环保宣传'],
    ],
    profiles: ['elder', 'family', 'child'],
  },
};
/** Themes for target groups without their own vocabulary. */
const THEME_ALIASES: Record<string, string> = {
  school: 'youth',
  drug_rehab: 'social_assistance',
  corrections: 'social_assistance',
  mental_health: 'community',
};
const themeOf = (targetGroups: readonly string[]): ProgrammeTheme =>
  THEMES[targetGroups.map((g) => (THEMES[g] ? g : THEME_ALIASES[g])).find((g) => g && THEMES[g]) ?? 'community']!;

const GROUP_LOCATIONS = ['社区党群服务中心活动室', '社工站多功能室', '长者饭堂', '社区图书室'];
const ACTIVITY_LOCATIONS = ['社区文化广场', '社区党群服务中心', '社区公园', '小区架空层', '社区活动中心'];
const SURVEY_COMMENTS: Record<number, readonly string[]> = {
  5: ['社工很耐心，非常满意。', '活动很有意思，希望多举办。', '感谢社工的帮助！', ''],
  4: ['整体不错。', '服务及时，希望探访次数多一些。', ''],
  3: ['一般，活动时间不太方便。', ''],
  2: ['等待时间较长。'],
  1: ['问题没有得到解决。'],
};
const VOID_REASONS = [
  '重复录入，已保留另一条记录。',
  '服务对象临时外出，实际未开展服务。',
  '服务日期录错，已重新登记。',
];

// ---- Generation --------------------------------------------------------------------------------------------------

const LEVEL_RANK: Record<CredentialLevel, number> = { assistant: 1, intermediate: 2, senior: 3 };

interface AgencyState {
  agency: ServiceSeedAgency;
  communities: string[];
  workers: ServiceSeedWorker[];
  /** Workers with accounts who carry cases, and who supervise them. */
  caseworkers: Array<{ workerId: string; userId: string }>;
  supervisors: Array<{ workerId: string; userId: string }>;
  projects: ProjectState[];
  /** Beneficiaries who may be served (service consent given and kept), by registration day. */
  pool: BeneficiaryState[];
  weight: number;
}

interface ProjectState {
  project: ServiceSeedProject;
  /** First day its records may credit its indicators (the day after its latest progress report). */
  ledgerFrom: string;
  /** Last day of delivery so far: min(period end, yesterday). */
  lastDay: string;
  indicatorOf: Partial<Record<IndicatorKind, ServiceSeedIndicator>>;
  team: string[];
}

interface BeneficiaryState {
  row: BeneficiarySeedRow;
  profile: Profile;
  registeredDay: number;
  /** Service consent given and never withdrawn: may be served. */
  servable: boolean;
}

export function generateServices(input: ServiceSeedInput): ServiceSeed {
  const nowMs = input.today.getTime();
  if (!Number.isFinite(nowMs)) throw new RangeError('generateServices: today is not a valid date');
  const rng = new Rng(input.seed, 0x5eed5eed);
  const now = input.today;
  const today = shanghaiDate(now);
  const yesterday = addDays(today, -1);
  const todayDay = dayNumber(today);
  const nowMinute = Math.floor(nowMs / 60_000) + CHINA_OFFSET_MINUTES;
  /** An instant that has happened: at most an hour before now. */
  const past = (d: Date) => new Date(Math.min(d.getTime(), nowMs - 3_600_000));

  const out: ServiceSeed = {
    accounts: [],
    households: [],
    beneficiaries: [],
    consents: [],
    cases: [],
    caseRecords: [],
    caseStageHistory: [],
    caseCodeCounters: [],
    serviceGroups: [],
    groupMembers: [],
    communityActivities: [],
    serviceRecords: [],
    serviceRecordWorkers: [],
    serviceRecordAttendees: [],
    satisfactionSurveys: [],
    indicatorActuals: [],
  };
  const credits: Credit[] = [];

  // ---- Geography and the serving agencies ----
  const divisionByCode = new Map(input.divisions.map((d) => [d.code, d]));
  const communities = input.divisions
    .filter((d) => d.level === 'community')
    .map((d) => d.code)
    .sort();
  const covers = (area: string, code: string) => code.startsWith(area);
  const streetOf = (community: string) => divisionByCode.get(community)?.parentCode ?? community.slice(0, 9);

  const delivering = input.projects.filter(
    (p) => p.agencyId && ['in_service', 'final_review', 'closed'].includes(p.status),
  );
  const workersByAgency = new Map<string, ServiceSeedWorker[]>();
  for (const w of input.workers) workersByAgency.set(w.agencyId, [...(workersByAgency.get(w.agencyId) ?? []), w]);
  const agencies: AgencyState[] = input.agencies
    .filter((a) => a.id === input.demo.agencyId || delivering.some((p) => p.agencyId === a.id))
    .filter((a) => (workersByAgency.get(a.id)?.length ?? 0) >= 3)
    .map((agency) => ({
      agency,
      communities: communities.filter((c) => agency.serviceDivisionCodes.some((area) => covers(area, c))),
      workers: workersByAgency.get(agency.id) ?? [],
      caseworkers: [],
      supervisors: [],
      projects: [],
      pool: [],
      weight: 1,
    }))
    .filter((a) => a.communities.length > 0);
  const agencyById = new Map(agencies.map((a) => [a.agency.id, a]));
  const demoAgency = agencyById.get(input.demo.agencyId);
  if (!demoAgency) throw new Error('generateServices: the demo agency has no workers or service area');

  for (const project of delivering) {
    const state = agencyById.get(project.agencyId!);
    if (!state) continue;
    const ledgerFrom = maxDate(
      project.periodFrom,
      project.reportedThrough ? addDays(project.reportedThrough, 1) : project.periodFrom,
    );
    const indicatorOf: ProjectState['indicatorOf'] = {};
    for (const i of project.indicators) indicatorOf[i.kind] ??= i;
    const agencyWorkers = new Set(state.workers.map((w) => w.id));
    const team = project.teamWorkerIds.filter((id) => agencyWorkers.has(id));
    state.projects.push({
      project,
      ledgerFrom,
      lastDay: minDate(project.periodTo, yesterday),
      indicatorOf,
      team: team.length > 0 ? team : state.workers.slice(0, 3).map((w) => w.id),
    });
  }
  /** The count indicator a record of this kind counts toward under a project (the first of its kind). */
  const countIndicator = (p: ProjectState | null, kind: ServiceRecordKind) => {
    const k = countIndicatorKind(kind);
    return (p && k && p.indicatorOf[k]?.id) || null;
  };
  /** Whether a completed record of this kind under the project would credit anything. */
  const creditsAnything = (p: ProjectState, kind: ServiceRecordKind) =>
    countIndicator(p, kind) !== null || p.indicatorOf.contacts !== undefined;
  const inService = (p: ProjectState) => p.project.status === 'in_service';
  /** Days in the window where the project's records count (empty: ledgerFrom after lastDay). */
  const windowDays = (p: ProjectState) => Math.max(0, daysBetween(p.ledgerFrom, p.lastDay) + 1);
  const termDays = (p: ProjectState) => daysBetween(p.project.periodFrom, p.project.periodTo) + 1;
  /** What a project's target asks for over its current window, with the over-delivery agencies usually show. */
  const windowPace = (p: ProjectState, kind: IndicatorKind, low: number, high: number) => {
    const target = p.indicatorOf[kind]?.target ?? 0;
    return (target * windowDays(p) * rng.between(low, high)) / termDays(p);
  };

  // ---- Accounts: a few caseworkers and one or two supervisors per agency, all able to sign in ----
  const workerById = new Map(input.workers.map((w) => [w.id, w]));
  const userOfWorker = new Map<string, string>();
  for (const w of input.workers) if (w.userId) userOfWorker.set(w.id, w.userId);
  const usernames = new Set<string>();
  const ensureAccount = (w: ServiceSeedWorker) => {
    const existing = userOfWorker.get(w.id);
    if (existing) return existing;
    const userId = rng.uuid();
    let username = `sw-${(w.certificateNo ?? w.id.slice(0, 8)).toLowerCase()}`;
    while (usernames.has(username)) username += 'x';
    usernames.add(username);
    out.accounts.push({
      userId,
      workerId: w.id,
      organizationId: w.agencyId,
      username,
      displayName: `${w.name}（示例）`,
    });
    userOfWorker.set(w.id, userId);
    return userId;
  };
  for (const state of agencies) {
    const rank = (w: ServiceSeedWorker) => (w.credentialLevel ? LEVEL_RANK[w.credentialLevel] : 0);
    const isDemo = state === demoAgency;
    const fixed = isDemo ? [input.demo.workerId, input.demo.supervisorWorkerId] : [];
    const others = rng.shuffle(state.workers.filter((w) => !fixed.includes(w.id)));
    const seniors = [...others].sort((a, b) => rank(b) - rank(a));
    const supervisors = isDemo
      ? [workerById.get(input.demo.supervisorWorkerId)!, seniors[0]!]
      : seniors.slice(0, state.workers.length >= 12 ? 2 : 1);
    const rest = others.filter((w) => !supervisors.includes(w));
    const caseworkers = isDemo ? [workerById.get(input.demo.workerId)!, ...rest.slice(0, 3)] : rest.slice(0, 4);
    state.supervisors = supervisors.map((w) => ({ workerId: w.id, userId: ensureAccount(w) }));
    state.caseworkers = caseworkers.map((w) => ({ workerId: w.id, userId: ensureAccount(w) }));
    // The demo agency serves a few hundred; the others share the rest by the size of their teams.
    state.weight = isDemo ? 0 : state.workers.length;
  }
  const recorderOf = (state: AgencyState, workerIds: readonly string[]) => {
    for (const id of workerIds) {
      const user = userOfWorker.get(id);
      if (user) return user;
    }
    return state.caseworkers[0]!.userId;
  };

  // ---- Beneficiaries and households ----
  const categories = new Set(input.categories);
  const idNumbers = new Set<string>();
  const mobiles = new Set<string>();
  const mobile = () => {
    for (;;) {
      const m = rng.pick(MOBILE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');
      if (!mobiles.has(m)) {
        mobiles.add(m);
        return m;
      }
    }
  };
  const personName = (gender: 'male' | 'female', birthYear: number, surname?: string) => {
    const pools = GIVEN[gender];
    const pool = birthYear < 1965 ? pools.old : birthYear < 1990 ? pools.mid : pools.young;
    const family = surname ?? rng.weighted(SURNAMES);
    return family + rng.pick(pool) + (rng.chance(0.2) ? '' : rng.pick(pool));
  };
  /**
   * 身份证号 of the 禅城 area: 440604 since 禅城区 was formed in 2002; people born before then were first issued
   * numbers of the districts it replaced (440602 城区, 440603 石湾区).
   */
  const idNumber = (birth: string, gender: 'male' | 'female') => {
    const region =
      birth >= '2003-01-01'
        ? '440604'
        : rng.weighted([
            ['440604', 3],
            ['440602', 4],
            ['440603', 2],
          ] as const);
    for (;;) {
      const body =
        region +
        birth.replaceAll('-', '') +
        String(rng.int(0, 99)).padStart(2, '0') +
        (rng.int(0, 4) * 2 + (gender === 'male' ? 1 : 0));
      const id = body + idNumberCheckChar(body);
      if (!idNumbers.has(id)) {
        idNumbers.add(id);
        return id;
      }
    }
  };
  const birthForAge = (age: number) => addDays(today, -(age * 365 + rng.int(10, 355)));
  const ageToday = (birth: string) => ageOn(birth, now);
  const has = (code: string) => categories.has(code);
  const location = (community: string) => {
    const centre = STREET_CENTRES[streetOf(community)] ?? DISTRICT_CENTRE;
    let h = 0x811c9dc5;
    for (let i = 0; i < community.length; i++) h = Math.imul(h ^ community.charCodeAt(i), 0x01000193);
    const round3 = (x: number) => Math.round(x * 1000) / 1000;
    return {
      latitude: round3(centre.lat + (((h & 0xffff) / 0xffff) * 2 - 1) * 0.012 + rng.between(-0.003, 0.003)),
      longitude: round3(centre.lng + (((h >>> 16) / 0xffff) * 2 - 1) * 0.012 + rng.between(-0.003, 0.003)),
    };
  };
  const address = (community: string) => {
    const street = streetOf(community);
    const roads = STREET_ROADS[street] ?? GENERIC_ROADS;
    const streetName = divisionByCode.get(street)?.name ?? '';
    const communityName = divisionByCode.get(community)?.name ?? '';
    return {
      address: `广东省佛山市禅城区${streetName}${communityName}${rng.pick(roads)}${rng.int(1, 188)}号${rng.int(1, 12)}座${rng.int(1, 18)}0${rng.int(1, 6)}房`,
      // beneficiary.service maskedAddress: the street's name and four stars.
      addressMasked: `${streetName}****`,
    };
  };

  /** Categories for a person of a profile (only active taxonomy codes). */
  const categoriesFor = (profile: Profile, age: number, alone: boolean): string[] => {
    const out: string[] = [];
    const add = (code: string, p = 1) => {
      if (has(code) && !out.includes(code) && rng.chance(p)) out.push(code);
    };
    switch (profile) {
      case 'elder':
        if (alone) add('living_alone_elderly', 0.7);
        if (age >= 80) add('very_old');
        add('left_behind_elderly', 0.2);
        add('dibao', 0.12);
        add('semi_disabled_care', 0.12);
        break;
      case 'frail':
        add(rng.chance(0.5) ? 'disabled_care' : 'semi_disabled_care');
        if (age >= 80) add('very_old');
        add('dibao', 0.2);
        break;
      case 'child':
        add(rng.chance(0.55) ? 'children_in_difficulty' : 'left_behind_children');
        add('dibao', 0.25);
        break;
      case 'youth':
        add('children_in_difficulty', 0.7);
        add('dibao_edge', 0.3);
        break;
      case 'disabled':
        add(DISABLED_PERSON_CATEGORY);
        add('dibao', 0.3);
        break;
      case 'family':
        add(
          rng.weighted([
            ['dibao', 5],
            ['dibao_edge', 3],
            ['tekun', 1],
          ] as const),
        );
        break;
      case 'veteran':
        add('entitled_veterans');
        add('dibao_edge', 0.15);
        break;
    }
    if (out.length === 0 && has('dibao_edge') && profile !== 'child') out.push('dibao_edge');
    return out;
  };

  const ageRange: Record<Profile, readonly [number, number]> = {
    elder: [60, 92],
    frail: [68, 96],
    child: [4, 13],
    youth: [14, 17],
    disabled: [18, 70],
    family: [26, 58],
    veteran: [45, 85],
  };
  const profileWeights = (state: AgencyState): Array<readonly [Profile, number]> => {
    const w: Record<Profile, number> = {
      elder: 30,
      frail: 8,
      child: 10,
      youth: 4,
      disabled: 8,
      family: 14,
      veteran: 3,
    };
    for (const p of state.projects) for (const profile of themeOf(p.project.targetGroups).profiles) w[profile] += 12;
    return Object.entries(w) as Array<[Profile, number]>;
  };
  /** The earliest day an agency's work could be on the platform: its first project's start, at most 15 months ago. */
  const agencyStart = (state: AgencyState) =>
    state.projects.reduce((earliest, p) => minDate(earliest, p.project.periodFrom), addDays(today, -rng.int(200, 300)));

  const totalBeneficiaries = input.beneficiaries ?? 3000;
  const demoShare = Math.min(totalBeneficiaries, Math.round(totalBeneficiaries * 0.11));
  const weightSum = agencies.reduce((s, a) => s + a.weight, 0);
  for (const state of agencies) {
    const target =
      state === demoAgency
        ? demoShare
        : Math.round(((totalBeneficiaries - demoShare) * state.weight) / Math.max(1, weightSum));
    const start = agencyStart(state);
    const startDay = dayNumber(start);
    const projectCommunities = state.communities.filter((c) =>
      state.projects.some((p) => p.project.divisionCodes.some((d) => covers(d, c))),
    );
    const registrar = () => rng.pick([...state.caseworkers, ...state.supervisors]).userId;
    let made = 0;
    while (made < target) {
      const community =
        projectCommunities.length > 0 && rng.chance(0.7) ? rng.pick(projectCommunities) : rng.pick(state.communities);
      // Most were registered when the agency's work began on the platform, the others since.
      const registeredDay = Math.min(
        todayDay - 3,
        rng.chance(0.55) ? startDay + rng.int(-45, 30) : rng.int(startDay, todayDay - 3),
      );
      const headProfile = rng.weighted(profileWeights(state));
      const size =
        headProfile === 'child' || headProfile === 'youth'
          ? 1
          : rng.weighted([
              [1, 76],
              [2, 18],
              [3, 6],
            ] as const);
      const householdId = rng.uuid();
      const registered = instant(registeredDay * MINUTES_PER_DAY + rng.int(9 * 60, 17 * 60));
      out.households.push({ id: householdId, divisionCode: community, createdAt: registered });
      const members = householdPlan(headProfile, size);
      // One home: the members share the head's address and approximate location.
      const home = {
        ...(rng.chance(0.85) ? address(community) : { address: null, addressMasked: null }),
        ...(rng.chance(0.8) ? location(community) : { latitude: null, longitude: null }),
      };
      let head: BeneficiarySeedRow | null = null;
      let parentGender: 'male' | 'female' | null = null;
      let headAge = 0;
      for (const [index, m] of members.entries()) {
        const [lo, hi] = ageRange[m.profile];
        // Generations apart: parents 20–38 years older than their children, spouses of about the same age.
        const drawn = rng.int(lo, hi);
        const age = !headAge
          ? drawn
          : m.relation === 'spouse'
            ? Math.max(18, headAge + rng.int(-6, 6))
            : m.relation === 'child'
              ? Math.max(1, Math.min(drawn, headAge - rng.int(20, 25)))
              : m.relation === 'grandchild'
                ? Math.max(1, Math.min(drawn, headAge - rng.int(45, 60)))
                : m.relation === 'parent'
                  ? Math.min(100, Math.max(drawn, headAge + rng.int(20, 38)))
                  : drawn;
        if (index === 0) headAge = age;
        // A minor over 40 years younger than the head is their grandchild, not their child.
        const relation: HouseholdRelation = m.relation === 'child' && headAge - age > 40 ? 'grandchild' : m.relation;
        const birth = birthForAge(age);
        const opposite = (g: 'male' | 'female') => (g === 'male' ? 'female' : 'male');
        // A spouse is of the other sex (as marriage registration in China requires); so are two parents.
        const gender: 'male' | 'female' =
          m.relation === 'spouse' && head
            ? opposite(head.gender)
            : m.relation === 'parent' && parentGender
              ? opposite(parentGender)
              : m.profile === 'veteran'
                ? rng.chance(0.9)
                  ? 'male'
                  : 'female'
                : rng.chance(0.55)
                  ? 'female'
                  : 'male';
        if (m.relation === 'parent') parentGender = gender;
        const surname =
          head && m.relation !== 'spouse' && m.relation !== 'parent' && rng.chance(0.85)
            ? [...head.name][0]
            : undefined;
        const name = personName(gender, Number(birth.slice(0, 4)), surname);
        const minor = ageToday(birth) < 18;
        const cats = categoriesFor(m.profile, age, size === 1);
        const disabled = cats.includes(DISABLED_PERSON_CATEGORY);
        let guardian: BeneficiarySeedRow['guardian'] = null;
        if (minor) {
          // A minor's guardian: the head of the household when that is a parent or grandparent, else a parent.
          guardian =
            head && (relation === 'child' || relation === 'grandchild')
              ? {
                  name: head.name,
                  relation: relation === 'grandchild' ? 'grandparent' : head.gender === 'female' ? 'mother' : 'father',
                  mobile: head.mobile ?? mobile(),
                }
              : (() => {
                  const mother = rng.chance(0.6);
                  const relation: GuardianRelation = rng.chance(0.2) ? 'grandparent' : mother ? 'mother' : 'father';
                  const gGender =
                    relation === 'grandparent' ? (rng.chance(0.6) ? 'female' : 'male') : mother ? 'female' : 'male';
                  const gYear =
                    Number(birth.slice(0, 4)) - (relation === 'grandparent' ? rng.int(50, 62) : rng.int(24, 38));
                  return {
                    name: personName(gGender, gYear, gGender === 'male' ? [...name][0] : undefined),
                    relation,
                    mobile: mobile(),
                  };
                })();
        }
        const created = new Date(registered.getTime() + index * 5 * 60_000);
        const row: BeneficiarySeedRow = {
          id: rng.uuid(),
          name,
          gender,
          birthDate: birth,
          idNumber: idNumber(birth, gender),
          mobile:
            !minor && rng.chance(m.profile === 'frail' ? 0.45 : m.profile === 'elder' ? 0.7 : 0.92) ? mobile() : null,
          divisionCode: community,
          ...home,
          categories: cats,
          disabilityType: disabled ? rng.pick(DISABILITY_TYPES) : null,
          disabilityGrade: disabled
            ? rng.weighted([
                [1, 1],
                [2, 3],
                [3, 4],
                [4, 3],
              ] as const)
            : null,
          riskLevel: null,
          householdId,
          householdRelation: index === 0 ? 'self' : relation,
          guardian,
          agencyId: state.agency.id,
          createdBy: registrar(),
          version: 1,
          createdAt: created,
          updatedAt: created,
        };
        if (index === 0) head = row;
        out.beneficiaries.push(row);
        const servable = recordConsents(row, m.profile);
        state.pool.push({ row, profile: m.profile, registeredDay, servable });
        made++;
      }
    }
    state.pool.sort((a, b) => a.registeredDay - b.registeredDay);
  }

  /** Who lives together: the head's profile decides who else may be in the household. */
  function householdPlan(head: Profile, size: number): Array<{ profile: Profile; relation: HouseholdRelation }> {
    const plan: Array<{ profile: Profile; relation: HouseholdRelation }> = [{ profile: head, relation: 'self' }];
    for (let k = 1; k < size; k++) {
      if (head === 'elder' || head === 'frail' || head === 'veteran') {
        plan.push(
          k === 1 && rng.chance(0.6)
            ? { profile: rng.chance(0.3) ? 'frail' : 'elder', relation: 'spouse' }
            : { profile: 'child', relation: 'grandchild' },
        );
      } else if (head === 'family') {
        plan.push(
          rng.chance(0.7)
            ? { profile: rng.chance(0.8) ? 'child' : 'youth', relation: 'child' }
            : { profile: 'frail', relation: 'parent' },
        );
      } else plan.push({ profile: 'elder', relation: 'parent' });
    }
    return plan;
  }

  /** Consents at registration: service nearly always, sharing often, photos sometimes; a few refused or withdrawn. */
  function recordConsents(b: BeneficiarySeedRow, profile: Profile): boolean {
    const ageThen = ageOn(b.birthDate, b.createdAt);
    if (ageThen < GUARDIAN_REQUIRED_UNDER_AGE && !b.guardian)
      throw new Error('generateServices: a child under 14 without a guardian');
    // consent.service: the guardian decides for a child under 14; for older minors with a guardian, they do too.
    const byGuardian = b.guardian !== null && ageThen < 18;
    const givenBy = byGuardian ? ('guardian' as const) : ('self' as const);
    let minute = 0;
    const push = (purpose: ConsentPurpose, status: ConsentSeedRow['status'], extra: Partial<ConsentSeedRow> = {}) => {
      minute += rng.int(1, 4);
      out.consents.push({
        beneficiaryId: b.id,
        purpose,
        status,
        givenBy,
        evidence:
          status === 'withdrawn'
            ? ''
            : `知情同意书 ZQ-${b.createdAt.getUTCFullYear()}-${String(out.consents.length + 1).padStart(6, '0')}`,
        validUntil: null,
        recordedBy: b.createdBy,
        recordedAt: new Date(b.createdAt.getTime() + minute * 60_000),
        withdrawnAt: null,
        withdrawalReason: null,
        ...extra,
      });
    };
    const createdDay = dayNumber(shanghaiDate(b.createdAt));
    const withdrawal = (reason: string) => {
      const day = rng.int(createdDay + 20, Math.max(createdDay + 21, todayDay - 2));
      const when = past(instant(day * MINUTES_PER_DAY + rng.int(9 * 60, 17 * 60)));
      return { withdrawnAt: when, recordedAt: when, withdrawalReason: reason };
    };
    let servable = true;
    const r = rng.next();
    if (r < 0.015) {
      push('service', 'refused');
      servable = false;
    } else {
      push('service', 'given');
      if (r < 0.03) {
        push('service', 'withdrawn', withdrawal('服务对象已迁出本区，不再需要服务。'));
        servable = false;
      }
    }
    if (rng.chance(profile === 'child' || profile === 'youth' ? 0.5 : 0.62)) {
      push('sharing', 'given');
      if (rng.chance(0.02)) push('sharing', 'withdrawn', withdrawal('不同意再向其他机构提供个人信息。'));
    } else if (rng.chance(0.15)) push('sharing', 'refused');
    if (rng.chance(0.26))
      push('photos', 'given', { validUntil: rng.chance(0.5) ? addDays(today, rng.int(60, 400)) : null });
    else if (rng.chance(0.1)) push('photos', 'refused');
    if ((profile === 'elder' || profile === 'frail') && rng.chance(0.3)) push('volunteer_contact', 'given');
    return servable;
  }

  /** A servable beneficiary of the agency registered on or before `day`, preferring someone in `area`. */
  const pickBeneficiary = (
    state: AgencyState,
    day: number,
    area: readonly string[] | null,
    accept: (b: BeneficiaryState) => boolean = () => true,
  ): BeneficiaryState | null => {
    let lo = 0;
    let hi = state.pool.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (state.pool[mid]!.registeredDay <= day) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return null;
    let fallback: BeneficiaryState | null = null;
    for (let attempt = 0; attempt < 12; attempt++) {
      const b = state.pool[rng.int(0, lo - 1)]!;
      if (!b.servable || !accept(b)) continue;
      if (!area || area.some((d) => covers(d, b.row.divisionCode))) return b;
      fallback ??= b;
    }
    return fallback;
  };

  // ---- Service records ----
  const addRecord = (
    r: Omit<
      ServiceRecordSeedRow,
      'id' | 'voidedBy' | 'voidedAt' | 'voidReason' | 'version' | 'updatedAt' | 'completedBy' | 'completedAt' | 'status'
    > & { status?: 'completed' | 'scheduled'; completedAt?: Date | null; completedBy?: string | null },
    workerIds: readonly string[],
  ) => {
    const record: ServiceRecordSeedRow = {
      id: rng.uuid(),
      status: 'completed',
      completedBy: r.createdBy,
      completedAt: r.createdAt,
      voidedBy: null,
      voidedAt: null,
      voidReason: null,
      version: 1,
      updatedAt: r.createdAt,
      ...r,
    };
    out.serviceRecords.push(record);
    for (const workerId of new Set(workerIds)) out.serviceRecordWorkers.push({ recordId: record.id, workerId });
    return record;
  };
  /** A completed record's time: written up the evening it was held (or the next morning), never in the future. */
  const completedAtOf = (heldOn: string) =>
    past(
      rng.chance(0.8)
        ? at(heldOn, rng.int(16, 20), rng.int(0, 59))
        : at(addDays(heldOn, 1), rng.int(9, 11), rng.int(0, 59)),
    );
  const projectById = new Map<string, ProjectState>();
  for (const state of agencies) for (const p of state.projects) projectById.set(p.project.id, p);

  // ---- Cases ----
  interface Step {
    type: 'record' | 'move';
    stage: CaseStage;
    // record
    kind?: RecordKind;
    status?: CaseRecordSeedRow['status'];
    created?: number;
    submitted?: number;
    reviewed?: number;
    held?: number;
    // move
    action?: CaseAction;
    to?: CaseStage;
    at?: number;
    by?: 'worker' | 'supervisor';
  }
  type PartialStatus = 'none' | 'draft' | 'submitted' | 'returned' | 'approved';
  const partialStatus = (forceSubmitted: boolean): PartialStatus =>
    forceSubmitted
      ? 'submitted'
      : rng.weighted([
          ['none', 24],
          ['draft', 18],
          ['submitted', 34],
          ['returned', 12],
          ['approved', 12],
        ] as const);

  /** The case's timing in minutes from the start of its opening day (day 0). */
  function planCase(path: readonly CaseAction[], forceSubmitted: boolean) {
    const steps: Step[] = [];
    const start = rng.int(9 * 60, 11 * 60 + 30);
    let cur = start;
    const later = (minDays: number, maxDays: number) => {
      const gap = rng.int(minDays, maxDays);
      cur =
        gap === 0 ? cur + rng.int(20, 150) : (dayOfMinute(cur) + gap) * MINUTES_PER_DAY + rng.int(9 * 60, 17 * 60 + 30);
      return cur;
    };
    const record = (stage: CaseStage, kind: RecordKind, status: PartialStatus, firstGap: [number, number]) => {
      if (status === 'none') return;
      const held = kind === 'session' || kind === 'follow_up' ? later(firstGap[0], firstGap[1]) : undefined;
      const created = held === undefined ? later(firstGap[0], firstGap[1]) : later(0, 1);
      const step: Step = { type: 'record', stage, kind, status, created, held };
      if (status !== 'draft') step.submitted = later(0, 1);
      if (status === 'approved' || status === 'returned') step.reviewed = later(1, 4);
      steps.push(step);
    };
    let stage: CaseStage = 'intake';
    for (const action of path) {
      const move = findCaseTransition(stage, action);
      if (!move) throw new Error(`generateServices: no case move ${action} from ${stage}`);
      // The work of the stage: the records its exit requires, approved after the case entered it.
      if (stage === 'intervention') {
        const sessions = rng.int(2, 8);
        for (let k = 0; k < sessions; k++) record(stage, 'session', 'approved', k === 0 ? [2, 8] : [6, 18]);
      } else if (stage === 'closed') later(14, 60);
      for (const kind of move.requires) if (kind !== 'session') record(stage, kind, 'approved', [0, 6]);
      later(0, 2);
      const by = move.who.includes('worker') && rng.chance(0.85) ? 'worker' : 'supervisor';
      steps.push({ type: 'move', stage, action, to: move.to, at: cur, by: move.who.includes(by) ? by : move.who[0]! });
      stage = move.to;
    }
    // The current stage: work in progress.
    if (stage === 'intervention') {
      const done = rng.int(0, 5);
      for (let k = 0; k < done; k++) record(stage, 'session', 'approved', k === 0 ? [2, 8] : [6, 16]);
      record(stage, 'session', partialStatus(forceSubmitted), [3, 10]);
    } else if (stage === 'evaluation') {
      const evaluation = partialStatus(forceSubmitted);
      record(stage, 'evaluation', evaluation === 'none' ? 'draft' : evaluation, [1, 6]);
      if (evaluation === 'submitted' && rng.chance(0.5)) record(stage, 'closing', 'submitted', [0, 1]);
    } else if (stage !== 'closed') {
      for (const kind of STAGE_RECORD_KINDS[stage]) record(stage, kind, partialStatus(forceSubmitted), [0, 5]);
    }
    return { steps, start, end: cur };
  }

  interface CaseTemplate {
    path: CaseAction[];
    weight: number;
  }
  const BASE: CaseAction[] = ['assess', 'plan', 'intervene', 'evaluate', 'close'];
  const TEMPLATES: readonly CaseTemplate[] = [
    { path: [], weight: 9 },
    { path: ['assess'], weight: 10 },
    { path: ['assess', 'plan'], weight: 9 },
    { path: ['assess', 'plan', 'intervene'], weight: 24 },
    { path: ['assess', 'plan', 'intervene', 'evaluate'], weight: 9 },
    { path: BASE, weight: 21 },
    { path: [...BASE, 'follow_up'], weight: 8 },
    { path: [...BASE, 'follow_up', 'close'], weight: 6 },
    { path: [...BASE, 'reopen'], weight: 2 },
    { path: [...BASE, 'reopen', 'plan', 'intervene'], weight: 2 },
  ];
  const ELAPSED: Record<CaseStage, readonly [number, number]> = {
    intake: [1, 6],
    assessment: [1, 10],
    planning: [1, 8],
    intervention: [1, 12],
    evaluation: [1, 9],
    closed: [3, 240],
    follow_up: [3, 35],
  };
  const stageAfter = (path: readonly CaseAction[]) =>
    path.reduce<CaseStage>((stage, action) => findCaseTransition(stage, action)!.to, 'intake');

  const caseTotal = input.cases ?? 400;
  // demo-worker: about 15 open cases and a few closed ones, supervised by demo-supervisor (who reviews them).
  const demoWorker = demoAgency.caseworkers.find((c) => c.workerId === input.demo.workerId)!;
  const demoSupervisor = demoAgency.supervisors.find((c) => c.workerId === input.demo.supervisorWorkerId)!;
  const caseSlots: Array<{
    state: AgencyState;
    worker?: { workerId: string; userId: string };
    open?: boolean;
    submitted?: boolean;
  }> = [];
  for (let k = 0; k < 15; k++)
    caseSlots.push({ state: demoAgency, worker: demoWorker, open: true, submitted: k % 3 === 0 });
  for (let k = 0; k < 5; k++) caseSlots.push({ state: demoAgency, worker: demoWorker, open: false });
  const beneficiaryTotal = agencies.reduce((s, a) => s + a.pool.length, 0);
  const remaining = Math.max(0, caseTotal - caseSlots.length);
  for (const state of agencies) {
    const n = Math.round((remaining * state.pool.length) / Math.max(1, beneficiaryTotal));
    for (let k = 0; k < n; k++) caseSlots.push({ state });
  }
  const hasCase = new Set<string>();
  const earliestOpen = todayDay - 560;
  const yearCounters = new Map<number, number>((input.caseCounters ?? []).map((c) => [c.year, c.last]));
  interface PlannedCase {
    state: AgencyState;
    worker: { workerId: string; userId: string };
    supervisor: { workerId: string; userId: string };
    steps: Step[];
    /** Minutes into the opening day when it was opened. */
    start: number;
    openDay: number;
    stage: CaseStage;
    beneficiary: BeneficiaryState;
    project: ProjectState | null;
  }
  const planned: PlannedCase[] = [];
  const caseBudget = new Map<ProjectState, number>();
  for (const state of agencies)
    for (const p of state.projects) if (inService(p)) caseBudget.set(p, Math.round(windowPace(p, 'cases', 1.0, 1.3)));
  for (const slot of caseSlots) {
    const { state } = slot;
    const templates = TEMPLATES.filter((t) => {
      if (slot.open === undefined) return true;
      const closed = stageAfter(t.path) === 'closed';
      return slot.open ? !closed : closed;
    });
    let path: CaseAction[] = [];
    let steps: Step[] = [];
    let start = 0;
    let openDay = 0;
    for (let attempt = 0; attempt < 6; attempt++) {
      path = rng.weighted(templates.map((t) => [t.path, t.weight] as const));
      const plan = planCase(path, slot.submitted === true);
      steps = plan.steps;
      start = plan.start;
      const [lo, hi] = ELAPSED[stageAfter(path)];
      openDay = todayDay - rng.int(lo, hi) - dayOfMinute(plan.end);
      if (openDay >= earliestOpen) break;
    }
    openDay = Math.max(openDay, earliestOpen);
    // The last step must have happened: move the case back a day until it has.
    const lastMinute = () =>
      openDay * MINUTES_PER_DAY +
      Math.max(start, ...steps.map((s) => s.reviewed ?? s.submitted ?? s.created ?? s.at ?? 0));
    while (lastMinute() > nowMinute - 60) openDay--;
    const openedOn = dateOfDay(openDay);
    // A case counts toward a project the agency is delivering when it is opened within the project's ledger (up to
    // about the pace of its 个案 target there; the agency's other cases count toward no project).
    const projects = state.projects.filter(
      (p) => inService(p) && p.ledgerFrom <= openedOn && openedOn <= p.lastDay && (caseBudget.get(p) ?? 0) > 0,
    );
    const project = projects.length > 0 && rng.chance(0.9) ? rng.pick(projects) : null;
    if (project) caseBudget.set(project, caseBudget.get(project)! - 1);
    const beneficiary =
      pickBeneficiary(state, openDay - 1, project?.project.divisionCodes ?? null, (b) => !hasCase.has(b.row.id)) ??
      pickBeneficiary(state, openDay - 1, null);
    if (!beneficiary) continue;
    hasCase.add(beneficiary.row.id);
    const worker =
      slot.worker ??
      (state === demoAgency
        ? rng.pick(state.caseworkers.filter((c) => c.workerId !== input.demo.workerId))
        : rng.pick(state.caseworkers));
    const supervisor =
      slot.worker === demoWorker || state === demoAgency
        ? rng.chance(slot.worker === demoWorker ? 1 : 0.6)
          ? demoSupervisor
          : state.supervisors.find((s) => s !== demoSupervisor)!
        : rng.pick(state.supervisors);
    planned.push({ state, worker, supervisor, steps, start, openDay, stage: stageAfter(path), beneficiary, project });
  }
  planned.sort((a, b) => a.openDay - b.openDay || a.start - b.start);

  for (const c of planned) materializeCase(c);
  out.caseCodeCounters = [...yearCounters.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([year, last]) => ({ year, last }));

  function materializeCase(c: PlannedCase) {
    const id = rng.uuid();
    const base = c.openDay * MINUTES_PER_DAY;
    const opened = instant(base + c.start);
    const openedOn = shanghaiDate(opened);
    const year = Number(openedOn.slice(0, 4));
    const n = (yearCounters.get(year) ?? 0) + 1;
    yearCounters.set(year, n);
    const profile = c.beneficiary.profile;
    const b = c.beneficiary.row;
    const worker = c.worker;
    const supervisor = c.supervisor;
    out.caseStageHistory.push({
      caseId: id,
      fromStage: null,
      toStage: 'intake',
      action: 'open',
      reason: null,
      actorUserId: worker.userId,
      at: opened,
    });
    let stage: CaseStage = 'intake';
    let enteredAt = opened;
    let closedOn: string | null = null;
    let closingReason: CaseSeedRow['closingReason'] = null;
    let approvedClosing: CaseSeedRow['closingReason'] = null;
    let version = 1;
    let plan: Array<readonly [string, string, string]> = [];
    let latestRisk: { at: number; risk: RiskLevel } | null = null;
    for (const step of c.steps) {
      if (step.type === 'move') {
        const when = instant(base + step.at!);
        const reason = step.action === 'reopen' ? rng.pick(REOPEN_REASONS) : null;
        out.caseStageHistory.push({
          caseId: id,
          fromStage: stage,
          toStage: step.to!,
          action: step.action!,
          reason,
          actorUserId: step.by === 'supervisor' ? supervisor.userId : worker.userId,
          at: when,
        });
        if (step.to === 'closed' && stage === 'evaluation') {
          // transitionCase: the date of the move and the reason of the approved closing record.
          closedOn = shanghaiDate(when);
          closingReason = approvedClosing;
        }
        if (step.action === 'reopen') {
          closedOn = null;
          closingReason = null;
        }
        stage = step.to!;
        enteredAt = when;
        version++;
        continue;
      }
      const kind = step.kind!;
      const created = instant(base + step.created!);
      const heldOn = step.held !== undefined ? dateOfMinute(base + step.held) : null;
      let content: Record<string, unknown>;
      switch (kind) {
        case 'intake':
          content = {
            summary: rng.pick(INTAKE_SUMMARY[profile]),
            needs: rng.shuffle(NEEDS[profile]).slice(0, rng.int(1, 3)),
          };
          break;
        case 'assessment':
          content = barthel(profile);
          break;
        case 'plan': {
          plan = rng.shuffle(GOALS[profile]).slice(0, rng.int(1, Math.min(3, GOALS[profile].length)));
          const createdOn = shanghaiDate(created);
          content = {
            goals: plan.map(([goal, measure, target]) => ({
              goal,
              measure,
              target,
              dueOn: addDays(createdOn, rng.int(60, 150)),
            })),
            approach: '以优势视角为基础，综合运用个案辅导、资源链接与家庭支持，每两周面谈一次并定期检视目标。',
          };
          break;
        }
        case 'session':
          content = {
            heldOn,
            durationMinutes: rng.pick([45, 60, 60, 90, 120]),
            summary: rng.pick(SESSION_SUMMARY[profile]),
          };
          break;
        case 'evaluation': {
          const goals = plan.length > 0 ? plan : GOALS[profile].slice(0, 1);
          content = {
            goals: goals.map(([goal]) => ({
              goal,
              attainment: rng.weighted([
                ['achieved', 6],
                ['partly', 3],
                ['not_achieved', 1],
              ] as const),
              note: '',
            })),
            summary: rng.pick(EVALUATION_SUMMARY),
          };
          break;
        }
        case 'closing':
          content = {
            reason: rng.weighted([
              ['goals_met', 14],
              ['beneficiary_withdrew', 2],
              ['moved_away', 2],
              ['other', 1],
            ] as const),
            note: '',
          };
          break;
        case 'follow_up':
          content = { heldOn, summary: rng.pick(FOLLOW_UP_SUMMARY) };
          break;
      }
      // The server's own validation (zod form + Barthel scoring) decides the stored shape.
      const stored = RECORD_CONTENT[kind].parse(content) as Record<string, unknown>;
      if (kind === 'assessment') {
        const scored = scoreScale('barthel', stored.answers as Record<string, unknown>);
        if (!scored.ok) throw new Error('generateServices: invalid Barthel answers');
        Object.assign(stored, { total: scored.total, band: scored.band.key, riskLevel: scored.band.riskLevel });
      }
      const submittedAt = step.submitted !== undefined ? instant(base + step.submitted) : null;
      const reviewedAt = step.reviewed !== undefined ? instant(base + step.reviewed) : null;
      const status = step.status!;
      const row: CaseRecordSeedRow = {
        id: rng.uuid(),
        caseId: id,
        stage: step.stage,
        kind,
        content: stored,
        status,
        authorUserId: worker.userId,
        submittedAt,
        reviewedBy: reviewedAt ? supervisor.userId : null,
        reviewedAt,
        reviewComment:
          status === 'returned' ? rng.pick(RETURN_COMMENTS) : status === 'approved' ? rng.pick(REVIEW_COMMENTS) : null,
        amendsRecordId: null,
        createdAt: created,
        updatedAt: reviewedAt ?? submittedAt ?? created,
      };
      if (created < enteredAt) throw new Error('generateServices: a stage record before its stage');
      out.caseRecords.push(row);
      if (kind === 'closing' && status === 'approved') approvedClosing = stored.reason as CaseSeedRow['closingReason'];
      if (kind === 'assessment' && status === 'approved' && (!latestRisk || reviewedAt!.getTime() > latestRisk.at))
        latestRisk = { at: reviewedAt!.getTime(), risk: stored.riskLevel as RiskLevel };
      // An approved session is a service record (case.service: sessions become service records when approved).
      if (kind === 'session' && status === 'approved') {
        const project = c.project;
        const record = addRecord(
          {
            agencyId: c.state.agency.id,
            projectId: project?.project.id ?? null,
            indicatorId: countIndicator(project, 'case_session'),
            kind: 'case_session',
            caseId: id,
            caseRecordId: row.id,
            groupId: null,
            activityId: null,
            beneficiaryId: b.id,
            divisionCode: b.divisionCode,
            scheduledAt: null,
            heldOn,
            durationMinutes: stored.durationMinutes as number,
            participantCount: 1,
            // As service-record.service recordCaseSession writes it: by the author, completed by the approver.
            location: '',
            content: stored.summary as string,
            outcome: '',
            createdBy: worker.userId,
            completedBy: supervisor.userId,
            completedAt: reviewedAt,
            createdAt: reviewedAt!,
          },
          [worker.workerId],
        );
        if (project) creditRecord(project, record);
      }
    }
    if (latestRisk) {
      // reviewRecord: the beneficiary's risk level follows the latest approved assessment (a new version each time).
      b.riskLevel = latestRisk.risk;
      b.version++;
      const at = new Date(latestRisk.at);
      if (at > b.updatedAt) b.updatedAt = at;
    }
    out.cases.push({
      id,
      code: `GA-${year}-${String(n).padStart(4, '0')}`,
      beneficiaryId: b.id,
      agencyId: c.state.agency.id,
      projectId: c.project?.project.id ?? null,
      workerId: worker.workerId,
      supervisorWorkerId: supervisor.workerId,
      stage,
      stageEnteredAt: enteredAt,
      intakeSource: rng.weighted([
        ['outreach', 4],
        ['referral', 4],
        ['self_referral', 3],
        ['demand', 1],
      ] as const),
      openedOn,
      closedOn,
      closingReason,
      createdBy: worker.userId,
      version,
      createdAt: opened,
      updatedAt: enteredAt,
    });
    if (c.project) credits.push(...caseOpenedCredits(openedOn, c.project.project.indicators));
  }

  /** Barthel answers leaning to the person's dependence, scored later by the server's own function. */
  function barthel(profile: Profile): Record<string, unknown> {
    const dependence =
      profile === 'frail'
        ? rng.between(0.35, 0.9)
        : profile === 'elder'
          ? rng.between(0, 0.4)
          : profile === 'disabled'
            ? rng.between(0.1, 0.6)
            : rng.between(0, 0.1);
    const answers: Record<string, number> = {};
    for (const item of BARTHEL.items) {
      const top = item.scores.length - 1;
      const drop = Math.min(top, Math.floor(rng.next() * (top + 1) * dependence * 1.6));
      answers[item.key] = item.scores[top - drop]!;
    }
    return { scale: 'barthel', answers, notes: rng.chance(0.4) ? '由社工入户观察并与照顾者核实。' : '' };
  }

  /** Adds the live credits of a completed record, refusing any before the project's ledger (see the header). */
  function creditRecord(project: ProjectState, record: ServiceRecordSeedRow) {
    const own = recordCredits(
      { heldOn: record.heldOn!, participantCount: record.participantCount, countIndicatorId: record.indicatorId },
      project.project.indicators,
    );
    if (own.length > 0 && record.heldOn! < project.ledgerFrom)
      throw new Error(`generateServices: a record of ${project.project.code} credits before its ledger`);
    credits.push(...own);
  }

  // ---- Groups ----
  const groupTotal = input.groups ?? 40;
  const activityTotal = input.activities ?? 60;
  /** Weekly (or fortnightly) session days on weekdays from `start`, at most `count`, up to `last`. */
  const sessionDays = (start: string, count: number, last: string, step: number) => {
    const days: string[] = [];
    for (let d = start; days.length < count && d <= last; d = addDays(d, step)) days.push(d);
    return days;
  };
  const nextWeekday = (d: string) => {
    let x = d;
    while (weekday(x) === 0 || weekday(x) === 6) x = addDays(x, 1);
    return x;
  };

  interface GroupPlan {
    state: AgencyState;
    project: ProjectState | null;
    start: string;
    /** Sessions held so far (≤ planned). */
    held: number;
    planned: number;
    step: number;
  }
  const groupPlans: GroupPlan[] = [];
  for (const state of agencies) {
    for (const p of state.projects) {
      if (inService(p) && p.indicatorOf.groups && windowDays(p) >= 10) {
        // Sessions within the ledger at about the pace of the 小组 target.
        let budget = Math.max(2, Math.round(windowPace(p, 'groups', 1.0, 1.3)));
        while (budget > 0 && groupPlans.length < groupTotal) {
          const held = Math.min(budget, rng.int(3, 8));
          const step = windowDays(p) >= held * 7 + 7 ? 7 : Math.max(1, Math.floor(windowDays(p) / (held + 1)));
          const latestStart = addDays(p.lastDay, -(held - 1) * step);
          const start = nextWeekday(
            addDays(p.ledgerFrom, rng.int(0, Math.max(0, daysBetween(p.ledgerFrom, latestStart) - 2))),
          );
          groupPlans.push({ state, project: p, start, held, planned: held + rng.int(0, 4), step });
          budget -= held;
        }
      } else if (!creditsAnything(p, 'group_session') && rng.chance(0.8)) {
        // No 小组 or 服务人次 indicator: the group may run any time in the service period.
        const planned = rng.int(6, 10);
        const latest = addDays(p.lastDay, -planned * 7);
        if (latest < p.project.periodFrom) continue;
        const start = nextWeekday(
          addDays(p.project.periodFrom, rng.int(14, Math.max(14, daysBetween(p.project.periodFrom, latest)))),
        );
        groupPlans.push({ state, project: p, start, held: planned, planned, step: 7 });
      }
    }
  }
  // Groups of the agencies' own (no project) make up the rest: over the past year, the later ones still running.
  for (let k = 0; groupPlans.length < groupTotal; k++) {
    const state = k % 5 === 0 ? demoAgency : agencies[k % agencies.length]!;
    const planned = rng.int(6, 12);
    const start = nextWeekday(addDays(today, -rng.int(30, 330)));
    const held = sessionDays(start, planned, yesterday, 7).length;
    groupPlans.push({ state, project: null, start, held, planned, step: 7 });
  }
  const scheduled: Array<() => void> = [];
  for (const g of groupPlans) buildGroup(g);

  function buildGroup(g: GroupPlan) {
    const { state, project } = g;
    const theme = themeOf(project?.project.targetGroups ?? []);
    const [baseName, groupType, goals] = rng.pick(theme.groups);
    const id = rng.uuid();
    const days = sessionDays(g.start, g.held, project?.lastDay ?? yesterday, g.step);
    const area = project?.project.divisionCodes ?? null;
    const anchor = pickBeneficiary(state, dayNumber(g.start) - 1, area);
    if (!anchor || days.length === 0) return;
    const divisionCode = anchor.row.divisionCode;
    const street = streetOf(divisionCode);
    const leader = project ? rng.pick(project.team) : rng.pick(state.workers).id;
    const createdBy = recorderOf(state, [leader]);
    const createdAt = past(at(addDays(g.start, -rng.int(7, 20)), rng.int(9, 16), rng.int(0, 59)));
    const closed = days.length >= g.planned;
    const lastSession = days[days.length - 1]!;
    // Members: neighbours of the first one (same street), registered before the group began.
    const size = rng.int(6, 12);
    const members = new Map<string, { b: BeneficiaryState; joinedOn: string; leftOn: string | null }>();
    members.set(anchor.row.id, { b: anchor, joinedOn: g.start, leftOn: null });
    for (let attempt = 0; members.size < size && attempt < size * 16; attempt++) {
      // Neighbours first; from anywhere in the agency's area when the street has too few.
      const near = attempt < size * 8;
      const b = pickBeneficiary(state, dayNumber(g.start) - 1, near ? [street] : null);
      if (!b || members.has(b.row.id) || (near && streetOf(b.row.divisionCode) !== street)) continue;
      const late = days.length > 2 && rng.chance(0.1);
      const joinedOn = late ? days[rng.int(1, 2)]! : g.start;
      const left = days.length > 3 && rng.chance(0.08);
      members.set(b.row.id, { b, joinedOn, leftOn: left ? addDays(days[rng.int(2, days.length - 2)]!, 1) : null });
    }
    if (members.size < 6) return;
    const seq = out.serviceGroups.filter((x) => x.agencyId === state.agency.id).length + 1;
    out.serviceGroups.push({
      id,
      agencyId: state.agency.id,
      projectId: project?.project.id ?? null,
      name: `${baseName}（第${seq}期）`,
      groupType,
      goals,
      plannedSessions: g.planned,
      divisionCode,
      leaderWorkerId: leader,
      status: closed ? 'closed' : 'active',
      createdBy,
      version: closed ? 2 : 1,
      createdAt,
      updatedAt: closed ? past(at(lastSession, 18, rng.int(0, 59))) : createdAt,
    });
    for (const m of members.values())
      out.groupMembers.push({ groupId: id, beneficiaryId: m.b.row.id, joinedOn: m.joinedOn, leftOn: m.leftOn });
    const attendance = new Map([...members.keys()].map((k) => [k, rng.between(0.6, 0.98)]));
    const co = project
      ? project.team.filter((w) => w !== leader)
      : state.workers.map((w) => w.id).filter((w) => w !== leader);
    const coWorker = co.length > 0 ? rng.pick(co) : null;
    days.forEach((heldOn, k) => {
      const current = [...members.values()].filter((m) => m.joinedOn <= heldOn && (!m.leftOn || m.leftOn > heldOn));
      const presence = current.map((m) => ({ id: m.b.row.id, present: rng.chance(attendance.get(m.b.row.id)!) }));
      const completedAt = completedAtOf(heldOn);
      const record = addRecord(
        {
          agencyId: state.agency.id,
          projectId: project?.project.id ?? null,
          indicatorId: countIndicator(project, 'group_session'),
          kind: 'group_session',
          caseId: null,
          caseRecordId: null,
          groupId: id,
          activityId: null,
          beneficiaryId: null,
          divisionCode,
          scheduledAt: null,
          heldOn,
          durationMinutes: rng.pick([60, 90, 90, 120]),
          participantCount: presence.filter((p) => p.present).length,
          location: rng.pick(GROUP_LOCATIONS),
          content: `第 ${k + 1} 节：${goals.replace(/。$/, '')}——围绕本节主题开展分享与练习。`,
          outcome: rng.chance(0.5) ? '组员参与积极，完成本节目标。' : '',
          createdBy,
          completedAt,
          createdAt: completedAt,
        },
        coWorker && rng.chance(0.6) ? [leader, coWorker] : [leader],
      );
      for (const p of presence)
        out.serviceRecordAttendees.push({ recordId: record.id, beneficiaryId: p.id, present: p.present });
      if (project) creditRecord(project, record);
    });
    if (!closed && (!project || inService(project)))
      scheduled.push(() => {
        const next = nextWeekday(addDays(lastSession, g.step));
        const day = next <= today ? nextWeekday(addDays(today, rng.int(1, 6))) : next;
        if (daysBetween(today, day) > 14) return;
        const workers = [leader];
        if (state === demoAgency && rng.chance(0.5)) workers.push(input.demo.workerId);
        scheduleRecord(
          state,
          project,
          'group_session',
          day,
          { groupId: id, divisionCode, location: rng.pick(GROUP_LOCATIONS) },
          workers,
        );
      });
  }

  // ---- Community activities ----
  interface ActivityPlan {
    state: AgencyState;
    project: ProjectState | null;
    days: string[];
  }
  const activityPlans: ActivityPlan[] = [];
  for (const state of agencies) {
    for (const p of state.projects) {
      if (!inService(p) || windowDays(p) < 5) continue;
      // Activity sessions within the ledger at about the pace of the 社区活动 target: one to three activities.
      const budget = Math.max(1, Math.round(windowPace(p, 'activities', 1.0, 1.3)));
      const programmes = Math.min(budget, rng.int(1, 3));
      for (let k = 0; k < programmes; k++) {
        const n = Math.max(1, Math.round(budget / programmes) + (k === 0 ? budget % programmes : 0));
        const days = Array.from({ length: n }, () => addDays(p.ledgerFrom, rng.int(0, windowDays(p) - 1))).sort();
        activityPlans.push({ state, project: p, days: [...new Set(days)] });
      }
    }
  }
  for (let k = 0; activityPlans.length < activityTotal; k++) {
    const state = k % 6 === 0 ? demoAgency : agencies[(k * 7) % agencies.length]!;
    const n = rng.int(1, 4);
    const first = rng.int(20, 360);
    const days = Array.from({ length: n }, (_, i) => addDays(today, -Math.max(1, first - i * rng.int(7, 30))));
    activityPlans.push({ state, project: null, days: [...new Set(days)].filter((d) => d <= yesterday).sort() });
  }
  for (const a of activityPlans) buildActivity(a);

  function buildActivity(a: ActivityPlan) {
    const { state, project } = a;
    if (a.days.length === 0) return;
    const theme = themeOf(project?.project.targetGroups ?? []);
    const [name, topic] = rng.pick(theme.activities);
    const id = rng.uuid();
    const community = project
      ? (pickBeneficiary(state, todayDay, project.project.divisionCodes)?.row.divisionCode ??
        rng.pick(state.communities))
      : rng.pick(state.communities);
    const lead = project ? rng.pick(project.team) : rng.pick(state.workers).id;
    const createdBy = recorderOf(state, [lead]);
    const createdAt = past(at(addDays(a.days[0]!, -rng.int(10, 25)), rng.int(9, 16), rng.int(0, 59)));
    const upcoming = project !== null && rng.chance(0.35);
    const closed = !upcoming && rng.chance(0.6);
    const last = a.days[a.days.length - 1]!;
    const place = rng.pick(ACTIVITY_LOCATIONS);
    const communityName = divisionByCode.get(community)?.name ?? '';
    out.communityActivities.push({
      id,
      agencyId: state.agency.id,
      projectId: project?.project.id ?? null,
      name: `${communityName}${name}`,
      theme: topic,
      description: `${communityName}居民${topic}主题活动，由社工与社区志愿者共同组织。`,
      divisionCode: community,
      location: `${communityName}${place}`,
      leadWorkerId: lead,
      status: closed ? 'closed' : 'active',
      createdBy,
      version: closed ? 2 : 1,
      createdAt,
      updatedAt: closed ? past(at(last, 19, rng.int(0, 59))) : createdAt,
    });
    const helpers = project ? project.team : state.workers.map((w) => w.id);
    for (const heldOn of a.days) {
      const completedAt = completedAtOf(heldOn);
      const record = addRecord(
        {
          agencyId: state.agency.id,
          projectId: project?.project.id ?? null,
          indicatorId: countIndicator(project, 'activity'),
          kind: 'activity',
          caseId: null,
          caseRecordId: null,
          groupId: null,
          activityId: id,
          beneficiaryId: null,
          divisionCode: community,
          scheduledAt: null,
          heldOn,
          durationMinutes: rng.pick([90, 120, 150, 180]),
          participantCount: rng.int(15, 90),
          location: `${communityName}${place}`,
          content: `开展“${name}”，设置${topic}互动环节，社区志愿者协助签到与秩序维护。`,
          outcome: '活动顺利完成，居民反馈良好。',
          createdBy,
          completedAt,
          createdAt: completedAt,
        },
        rng
          .shuffle(helpers)
          .slice(0, rng.int(1, Math.min(3, helpers.length)))
          .concat(lead),
      );
      if (project) creditRecord(project, record);
    }
    if (upcoming && project && inService(project))
      scheduled.push(() => {
        const day = nextWeekday(addDays(today, rng.int(2, 11)));
        const workers = [lead];
        if (state === demoAgency) workers.push(input.demo.workerId);
        scheduleRecord(
          state,
          project,
          'activity',
          day,
          { activityId: id, divisionCode: community, location: `${communityName}${place}` },
          workers,
        );
      });
  }

  // ---- Visits ----
  const visitWorkers = (state: AgencyState, project: ProjectState | null) => {
    const pool = project
      ? project.team
      : [...state.caseworkers.map((c) => c.workerId), ...state.workers.slice(0, 6).map((w) => w.id)];
    const first = rng.pick(pool);
    if (rng.chance(0.75) || pool.length < 2) return [first];
    return [first, rng.pick(pool.filter((w) => w !== first))];
  };
  /** A weekday (mostly) between two dates. */
  const visitDay = (from: string, to: string) => {
    const span = daysBetween(from, to);
    for (let attempt = 0; ; attempt++) {
      const d = addDays(from, rng.int(0, span));
      const w = weekday(d);
      if (attempt > 6 || (w !== 0 && w !== 6) || rng.chance(w === 6 ? 0.25 : 0.08)) return d;
    }
  };
  const visit = (state: AgencyState, project: ProjectState | null, from: string, to: string) => {
    const heldOn = visitDay(from, to);
    const b = pickBeneficiary(state, dayNumber(heldOn) - 1, project?.project.divisionCodes ?? null);
    if (!b) return null;
    const workers = visitWorkers(state, project);
    const completedAt = completedAtOf(heldOn);
    const createdBy = recorderOf(state, workers);
    const place = rng.weighted(VISIT_LOCATIONS);
    const record = addRecord(
      {
        agencyId: state.agency.id,
        projectId: project?.project.id ?? null,
        indicatorId: countIndicator(project, 'visit'),
        kind: 'visit',
        caseId: null,
        caseRecordId: null,
        groupId: null,
        activityId: null,
        beneficiaryId: b.row.id,
        divisionCode: b.row.divisionCode,
        scheduledAt: null,
        heldOn,
        durationMinutes: place === '电话回访' ? rng.pick([10, 15, 20]) : rng.pick([30, 40, 45, 60, 60, 90]),
        participantCount: 1,
        location: place,
        content: rng.pick(VISIT_CONTENT[b.profile]),
        outcome: rng.pick(VISIT_OUTCOMES),
        createdBy,
        completedAt,
        createdAt: completedAt,
      },
      workers,
    );
    if (project) creditRecord(project, record);
    return record;
  };

  // Projects that count 服务人次: visits within the ledger, at about the pace of the target (less what case
  // sessions, groups and activities already added there).
  const contactsSoFar = new Map<string, number>();
  for (const c of credits) contactsSoFar.set(c.indicatorId, (contactsSoFar.get(c.indicatorId) ?? 0) + c.value);
  for (const state of agencies)
    for (const p of state.projects) {
      const contacts = p.indicatorOf.contacts;
      if (!contacts || !inService(p) || windowDays(p) === 0) continue;
      const budget = windowPace(p, 'contacts', 1.1, 1.35) - (contactsSoFar.get(contacts.id) ?? 0);
      const n = Math.max(Math.round(windowDays(p) / 7), Math.round(budget));
      for (let k = 0; k < n; k++) visit(state, p, p.ledgerFrom, p.lastDay);
    }
  // The rest of the volume: visits under projects whose visits count toward nothing (over their whole service
  // period, in proportion to team size and days), and a minority outside any project.
  const SCHEDULED = 30;
  const recordTarget = input.records ?? 25_000;
  const rest = Math.max(0, recordTarget - out.serviceRecords.length - SCHEDULED);
  const free = agencies.flatMap((state) =>
    state.projects
      .filter((p) => !creditsAnything(p, 'visit') && p.lastDay >= p.project.periodFrom)
      .map((p) => ({
        state,
        p,
        weight: (daysBetween(p.project.periodFrom, p.lastDay) + 1) * Math.max(2, p.team.length),
      })),
  );
  const freeWeight = free.reduce((s, f) => s + f.weight, 0);
  const outside = freeWeight > 0 ? Math.round(rest * 0.15) : rest;
  for (const f of free) {
    const n = Math.round(((rest - outside) * f.weight) / freeWeight);
    for (let k = 0; k < n; k++) visit(f.state, f.p, f.p.project.periodFrom, f.p.lastDay);
  }
  const poolTotal = agencies.reduce((s, a) => s + a.pool.length, 0);
  for (const state of agencies) {
    const n = Math.round((outside * state.pool.length) / Math.max(1, poolTotal));
    const from = addDays(today, -365);
    for (let k = 0; k < n; k++) visit(state, null, from, yesterday);
  }

  // ---- A few voided records: entered by mistake, taken back the next days (they no longer count) ----
  const completedVisits = out.serviceRecords.filter((r) => r.kind === 'visit' && r.status === 'completed');
  const voids = Math.max(5, Math.round(completedVisits.length * 0.004));
  for (let k = 0; k < voids; k++) {
    const r = rng.pick(completedVisits);
    if (r.status !== 'completed') continue;
    r.status = 'voided';
    r.voidReason = rng.pick(VOID_REASONS);
    r.voidedBy = r.createdBy;
    r.voidedAt = past(new Date(r.completedAt!.getTime() + rng.int(1, 72) * 3_600_000));
    r.updatedAt = r.voidedAt;
    r.version = 2;
  }

  // ---- Scheduled: the next two weeks (demo-worker among the workers of several) ----
  function scheduleRecord(
    state: AgencyState,
    project: ProjectState | null,
    kind: ServiceRecordKind,
    day: string,
    where: { groupId?: string; activityId?: string; beneficiaryId?: string; divisionCode: string; location: string },
    workers: readonly string[],
  ) {
    const scheduledAt = at(day, rng.int(9, 16), rng.pick([0, 30]));
    if (scheduledAt.getTime() <= nowMs) return;
    const createdAt = past(at(addDays(today, -rng.int(1, 7)), rng.int(9, 17), rng.int(0, 59)));
    addRecord(
      {
        agencyId: state.agency.id,
        projectId: project?.project.id ?? null,
        indicatorId: countIndicator(project, kind),
        kind,
        status: 'scheduled',
        caseId: null,
        caseRecordId: null,
        groupId: where.groupId ?? null,
        activityId: where.activityId ?? null,
        beneficiaryId: where.beneficiaryId ?? null,
        divisionCode: where.divisionCode,
        scheduledAt,
        heldOn: null,
        durationMinutes: null,
        participantCount: 0,
        location: where.location,
        content: '',
        outcome: '',
        createdBy: recorderOf(state, workers),
        completedBy: null,
        completedAt: null,
        createdAt,
      },
      workers,
    );
  }
  const scheduledBefore = out.serviceRecords.length;
  for (const s of scheduled) if (out.serviceRecords.length - scheduledBefore < SCHEDULED - 12) s();
  const demoProjects = demoAgency.projects.filter(inService);
  for (let k = 0; out.serviceRecords.length - scheduledBefore < SCHEDULED && k < 500; k++) {
    // demo-worker's own visits first, then visits of any agency.
    const state = k < 6 || k % 2 === 0 ? demoAgency : rng.pick(agencies);
    const projects = state === demoAgency ? demoProjects : state.projects.filter(inService);
    const project = projects.length > 0 && rng.chance(0.8) ? rng.pick(projects) : null;
    const b = pickBeneficiary(state, todayDay, project?.project.divisionCodes ?? null);
    if (!b) continue;
    const workers = state === demoAgency ? [input.demo.workerId] : visitWorkers(state, project);
    scheduleRecord(
      state,
      project,
      'visit',
      nextWeekday(addDays(today, rng.int(1, 11))),
      { beneficiaryId: b.row.id, divisionCode: b.row.divisionCode, location: '服务对象家中' },
      workers,
    );
  }

  // ---- Satisfaction surveys: within each project's ledger, mostly satisfied ----
  const recordsByProjectDay = new Map<string, ServiceRecordSeedRow[]>();
  for (const r of out.serviceRecords)
    if (r.projectId && r.status === 'completed' && (r.kind === 'visit' || r.kind === 'activity')) {
      const key = `${r.projectId}|${r.heldOn}`;
      recordsByProjectDay.set(key, [...(recordsByProjectDay.get(key) ?? []), r]);
    }
  for (const state of agencies)
    for (const p of state.projects) {
      if (!inService(p) || windowDays(p) < 3) continue;
      const n = Math.min(60, Math.max(8, Math.round(windowDays(p) * rng.between(0.3, 0.5))));
      const surveys: SurveySeedRow[] = [];
      for (let k = 0; k < n; k++) {
        const surveyedOn = visitDay(p.ledgerFrom, p.lastDay);
        const score = rng.weighted([
          [5, 55],
          [4, 33],
          [3, 8],
          [2, 3],
          [1, 1],
        ] as const);
        const sameDay = recordsByProjectDay.get(`${p.project.id}|${surveyedOn}`);
        surveys.push({
          id: rng.uuid(),
          projectId: p.project.id,
          agencyId: state.agency.id,
          recordId: sameDay && rng.chance(0.7) ? rng.pick(sameDay).id : null,
          score,
          comment: rng.chance(0.4) ? rng.pick(SURVEY_COMMENTS[score]!) : '',
          surveyedOn,
          recordedBy: recorderOf(state, p.team),
          recordedAt: past(at(surveyedOn, rng.int(16, 19), rng.int(0, 59))),
        });
      }
      surveys.sort((a, b) => a.surveyedOn.localeCompare(b.surveyedOn));
      out.satisfactionSurveys.push(...surveys);
      // One rate per survey day: the share satisfied among all of the project's surveys up to that day.
      const satisfaction = p.indicatorOf.satisfaction;
      if (!satisfaction) continue;
      for (const day of new Set(surveys.map((s) => s.surveyedOn))) {
        const rate = satisfactionRate(surveys.filter((s) => s.surveyedOn <= day).map((s) => s.score));
        if (rate !== null) credits.push({ indicatorId: satisfaction.id, periodEnd: day, value: rate });
      }
    }

  // ---- The day totals the live code would have written (voided records took back what they added) ----
  const voided = out.serviceRecords.filter((r) => r.status === 'voided' && r.projectId);
  for (const r of voided) {
    const p = projectById.get(r.projectId!)!;
    const taken = recordCredits(
      { heldOn: r.heldOn!, participantCount: r.participantCount, countIndicatorId: r.indicatorId },
      p.project.indicators,
    );
    credits.push(...taken.map((c) => ({ ...c, value: -c.value })));
  }
  const projectOfIndicator = new Map<string, string>();
  for (const p of delivering) for (const i of p.indicators) projectOfIndicator.set(i.id, p.id);
  for (const c of sumCredits(credits)) {
    if (c.value <= 0) continue;
    out.indicatorActuals.push({
      id: rng.uuid(),
      indicatorId: c.indicatorId,
      projectId: projectOfIndicator.get(c.indicatorId)!,
      source: 'service_record',
      reportId: null,
      periodEnd: c.periodEnd,
      value: Math.round(c.value * 100) / 100,
      evidence: '',
      recordedAt: past(at(c.periodEnd, 20, 0)),
    });
  }
  out.indicatorActuals.sort(
    (a, b) => a.periodEnd.localeCompare(b.periodEnd) || a.indicatorId.localeCompare(b.indicatorId),
  );
  return out;
}
