/** Error codes of evaluations, their templates and rectifications (merged into ERROR_CODES). */
export const EVALUATION_ERROR_CODES = {
  'evaluation.midterm_not_in_service': {
    status: 409,
    zh: '中期评估只能在项目“服务中”时安排',
    en: 'A mid-term evaluation can only be assigned while the project is in service',
  },
  'evaluation.final_not_in_review': {
    status: 409,
    zh: '末期评估只能在项目进入“末期评估”阶段后安排',
    en: 'A final evaluation can only be assigned once the project is in final review',
  },
  'evaluation.exists': {
    status: 409,
    zh: '该项目已安排过此类评估（中期、末期评估各一次）；如需更换评估机构或人员，请修改原安排',
    en: 'The project already has an evaluation of this kind (one mid-term, one final); change the existing assignment instead',
  },
  'evaluation.submitted': {
    status: 409,
    zh: '评估已提交，不能再修改',
    en: 'The evaluation has been submitted and can no longer be changed',
  },
  'evaluation.scoring_started': {
    status: 409,
    zh: '评估人员已开始评分，不能更换评估模板',
    en: 'Scoring has started; the template can no longer be changed',
  },
  'evaluation.incomplete': {
    status: 409,
    zh: '还有 {missing} 个评分项未打分，全部打分后才能提交',
    en: '{missing} criteria have not been scored; score them all before submitting',
  },
  'evaluation.project_inactive': {
    status: 409,
    zh: '项目已结项或终止，不能再进行评估或整改操作',
    en: 'The project is closed or terminated; evaluations and rectifications can no longer change',
  },
  'rectification.invalid_transition': {
    status: 409,
    zh: '整改任务的当前状态不允许此操作（待整改的任务由承接机构提交整改情况，已提交的任务由购买方验收或退回）',
    en: 'The rectification task is not in a state for this (the agency responds to an open task; the purchasing side accepts or sends back a responded one)',
  },
} as const;
