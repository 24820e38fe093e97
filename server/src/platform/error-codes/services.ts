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
} as const;
