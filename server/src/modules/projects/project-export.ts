import type { z } from 'zod';
import type { listProjectsQuery } from '../../../../contracts/api/projects';
import { GRADE_NAMES, PROCUREMENT_METHOD_NAMES, PROJECT_STATUS_NAMES } from '../../../../contracts/projects';
import type { AuthedContext, Deps } from '../../platform/context';
import type { ColumnSpec } from '../../platform/spreadsheet';
import { exportSheet } from '../audit/audited-export';
import { fen } from './money';
import { paidByProject } from './payment.repository';
import { listProjectsInScope } from './project.repository';
import { projectScope } from './project.service';

const MAX_LEDGER_ROWS = 20_000;

const LEDGER_COLUMNS: ColumnSpec[] = [
  { key: 'code', header: '项目编号', width: 14 },
  { key: 'title', header: '项目名称', width: 32 },
  { key: 'purchaserName', header: '购买单位', width: 26 },
  { key: 'divisionName', header: '所属区划', width: 12 },
  { key: 'status', header: '状态', width: 10 },
  { key: 'procurementMethod', header: '采购方式', width: 12 },
  { key: 'budgetYuan', header: '预算金额（元）', kind: 'number', width: 14 },
  { key: 'contractYuan', header: '合同金额（元）', kind: 'number', width: 14 },
  { key: 'paidYuan', header: '已付金额（元）', kind: 'number', width: 14 },
  { key: 'agencyName', header: '承接机构', width: 28 },
  { key: 'periodFrom', header: '服务期起', width: 12 },
  { key: 'periodTo', header: '服务期止', width: 12 },
  { key: 'finalGrade', header: '末期评估等级', width: 12 },
];

const yuan = (f: number | null) => (f === null ? '' : f / 100);

/** 项目台账: the projects the caller sees under the list's filters, as a spreadsheet (no personal data in it). */
export async function exportProjectLedger(
  deps: Deps,
  ctx: AuthedContext,
  filters: Omit<z.infer<typeof listProjectsQuery>, 'page' | 'pageSize'>,
  format: 'xlsx' | 'csv',
) {
  const { rows } = await listProjectsInScope(deps.db, projectScope(ctx), {
    ...filters,
    limit: MAX_LEDGER_ROWS,
    offset: 0,
  });
  const paid = await paidByProject(
    deps.db,
    rows.map((r) => r.id),
  );
  return exportSheet(
    deps,
    ctx,
    {
      action: 'project.export',
      targetType: 'project',
      columns: LEDGER_COLUMNS,
      rows: rows.map((r) => ({
        ...r,
        status: PROJECT_STATUS_NAMES[r.status].zh,
        procurementMethod: PROCUREMENT_METHOD_NAMES[r.procurementMethod].zh,
        budgetYuan: yuan(fen(r.budgetFen)),
        contractYuan: yuan(r.contractAmountFen === null ? null : fen(r.contractAmountFen)),
        paidYuan: yuan(fen(paid.get(r.id) ?? 0)),
        finalGrade: r.finalGrade ? GRADE_NAMES[r.finalGrade].zh : '',
      })),
      sheetName: '项目台账',
      title: '政府购买社会工作服务项目台账',
      filters,
    },
    format,
  );
}
