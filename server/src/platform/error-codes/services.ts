/**
 * Error codes of the services module (merged into ERROR_CODES). `{purposeName}` takes a { zh, en } detail so each
 * language names the consent purpose in its own words.
 */
export const SERVICE_ERROR_CODES = {
  'beneficiary.duplicate': {
    status: 409,
    zh: '该身份证号已登记为服务对象，不能重复登记',
    en: 'A beneficiary with this ID number is already registered',
  },
  'consent.missing': {
    status: 409,
    zh: '服务对象未同意“{purposeName}”（未征得同意、已拒绝、已撤回或已过期），不能进行此操作',
    en: 'The beneficiary has not consented to {purposeName} (never asked, refused, withdrawn or expired); this cannot be done',
  },
  'consent.not_given': {
    status: 409,
    zh: '服务对象当前未同意“{purposeName}”，无需撤回',
    en: 'There is no current consent to {purposeName} to withdraw',
  },
  'case.invalid_transition': {
    status: 409,
    zh: '个案当前处于“{stageName}”阶段，不能执行“{actionName}”',
    en: 'The case is in the {stageName} stage; it cannot {actionName}',
  },
  'case.record_required': {
    status: 409,
    zh: '个案离开“{stageName}”阶段前，须有经督导审核通过的{kindName}',
    en: 'Before the case leaves the {stageName} stage, a {kindName} approved by the supervisor is required',
  },
  'case.reason_required': {
    status: 400,
    zh: '“{actionName}”须填写原因',
    en: 'A reason is required to {actionName}',
  },
  'case.record_kind_not_allowed': {
    status: 409,
    zh: '个案在“{stageName}”阶段不能新建{kindName}',
    en: 'A {kindName} cannot be started while the case is in the {stageName} stage',
  },
  'case.record_locked': {
    status: 409,
    zh: '该记录当前状态为“{status}”，不能修改；已审核通过的记录只能通过新的更正记录修改',
    en: 'This record is {status} and cannot be changed; an approved record is changed only by a new amending record',
  },
  'case.record_not_submitted': {
    status: 409,
    zh: '该记录当前状态为“{status}”，只有已提交的记录可以审核',
    en: 'This record is {status}; only a submitted record can be reviewed',
  },
  'case.amend_not_approved': {
    status: 409,
    zh: '只能更正已审核通过的记录',
    en: 'Only an approved record can be amended',
  },
  'service_record.programme_closed': {
    status: 409,
    zh: '该小组/活动已结束，不能再添加服务记录或组员',
    en: 'This group or activity has ended; no more records or members can be added',
  },
  'service_record.not_scheduled': {
    status: 409,
    zh: '该服务记录当前状态为“{status}”，只有计划中的记录可以登记完成',
    en: 'This record is {status}; only a scheduled record can be completed',
  },
  'service_record.already_voided': {
    status: 409,
    zh: '该服务记录已作废',
    en: 'This record has been voided',
  },
  'service_record.case_session_amend': {
    status: 409,
    zh: '个案会谈记录随个案记录审核生成，请在个案中提交更正记录',
    en: 'A case session comes from an approved case record; amend that record in the case instead',
  },
  'service_record.aggregates_only': {
    status: 403,
    zh: '民政局通过服务数据看板查看汇总数据；服务记录明细仅向项目购买方（脱敏）和承接机构开放',
    en: 'The bureau works from the aggregated delivery dashboard; record details are open to the purchasing unit (masked) and the delivering agency',
  },
  'referral.pending_exists': {
    status: 409,
    zh: '该个案已有一条待接收的转介，请等待对方处理或先撤回',
    en: 'This case already has a pending referral; wait for the decision or revoke it first',
  },
  'referral.case_closed': {
    status: 409,
    zh: '个案已结案，不能转介或转移；如需继续服务，请先重新开案',
    en: 'The case is closed and cannot be referred or transferred; reopen it first',
  },
  'referral.override_forbidden': {
    status: 403,
    zh: '服务对象未同意向其他机构提供信息时，只有个案所属机构的负责人可以决定仍然转介',
    en: 'Without the beneficiary’s consent to sharing, only a manager of the case’s agency may decide to refer anyway',
  },
  'referral.not_pending': {
    status: 409,
    zh: '该转介当前状态为“{statusName}”，只能处理待接收的转介',
    en: 'This referral is {statusName}; only a pending referral can be decided',
  },
} as const;
