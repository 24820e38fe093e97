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
} as const;
