import type { ProjectStatus } from '../contracts/projects';
import { buildUser, type TestApp } from './app';

let counter = 0;

const SIGNED: readonly ProjectStatus[] = ['contracted', 'in_service', 'final_review', 'closed'];

/**
 * A project put directly into a given state (no procurement run): the project row, its service divisions and, once
 * signed (contracted or later, with an agency), a contract for `contractAmountFen`. The division is the purchasing
 * unit's own unless given; `createdBy` defaults to a new purchaser account of that unit.
 */
export async function buildProject(
  t: TestApp,
  attrs: {
    status: ProjectStatus;
    purchaserId: string;
    agencyId?: string | null;
    title?: string;
    divisionCode?: string;
    serviceDivisionCodes?: string[];
    budgetFen?: number;
    contractAmountFen?: number;
    periodFrom?: string;
    periodTo?: string;
    createdBy?: string;
    contract?: boolean;
  },
): Promise<{ id: string; code: string; divisionCode: string; version: number }> {
  const db = t.deps.db;
  const now = t.clock.now();
  const purchaser = await db
    .selectFrom('organizations')
    .select(['divisionCode'])
    .where('id', '=', attrs.purchaserId)
    .executeTakeFirstOrThrow();
  const divisionCode = attrs.divisionCode ?? purchaser.divisionCode;
  const createdBy =
    attrs.createdBy ?? (await buildUser(t, { role: 'purchaser', organizationId: attrs.purchaserId })).id;
  const signed = SIGNED.includes(attrs.status) && Boolean(attrs.agencyId);
  const budgetFen = attrs.budgetFen ?? 50_000_000;
  const contractAmountFen = signed ? (attrs.contractAmountFen ?? 45_000_000) : null;
  const periodFrom = attrs.periodFrom ?? '2026-01-01';
  const periodTo = attrs.periodTo ?? '2026-12-31';
  counter += 1;
  const code = `T-${process.pid}-${String(counter).padStart(4, '0')}`;
  const title = attrs.title ?? `测试项目 ${code}`;
  const row = await db
    .insertInto('projects')
    .values({
      code,
      title,
      purchaserId: attrs.purchaserId,
      divisionCode,
      fundingSource: 'town_budget',
      budgetFen,
      contractAmountFen,
      procurementMethod: 'public_tender',
      periodFrom,
      periodTo,
      agencyId: attrs.agencyId ?? null,
      leadWorkerId: null,
      status: attrs.status,
      statusReason: null,
      finalGrade: null,
      search: `${code} ${title}`,
      createdBy,
      createdAt: now,
      updatedAt: now,
    })
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
  await db
    .insertInto('projectDivisions')
    .values((attrs.serviceDivisionCodes ?? [divisionCode]).map((code) => ({ projectId: row.id, divisionCode: code })))
    .execute();
  if (signed && attrs.contract !== false && contractAmountFen !== null)
    await db
      .insertInto('contracts')
      .values({
        projectId: row.id,
        bidId: null,
        agencyId: attrs.agencyId!,
        amountFen: contractAmountFen,
        termFrom: periodFrom,
        termTo: periodTo,
        signedOn: periodFrom,
        publishedAt: now,
      })
      .execute();
  return { id: row.id, code, divisionCode, version: row.version };
}
