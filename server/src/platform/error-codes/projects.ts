/**
 * Error codes of the projects module (merged into ERROR_CODES). Placeholders ending in Name take a { zh, en } detail
 * (a state or an action), so each language names it in its own words.
 */
export const PROJECT_ERROR_CODES = {
  'project.invalid_transition': {
    status: 409,
    zh: '项目当前状态为“{fromName}”，不能执行“{actionName}”',
    en: 'The project is {fromName}; "{actionName}" is not possible in that state',
  },
  'project.reason_required': {
    status: 400,
    zh: '请填写{actionName}的原因',
    en: 'Give a reason to {actionName}',
  },
  'project.not_editable': {
    status: 409,
    zh: '项目当前状态为“{statusName}”，只有草稿可以修改基本信息',
    en: 'The project is {statusName}; only a draft can be edited',
  },
  'project.term_too_long': {
    status: 400,
    zh: '服务期限不能超过 {years} 年（财政部令第102号：一般不超过 1 年，稳定的经常性服务可签订不超过 3 年的合同）',
    en: 'The service period cannot exceed {years} year(s) (MoF Decree 102: one year, up to three for stable recurring services)',
  },
  'project.guard_failed': {
    status: 409,
    zh: '还不能执行“{actionName}”：{reason}',
    en: 'Cannot "{actionName}" yet: {reason}',
  },
  'project.purchaser_required': {
    status: 400,
    zh: '请选择您所在的采购单位',
    en: 'Choose the purchasing unit you belong to',
  },
  'project.document_type': {
    status: 415,
    zh: '不支持的文件类型；请上传 PDF、Word、Excel、图片或 ZIP 文件',
    en: 'Unsupported file type; upload PDF, Word, Excel, an image or ZIP',
  },
  'project.over_budget': {
    status: 409,
    zh: '金额 {amountYuan} 元超过{limitName} {limitYuan} 元',
    en: 'The amount of {amountYuan} yuan exceeds the {limitName} of {limitYuan} yuan',
  },
  'project.milestones_over_100': {
    status: 409,
    zh: '付款节点比例合计 {percent}% 超过 100%',
    en: 'Payment milestones add up to {percent}%, more than 100%',
  },
  'project.milestone_not_due': {
    status: 409,
    zh: '付款节点“{name}”尚未达到付款条件（当前：{statusName}）',
    en: 'Milestone "{name}" is not due for payment (it is {statusName})',
  },
  'project.targets_fixed': {
    status: 409,
    zh: '项目当前状态为“{statusName}”，服务指标已随合同确定，不能再修改',
    en: 'The project is {statusName}; its targets are fixed by the contract',
  },
  'project.indicator_has_actuals': {
    status: 409,
    zh: '已有进度数据的指标不能删除',
    en: 'An indicator with reported progress cannot be removed',
  },
  'project.not_reporting': {
    status: 409,
    zh: '项目当前状态为“{statusName}”，只有服务中或末期评估阶段可以报告进度',
    en: 'The project is {statusName}; progress is reported in service or final review',
  },
  'project.no_contract': {
    status: 409,
    zh: '项目尚未签订合同，不能登记付款',
    en: 'The project has no contract yet; payments cannot be recorded',
  },
  'project.milestone_has_payments': {
    status: 409,
    zh: '已有付款记录的付款节点不能删除或修改比例',
    en: 'A milestone with payments cannot be removed or re-weighted',
  },
} as const;
