import type { z } from 'zod';
import type { listResidentsQuery, workerSearchQuery } from '../../../../contracts/api/registry';
import {
  CREDENTIAL_LEVEL_NAMES,
  LANGUAGES,
  LEGAL_FORM_NAMES,
  SKILLS,
  SPECIALTIES,
} from '../../../../contracts/taxonomy';
import type { AuthedContext, Deps } from '../../platform/context';
import type { ColumnSpec } from '../../platform/spreadsheet';
import { exportSheet } from '../audit/audited-export';
import { listProfilesInScope } from './organization.repository';
import { organizationScope } from './organization.service';
import { listResidentsInScope } from './resident.repository';
import { residentScope } from './resident.service';
import { listCeRecordsInScope } from './worker.repository';
import { searchWorkerPool, workerScope } from './worker.service';

/*
 * Registry data as spreadsheets. Every export reads through the same scoped queries as the screens, carries
 * identifiers only in their masked form, and leaves an audit row saying who took what.
 */

const MAX_EXPORT_ROWS = 50_000;
type Format = 'xlsx' | 'csv';

const WORKER_COLUMNS: ColumnSpec[] = [
  { key: 'name', header: '姓名', width: 10 },
  { key: 'gender', header: '性别', width: 6 },
  { key: 'birthDate', header: '出生日期', width: 12 },
  { key: 'idNumberMasked', header: '身份证号（脱敏）', width: 22 },
  { key: 'mobileMasked', header: '手机号（脱敏）', width: 14 },
  { key: 'agencyName', header: '所属机构', width: 30 },
  { key: 'divisionName', header: '服务区划', width: 14 },
  { key: 'level', header: '证书等级', width: 16 },
  { key: 'periodTo', header: '登记有效期至', width: 14 },
  { key: 'ceHours', header: '本期继续教育学时', kind: 'number', width: 10 },
  { key: 'requiredHours', header: '要求学时', kind: 'number', width: 10 },
  { key: 'specialties', header: '专业领域', width: 20 },
  { key: 'languages', header: '语言', width: 14 },
];

const names = (codes: readonly string[], terms: ReadonlyArray<{ code: string; zh: string }>) =>
  codes.map((c) => terms.find((t) => t.code === c)?.zh ?? c).join('、');

/** The talent pool as a spreadsheet: the caller's scope and filters, identifiers masked exactly as on screen. */
export async function exportWorkers(
  deps: Deps,
  ctx: AuthedContext,
  filters: Omit<z.infer<typeof workerSearchQuery>, 'page' | 'pageSize'>,
  format: 'xlsx' | 'csv',
) {
  const page = await searchWorkerPool(deps, ctx, { ...filters, page: 1, pageSize: MAX_EXPORT_ROWS } as z.infer<
    typeof workerSearchQuery
  >);
  const rows = page.items.map((w) => ({
    ...w,
    gender: w.gender === 'male' ? '男' : '女',
    level: w.credentialLevel ? CREDENTIAL_LEVEL_NAMES[w.credentialLevel].zh : '',
    periodTo: w.compliance.periodTo ?? '',
    ceHours: w.compliance.completedHours,
    requiredHours: w.compliance.requiredHours,
    specialties: names(w.specialties, SPECIALTIES),
    languages: names(w.languages, LANGUAGES),
  }));
  return exportSheet(
    deps,
    ctx,
    {
      action: 'worker.export',
      targetType: 'worker',
      columns: WORKER_COLUMNS,
      rows,
      sheetName: '社工人才库',
      title: '禅城区社会工作者人才库（脱敏导出）',
      filters,
    },
    format,
  );
}

const AGENCY_COLUMNS: ColumnSpec[] = [
  { key: 'name', header: '机构名称', width: 30 },
  { key: 'creditCode', header: '统一社会信用代码', width: 22 },
  { key: 'legalForm', header: '法人类型', width: 16 },
  { key: 'divisionName', header: '所在区划', width: 12 },
  { key: 'divisionCode', header: '所在区划代码', width: 14 },
  { key: 'registeredOn', header: '登记日期', width: 12 },
  { key: 'registrationAuthority', header: '登记管理机关', width: 20 },
  { key: 'rating', header: '评估等级', width: 8 },
  { key: 'ratedOn', header: '评估日期', width: 12 },
  { key: 'address', header: '地址', width: 30 },
  { key: 'serviceDivisionCodes', header: '服务区划代码', width: 22 },
  { key: 'serviceFields', header: '服务领域', width: 18 },
  { key: 'contactName', header: '联系人', width: 10 },
  { key: 'contactPhone', header: '联系电话', width: 16 },
  { key: 'status', header: '状态', width: 8 },
  { key: 'verification', header: '核验', width: 8 },
];
const STATUS_NAMES = { active: '正常', suspended: '暂停', deregistered: '已注销' } as const;
const VERIFICATION_NAMES = { unverified: '待核验', verified: '已核验', rejected: '未通过' } as const;

/** The agency directory within the caller's scope; the columns match the import template, so it re-imports. */
export async function exportAgencies(
  deps: Deps,
  ctx: AuthedContext,
  filters: { q?: string; divisionCode?: string },
  format: Format,
) {
  const agencies = await listProfilesInScope(deps.db, organizationScope(ctx), {
    kind: 'agency',
    ...filters,
    limit: MAX_EXPORT_ROWS,
  });
  const rows = agencies.map((a) => ({
    ...a,
    legalForm: a.legalForm ? LEGAL_FORM_NAMES[a.legalForm] : '',
    serviceDivisionCodes: a.serviceDivisionCodes.join('、'),
    serviceFields: names(a.serviceFields, SPECIALTIES),
    status: STATUS_NAMES[a.status],
    verification: VERIFICATION_NAMES[a.verificationStatus],
  }));
  return exportSheet(
    deps,
    ctx,
    {
      action: 'organization.export',
      targetType: 'organization',
      columns: AGENCY_COLUMNS,
      rows,
      sheetName: '社工机构名录',
      title: '禅城区社会工作服务机构名录',
      filters,
    },
    format,
  );
}

const CE_COLUMNS: ColumnSpec[] = [
  { key: 'name', header: '姓名', width: 10 },
  { key: 'idNumberMasked', header: '身份证号（脱敏）', width: 22 },
  { key: 'certificateNo', header: '证书编号', width: 18 },
  { key: 'agencyName', header: '所属机构', width: 30 },
  { key: 'course', header: '课程名称', width: 28 },
  { key: 'provider', header: '培训机构', width: 24 },
  { key: 'hours', header: '学时', kind: 'number', width: 8 },
  { key: 'completedOn', header: '完成日期', width: 12 },
  { key: 'evidence', header: '证明材料', width: 24 },
];

/** Continuing-education records of the workers the caller can see. */
export async function exportCeRecords(deps: Deps, ctx: AuthedContext, filters: { from?: string }, format: Format) {
  const records = await listCeRecordsInScope(deps.db, workerScope(ctx), { ...filters, limit: MAX_EXPORT_ROWS });
  return exportSheet(
    deps,
    ctx,
    {
      action: 'worker.ce_export',
      targetType: 'worker',
      columns: CE_COLUMNS,
      rows: records.map((r) => ({ ...r, hours: r.minutes / 60 })),
      sheetName: '继续教育记录',
      title: '社会工作者继续教育记录（脱敏导出）',
      filters,
    },
    format,
  );
}

const RESIDENT_COLUMNS: ColumnSpec[] = [
  { key: 'name', header: '姓名', width: 10 },
  { key: 'gender', header: '性别', width: 6 },
  { key: 'idNumberMasked', header: '身份证号（脱敏）', width: 22 },
  { key: 'mobileMasked', header: '手机号（脱敏）', width: 14 },
  { key: 'divisionName', header: '居住社区', width: 16 },
  { key: 'volunteerNo', header: '志愿者编号', width: 16 },
  { key: 'skills', header: '技能', width: 20 },
  { key: 'contactConsent', header: '同意联系', width: 10 },
];

/** Residents (or volunteers only) within the caller's divisions, masked. */
export async function exportResidents(
  deps: Deps,
  ctx: AuthedContext,
  query: Omit<z.infer<typeof listResidentsQuery>, 'page' | 'pageSize'>,
  format: Format,
) {
  const { rows } = await listResidentsInScope(deps.db, residentScope(ctx), {
    q: query.q,
    divisionCode: query.divisionCode,
    skill: query.skill,
    volunteer: query.volunteer === undefined ? undefined : query.volunteer === 'true',
    consent: query.consent === undefined ? undefined : query.consent === 'true',
    limit: MAX_EXPORT_ROWS,
    offset: 0,
  });
  const volunteersOnly = query.volunteer === 'true';
  return exportSheet(
    deps,
    ctx,
    {
      action: 'resident.export',
      targetType: 'resident',
      columns: RESIDENT_COLUMNS,
      rows: rows.map((r) => ({
        ...r,
        gender: r.gender === 'male' ? '男' : '女',
        volunteerNo: r.isVolunteer ? r.volunteerNo : '',
        skills: names(r.skills, SKILLS),
        contactConsent: r.contactConsent ? '是' : '否',
      })),
      sheetName: volunteersOnly ? '志愿者名册' : '居民名册',
      title: volunteersOnly ? '志愿者名册（脱敏导出）' : '居民名册（脱敏导出）',
      filters: query,
    },
    format,
  );
}
