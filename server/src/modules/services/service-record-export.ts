import type { z } from 'zod';
import {
  type listServiceRecordsQuery,
  SERVICE_RECORD_KIND_NAMES,
  type ServiceRecordView,
} from '../../../../contracts/api/delivery';
import type { AuthedContext, Deps } from '../../platform/context';
import { AppError } from '../../platform/errors';
import type { ColumnSpec } from '../../platform/spreadsheet';
import { exportSheet } from '../audit/audited-export';
import { requireProject } from '../projects/project.service';
import * as repo from './delivery.repository';
import { present, projectRecordViewer, recordScope, type Viewer } from './service-record.service';

/*
 * 服务记录台账: the records under the list's filters as a spreadsheet. Data leaving the system carries no names in the
 * clear: the agency's own export masks them (张**) like the purchaser's view; an evaluator's is anonymised. Each
 * export is audited (exportSheet).
 */

const MAX_ROWS = 20_000;

const STATUS_NAMES: Record<ServiceRecordView['status'], string> = {
  scheduled: '计划中',
  completed: '已完成',
  voided: '已作废',
};

const COLUMNS: ColumnSpec[] = [
  { key: 'date', header: '服务日期', width: 12 },
  { key: 'kind', header: '服务类型', width: 12 },
  { key: 'subject', header: '服务对象/小组/活动', width: 26 },
  { key: 'projectName', header: '所属项目', width: 28 },
  { key: 'agencyName', header: '服务机构', width: 24 },
  { key: 'workers', header: '社工', width: 20 },
  { key: 'participantCount', header: '服务人次', kind: 'number', width: 10 },
  { key: 'durationMinutes', header: '时长（分钟）', kind: 'number', width: 12 },
  { key: 'location', header: '地点', width: 18 },
  { key: 'content', header: '服务内容', width: 40 },
  { key: 'outcome', header: '服务成效', width: 30 },
  { key: 'status', header: '状态', width: 10 },
];

type Filters = Omit<z.infer<typeof listServiceRecordsQuery>, 'page' | 'pageSize'>;

function sheetRows(records: readonly ServiceRecordView[]) {
  return records.map((r) => ({
    date: r.heldOn ?? r.scheduledAt?.slice(0, 10) ?? '',
    kind: SERVICE_RECORD_KIND_NAMES[r.kind].zh,
    subject: r.subject,
    projectName: r.projectName ?? '',
    agencyName: r.agencyName,
    workers: r.workers.map((w) => w.name).join('、'),
    participantCount: r.participantCount,
    durationMinutes: r.durationMinutes ?? '',
    location: r.location,
    content: r.content,
    outcome: r.outcome,
    status: STATUS_NAMES[r.status],
  }));
}

async function build(
  deps: Deps,
  ctx: AuthedContext,
  rows: repo.ServiceRecordRow[],
  viewer: Viewer,
  filters: unknown,
  format: 'xlsx' | 'csv',
) {
  const records = await present(deps.db, rows, viewer, 'zh-CN');
  return exportSheet(
    deps,
    ctx,
    {
      action: 'service_record.export',
      targetType: 'service_record',
      columns: COLUMNS,
      rows: sheetRows(records),
      sheetName: '服务记录',
      title: '服务记录台账',
      filters,
    },
    format,
  );
}

/** The agency staff's records (their scope), names masked. */
export async function exportServiceRecords(deps: Deps, ctx: AuthedContext, filters: Filters, format: 'xlsx' | 'csv') {
  const { rows } = await repo.listRecordsInScope(deps.db, recordScope(ctx), { ...filters, limit: MAX_ROWS, offset: 0 });
  return build(deps, ctx, rows, 'masked', filters, format);
}

/** A project's records as its parties may take them away: masked, or anonymised for an evaluator. */
export async function exportProjectServiceRecords(
  deps: Deps,
  ctx: AuthedContext,
  projectId: string,
  filters: Filters,
  format: 'xlsx' | 'csv',
) {
  const project = await requireProject(deps.db, ctx, projectId);
  const viewer = projectRecordViewer(ctx, project);
  if (!viewer) throw new AppError('service_record.aggregates_only');
  const { rows } = await repo.listProjectRecords(deps.db, projectId, { ...filters, limit: MAX_ROWS, offset: 0 });
  return build(deps, ctx, rows, viewer === 'anonymised' ? 'anonymised' : 'masked', { projectId, ...filters }, format);
}
