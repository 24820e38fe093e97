/**
 * Error codes of procurement (calls, bids, panel scores, award and contract), merged into ERROR_CODES. Deadlines
 * in messages are Beijing time (Asia/Shanghai), as the call shows them. Placeholders ending in Name take a
 * { zh, en } detail, as in the projects module's codes.
 */
export const PROCUREMENT_ERROR_CODES = {
  'procurement.not_tendering': {
    status: 409,
    zh: '项目当前状态为“{statusName}”，不在采购阶段',
    en: 'The project is {statusName}; it is not open for procurement',
  },
  'procurement.deadline_passed': {
    status: 409,
    zh: '投标已于 {deadline}（北京时间）截止，不能再投标、修改或撤回',
    en: 'Bidding closed at {deadline} (Beijing time); bids can no longer be submitted, changed or withdrawn',
  },
  'procurement.deadline_not_reached': {
    status: 409,
    zh: '投标截止时间 {deadline}（北京时间）未到，投标文件尚未开启，还不能{actionName}',
    en: 'Bids stay sealed until {deadline} (Beijing time); you cannot {actionName} yet',
  },
  'procurement.bid_exists': {
    status: 409,
    zh: '本机构已对该项目投标（每个机构只能投一份标），请修改已有的投标',
    en: 'Your agency has already bid for this project (one bid per agency); update that bid instead',
  },
  'procurement.bid_not_submitted': {
    status: 409,
    zh: '该投标的状态为“{statusName}”，不能{actionName}',
    en: 'This bid is {statusName}; it cannot be {actionName}',
  },
  'procurement.agency_not_active': {
    status: 409,
    zh: '该社工机构已暂停或注销，不能投标',
    en: 'This agency is suspended or deregistered and cannot bid',
  },
  'procurement.lead_unavailable': {
    status: 409,
    zh: '该投标的项目负责人已不在投标机构任职，不能按此投标签约',
    en: "The bid's project lead no longer works for the bidding agency; the contract cannot be signed on this bid",
  },
  'procurement.contract_published': {
    status: 409,
    zh: '合同已于 {publishedAt}（北京时间）公开',
    en: 'The contract was published at {publishedAt} (Beijing time)',
  },
} as const;
