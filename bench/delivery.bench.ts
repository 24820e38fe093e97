/*
 * Budget (issue: service delivery): the delivery dashboard — indicator actuals over 2,000,000 service records —
 * answers in < 200 ms at p95 on PostgreSQL. Run: `npm run bench -- delivery` (PostgreSQL: BENCH_DATABASE_URL, or a
 * throwaway local cluster).
 *
 * A district of 60 agencies and 150 projects across the 禅城 towns (2025–2026, five indicators each) gets 2,000,000
 * service records written in bulk by SQL; the per-day indicator rows that the services maintain record by record are
 * then built from them in one INSERT … SELECT … GROUP BY with the rule of indicator-credit.ts, and checked for 20
 * projects against a recount done by indicator-credit.ts itself. The real server then runs as a child process and
 * answers the dashboard for the bureau and for a town's purchaser, sequentially, next to GET /api/auth/me (session
 * lookup only) as the baseline of the same run.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { CamelCasePlugin, type CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { BENEFICIARY_CATEGORIES } from '../contracts/taxonomy';
import { prepareDatabase } from '../server/src/db/bootstrap';
import type { DB } from '../server/src/db/schema';
import { seedRegistry } from '../server/src/db/seed/registry';
import { generateRegistry } from '../server/src/db/seed/registry-generator';
import { loadReferenceDivisions } from '../server/src/modules/divisions/division.data';
import { hashPassword } from '../server/src/modules/identity/password';
import * as repo from '../server/src/modules/services/delivery.repository';
import {
  type Credit,
  caseOpenedCredits,
  type IndicatorRef,
  recordCredits,
  satisfactionRate,
  sumCredits,
} from '../server/src/modules/services/indicator-credit';
import { derivePiiKeys, protectIdentity } from '../server/src/platform/pii';
import { addDays, daysBetween, shanghaiDate } from '../server/src/platform/time';
import { httpLogin, startServer } from '../test/server-process';
import { freshDatabase, percentile } from './registry.bench';

/** BENCH_DELIVERY_RECORDS: a smaller volume for a quick trial of the bench itself (the budget is at 2,000,000). */
const RECORDS = Number(process.env.BENCH_DELIVERY_RECORDS ?? 2_000_000);
const PROJECTS = 150;
const AGENCIES = 60;
const CASES_PER_PROJECT = 60;
const GROUPS_PER_PROJECT = 4;
const ACTIVITIES_PER_PROJECT = 4;
const SURVEYS_PER_PROJECT = 20;
const PASSWORD = 'Bench#2026pw';
const DATABASE = 'shegong_bench_delivery';
const BUDGET_P95_MS = 200;

/** Small seeded PRNG (mulberry32): the reference data is the same on every run. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)) };
}

async function inChunks<T>(rows: readonly T[], size: number, write: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

/** Runs `work` over `items` with at most `width` at a time. */
async function pooled<T>(items: readonly T[], width: number, work: (item: T, index: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        await work(items[i]!, i);
      }
    }),
  );
}

interface BenchProject {
  id: string;
  agencyId: string;
  managerUserId: string;
  divisionCode: string;
  periodFrom: string;
  periodTo: string;
  /** Last day records can be held on: the end of the period, or today. */
  lastDay: string;
  inService: boolean;
  indicators: Record<'cases' | 'groups' | 'activities' | 'contacts' | 'satisfaction', string>;
  workerIds: string[];
  caseIds: string[];
  caseWorkerIds: string[];
  caseBeneficiaryIds: string[];
  beneficiaryIds: string[];
  groupIds: string[];
  activityIds: string[];
  records: number;
}

/** Agencies, workers, purchasers, projects with indicators, beneficiaries, cases, groups, activities, surveys. */
async function seedDistrict(db: Kysely<DB>, pii: ReturnType<typeof derivePiiKeys>, now: Date, passwordHash: string) {
  const today = shanghaiDate(now);
  const divisions = loadReferenceDivisions();
  const towns = divisions.filter((d) => d.level === 'street').map((d) => d.code);
  const communitiesOf = new Map(
    towns.map((t) => [t, divisions.filter((d) => d.level === 'community' && d.parentCode === t).map((d) => d.code)]),
  );
  const rng = prng(20_261_129);

  // The registry generator and writer the demo and the registry bench use: purchasers with accounts, 60 agencies,
  // 1,500 workers. Its residents become the beneficiaries (written below with the beneficiary PII fields).
  const registry = generateRegistry({
    seed: 29,
    today: now,
    divisions,
    purchasers: 40,
    agencies: AGENCIES,
    workers: 1500,
    volunteers: 6000,
  });
  await seedRegistry(
    db,
    { ...registry, volunteers: [] },
    { pii, now, accountPasswordHash: passwordHash, summaryOnly: true, chunkSize: 1000 },
  );

  const orgs = await db.selectFrom('organizations').select(['id', 'name', 'kind', 'divisionCode']).execute();
  const orgId = new Map(orgs.map((o) => [`${o.kind}|${o.name}`, o.id]));
  const workers = await db
    .selectFrom('workers')
    .select(['id', 'agencyId'])
    .where('agencyId', 'is not', null)
    .orderBy('id')
    .execute();
  const workersOf = new Map<string, string[]>();
  for (const w of workers) workersOf.set(w.agencyId!, [...(workersOf.get(w.agencyId!) ?? []), w.id]);

  // The bureau (whole district) with its admin; one agency manager account per agency (they create the records).
  const bureau = await db
    .insertInto('organizations')
    .values({ name: '禅城区民政局', kind: 'bureau', divisionCode: '440604', createdAt: now, updatedAt: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const newUser = async (
    username: string,
    displayName: string,
    organizationId: string,
    role: 'bureau_admin' | 'agency_manager',
  ) => {
    const { id } = await db
      .insertInto('users')
      .values({ username, displayName, passwordHash, passwordChangedAt: now, createdAt: now, updatedAt: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('memberships').values({ userId: id, organizationId, role, createdAt: now }).execute();
    return id;
  };
  await newUser('bench-bureau', '区民政局管理员（压测）', bureau.id, 'bureau_admin');
  const agencies = registry.agencies
    .map((a) => ({ ...a, id: orgId.get(`agency|${a.name}`)! }))
    .filter((a) => a.status === 'active' && (workersOf.get(a.id)?.length ?? 0) >= 2);
  const managerOf = new Map<string, string>();
  for (const [i, a] of agencies.entries())
    managerOf.set(a.id, await newUser(`bench-mgr-${i}`, `机构主任 ${i}（压测）`, a.id, 'agency_manager'));

  // The purchaser who signs in for "one town": a street office of 祖庙.
  const townPurchaser = registry.purchasers.find((p) => p.level === 'street' && p.divisionCode === '440604012');
  if (!townPurchaser) throw new Error('the generated registry has no 祖庙 purchaser');
  const purchaserUser = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', townPurchaser.accountUsername)
    .executeTakeFirstOrThrow();

  // Beneficiaries (FK targets of visits and cases), each the head of their own household.
  const beneficiaries: Array<{ id: string; town: string }> = [];
  await inChunks(registry.volunteers, 500, async (chunk) => {
    const households = chunk.map((v) => ({ id: randomUUID(), divisionCode: v.divisionCode, createdAt: now }));
    await db.insertInto('households').values(households).execute();
    const rows = chunk.map((v, i) => ({
      id: randomUUID(),
      name: v.name,
      gender: v.gender,
      birthDate: v.birthDate,
      ...protectIdentity(pii, 'beneficiary', v.idNumber, v.mobile),
      divisionCode: v.divisionCode,
      categories: [BENEFICIARY_CATEGORIES[rng.int(0, BENEFICIARY_CATEGORIES.length - 1)]!.code],
      householdId: households[i]!.id,
      householdRelation: 'self' as const,
      createdBy: purchaserUser.id,
      createdAt: now,
      updatedAt: now,
    }));
    await db.insertInto('beneficiaries').values(rows).execute();
    for (const r of rows) beneficiaries.push({ id: r.id, town: r.divisionCode.slice(0, 9) });
  });
  const beneficiariesOf = new Map(towns.map((t) => [t, beneficiaries.filter((b) => b.town === t).map((b) => b.id)]));

  // 150 projects of one year each, starting every quarter from 2025-01 to 2026-01, spread over the towns.
  const starts = ['2025-01-01', '2025-04-01', '2025-07-01', '2025-10-01', '2026-01-01'];
  const projects: BenchProject[] = [];
  let caseNo = 0;
  for (let i = 0; i < PROJECTS; i++) {
    const town = towns[i % towns.length]!;
    const communities = communitiesOf.get(town)!;
    const divisionCode = i % 3 === 0 ? town : communities[rng.int(0, communities.length - 1)]!;
    const serving = agencies.filter((a) => a.serviceDivisionCodes.some((c) => c === town || c === '440604'));
    const agency = (serving.length > 0 ? serving : agencies)[i % (serving.length || agencies.length)]!;
    const purchasers = registry.purchasers.filter((p) => p.divisionCode === town);
    const purchaser = purchasers.length > 0 ? purchasers[i % purchasers.length]! : registry.purchasers[0]!;
    const periodFrom = starts[i % starts.length]!;
    const periodTo = addDays(`${Number(periodFrom.slice(0, 4)) + 1}${periodFrom.slice(4)}`, -1);
    const ended = periodTo < today;
    const status = !ended ? 'in_service' : daysBetween(periodTo, today) < 60 ? 'final_review' : 'closed';
    const agencyWorkers = workersOf.get(agency.id)!;
    const manager = managerOf.get(agency.id)!;
    const { id } = await db
      .insertInto('projects')
      .values({
        code: `BENCH-${periodFrom.slice(0, 4)}-${String(i + 1).padStart(4, '0')}`,
        title: `${town === '440604012' ? '祖庙' : town === '440604010' ? '石湾' : town === '440604011' ? '张槎' : '南庄'}社区综合服务项目 ${i + 1}（压测）`,
        purchaserId: orgId.get(`purchaser|${purchaser.name}`)!,
        divisionCode,
        fundingSource: 'district_budget',
        budgetFen: 50_000_000 + rng.int(0, 100) * 1_000_000,
        targetGroups: ['elderly'],
        procurementMethod: 'public_tender',
        periodFrom,
        periodTo,
        agencyId: agency.id,
        leadWorkerId: agencyWorkers[0]!,
        status,
        statusReason: null,
        finalGrade: null,
        createdBy: purchaserUser.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const kinds = ['cases', 'groups', 'activities', 'contacts', 'satisfaction'] as const;
    const targets = { cases: 60, groups: 40, activities: 30, contacts: 20_000, satisfaction: 90 };
    const names = {
      cases: '个案服务',
      groups: '小组工作',
      activities: '社区活动',
      contacts: '服务人次',
      satisfaction: '满意度',
    };
    const inserted = await db
      .insertInto('indicators')
      .values(
        kinds.map((kind, sort) => ({
          projectId: id,
          kind,
          name: names[kind],
          unit: kind === 'satisfaction' ? '%' : kind === 'contacts' ? '人次' : '个',
          target: targets[kind],
          sort,
          createdAt: now,
        })),
      )
      .returning(['id', 'kind'])
      .execute();
    const indicators = Object.fromEntries(inserted.map((r) => [r.kind, r.id])) as BenchProject['indicators'];
    const lastDay = ended ? periodTo : today;
    const days = daysBetween(periodFrom, lastDay) + 1;
    const townBeneficiaries = beneficiariesOf.get(town)!;

    // Cases opened evenly over the period (a session is only drawn among the cases already open on its day).
    const cases = Array.from({ length: CASES_PER_PROJECT }, (_, j) => {
      const w = rng.int(0, agencyWorkers.length - 1);
      return {
        id: randomUUID(),
        code: `BENCH-${String(++caseNo).padStart(6, '0')}`,
        beneficiaryId: townBeneficiaries[rng.int(0, townBeneficiaries.length - 1)]!,
        agencyId: agency.id,
        projectId: id,
        workerId: agencyWorkers[w]!,
        supervisorWorkerId: agencyWorkers[(w + 1) % agencyWorkers.length]!,
        stage: ended ? ('closed' as const) : ('intervention' as const),
        stageEnteredAt: now,
        intakeSource: 'outreach' as const,
        openedOn: addDays(periodFrom, Math.floor((j / CASES_PER_PROJECT) * days)),
        closedOn: ended ? periodTo : null,
        closingReason: ended ? ('goals_met' as const) : null,
        createdBy: manager,
        createdAt: now,
        updatedAt: now,
      };
    });
    await db.insertInto('cases').values(cases).execute();
    const groups = await db
      .insertInto('serviceGroups')
      .values(
        Array.from({ length: GROUPS_PER_PROJECT }, (_, j) => ({
          agencyId: agency.id,
          projectId: id,
          name: `互助小组 ${j + 1}`,
          groupType: (['education', 'growth', 'support', 'therapy'] as const)[j % 4]!,
          plannedSessions: 12,
          divisionCode,
          leaderWorkerId: agencyWorkers[j % agencyWorkers.length]!,
          createdBy: manager,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .returning('id')
      .execute();
    const activities = await db
      .insertInto('communityActivities')
      .values(
        Array.from({ length: ACTIVITIES_PER_PROJECT }, (_, j) => ({
          agencyId: agency.id,
          projectId: id,
          name: `社区活动 ${j + 1}`,
          divisionCode,
          leadWorkerId: agencyWorkers[j % agencyWorkers.length]!,
          createdBy: manager,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .returning('id')
      .execute();
    await db
      .insertInto('satisfactionSurveys')
      .values(
        Array.from({ length: SURVEYS_PER_PROJECT }, () => {
          const r = rng.next();
          return {
            projectId: id,
            agencyId: agency.id,
            recordId: null,
            score: r < 0.5 ? 5 : r < 0.8 ? 4 : r < 0.92 ? 3 : r < 0.97 ? 2 : 1,
            surveyedOn: addDays(periodFrom, rng.int(0, days - 1)),
            recordedBy: manager,
            recordedAt: now,
          };
        }),
      )
      .execute();
    projects.push({
      id,
      agencyId: agency.id,
      managerUserId: manager,
      divisionCode,
      periodFrom,
      periodTo,
      lastDay,
      inService: status === 'in_service',
      indicators,
      workerIds: agencyWorkers,
      caseIds: cases.map((c) => c.id),
      caseWorkerIds: cases.map((c) => c.workerId),
      caseBeneficiaryIds: cases.map((c) => c.beneficiaryId),
      beneficiaryIds: townBeneficiaries,
      groupIds: groups.map((g) => g.id),
      activityIds: activities.map((a) => a.id),
      records: 0,
    });
  }
  // Records per project: in proportion to the days delivered so far, projects of different sizes (0.6–1.4×).
  const weights = projects.map((p) => (daysBetween(p.periodFrom, p.lastDay) + 1) * (0.6 + 0.8 * rng.next()));
  const total = weights.reduce((a, b) => a + b, 0);
  let given = 0;
  for (const [i, p] of projects.entries()) {
    p.records = i === projects.length - 1 ? RECORDS - given : Math.round((weights[i]! / total) * RECORDS);
    given += p.records;
  }
  return {
    projects,
    townPurchaser: townPurchaser.accountUsername,
    agencies: registry.agencies.length,
    delivering: agencies.length,
    towns,
  };
}

/**
 * One project's service records and their workers, in one statement: 35 % case sessions (by the case's worker),
 * 30 % visits, 20 % group sessions, 15 % activity sessions; 2 % voided, and for projects still in service 0.5 %
 * scheduled in the next two weeks.
 */
function insertProjectRecords(db: Kysely<DB>, p: BenchProject, today: string) {
  const days = daysBetween(p.periodFrom, p.lastDay) + 1;
  const uuids = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;
  return sql`
    with src as (
      select g, random() as rk, random() as rs, random() as rd, random() as rp, random() as rn
      from generate_series(1, ${p.records}::int) g
    ), picked as (
      select g, rn,
        case when rk < 0.35 then 'case_session' when rk < 0.65 then 'visit' when rk < 0.85 then 'group_session'
             else 'activity' end as kind,
        case when rs < 0.02 then 'voided' when ${p.inService}::boolean and rs < 0.025 then 'scheduled'
             else 'completed' end as status,
        ${p.periodFrom}::date + floor(rd * ${days}::int)::int as day,
        1 + floor(rp * greatest(1, ceil(rd * ${p.caseIds.length}::int)))::int as ci,
        1 + floor(rp * ${p.beneficiaryIds.length}::int)::int as bi,
        1 + floor(rp * ${p.groupIds.length}::int)::int as gi,
        1 + floor(rp * ${p.activityIds.length}::int)::int as ai
      from src
    ), ins as (
      insert into service_records (agency_id, project_id, indicator_id, kind, status, case_id, group_id, activity_id,
        beneficiary_id, division_code, scheduled_at, held_on, duration_minutes, participant_count, location, content,
        outcome, created_by, completed_by, completed_at, voided_by, voided_at, void_reason, created_at, updated_at)
      select ${p.agencyId}::uuid, ${p.id}::uuid,
        case when status = 'scheduled' then null when kind = 'group_session' then ${p.indicators.groups}::uuid
             when kind = 'activity' then ${p.indicators.activities}::uuid end,
        kind, status,
        case when kind = 'case_session' then (${uuids(p.caseIds)})[ci] end,
        case when kind = 'group_session' then (${uuids(p.groupIds)})[gi] end,
        case when kind = 'activity' then (${uuids(p.activityIds)})[ai] end,
        case when kind = 'case_session' then (${uuids(p.caseBeneficiaryIds)})[ci]
             when kind = 'visit' then (${uuids(p.beneficiaryIds)})[bi] end,
        ${p.divisionCode},
        case when status = 'scheduled'
             then (${today}::date + 1 + floor(rn * 14)::int + time '09:30') at time zone 'Asia/Shanghai' end,
        case when status <> 'scheduled' then day end,
        case when status <> 'scheduled' then 30 + floor(rn * 91)::int end,
        case when status = 'scheduled' then 0 when kind = 'group_session' then 3 + floor(rn * 10)::int
             when kind = 'activity' then 10 + floor(rn * rn * 191)::int else 1 end,
        case when kind = 'visit' then '服务对象家中' else '社区服务站' end,
        case when status = 'scheduled' then ''
             else '按服务计划开展服务，了解服务对象近况，记录需求变化与服务成效。' || g end,
        case when status = 'scheduled' then '' else '服务对象情绪稳定，按计划跟进。' end,
        ${p.managerUserId}::uuid,
        case when status <> 'scheduled' then ${p.managerUserId}::uuid end,
        case when status <> 'scheduled' then (day + time '18:00') at time zone 'Asia/Shanghai' end,
        case when status = 'voided' then ${p.managerUserId}::uuid end,
        case when status = 'voided' then (day + 1 + time '10:00') at time zone 'Asia/Shanghai' end,
        case when status = 'voided' then '重复登记' end,
        case when status = 'scheduled' then now() else (day + time '18:00') at time zone 'Asia/Shanghai' end,
        case when status = 'voided' then (day + 1 + time '10:00') at time zone 'Asia/Shanghai'
             when status = 'scheduled' then now() else (day + time '18:00') at time zone 'Asia/Shanghai' end
      from picked
      returning id, kind, case_id
    )
    insert into service_record_workers (record_id, worker_id)
    select ins.id, coalesce(c.worker_id,
             (${uuids(p.workerIds)})[1 + abs(hashtext(ins.id::text)::bigint) % ${p.workerIds.length}::int])
    from ins left join cases c on c.id = ins.case_id
    union all
    select ins.id, (${uuids(p.workerIds)})[1 + (abs(hashtext(ins.id::text)::bigint) + 1) % ${p.workerIds.length}::int]
    from ins where ins.kind in ('group_session', 'activity')
  `.execute(db);
}

/**
 * The day rows of indicator_actuals (source 'service_record') that the services would have written record by record,
 * built at once with the rule of indicator-credit.ts: a completed record adds 1 to its count indicator and its
 * participant count to every 服务人次 indicator of its project on the day it was held; a case opened under a project
 * adds 1 to its 个案 indicators on the day it was opened; a voided record took back what it added (so it adds
 * nothing here); the satisfaction indicator holds, per survey day, the share of surveys scoring 4 or 5 so far.
 */
async function buildDayRows(db: Kysely<DB>) {
  await sql`
    insert into indicator_actuals (indicator_id, project_id, source, report_id, period_end, value, evidence,
      recorded_at)
    select indicator_id, project_id, 'service_record', null, day, sum(v), '', now()
    from (
      select r.indicator_id, r.project_id, r.held_on as day, 1 as v
      from service_records r
      where r.status = 'completed' and r.project_id is not null and r.indicator_id is not null
      union all
      select i.id, r.project_id, r.held_on, r.participant_count
      from service_records r join indicators i on i.project_id = r.project_id and i.kind = 'contacts'
      where r.status = 'completed' and r.participant_count > 0
      union all
      select i.id, c.project_id, c.opened_on, 1
      from cases c join indicators i on i.project_id = c.project_id and i.kind = 'cases'
    ) credits
    group by indicator_id, project_id, day
  `.execute(db);
  // Math.round of satisfactionRate is floor(x + 0.5) on the same double-precision quotient.
  await sql`
    insert into indicator_actuals (indicator_id, project_id, source, report_id, period_end, value, evidence,
      recorded_at)
    select i.id, s.project_id, 'service_record', null, s.day,
      floor(s.satisfied::float8 / s.n * 10000 + 0.5) / 100, '', now()
    from (
      select distinct project_id, surveyed_on as day,
        count(*) filter (where score >= 4) over w as satisfied, count(*) over w as n
      from satisfaction_surveys
      window w as (partition by project_id order by surveyed_on range between unbounded preceding and current row)
    ) s join indicators i on i.project_id = s.project_id and i.kind = 'satisfaction'
  `.execute(db);
}

/** Recounts projects' day rows from their records, cases and surveys with indicator-credit.ts; lists differences. */
async function verifyDayRows(db: Kysely<DB>, projectIds: readonly string[]) {
  const problems: string[] = [];
  let rows = 0;
  let records = 0;
  for (const projectId of projectIds) {
    const indicators: IndicatorRef[] = await db
      .selectFrom('indicators')
      .select(['id', 'kind'])
      .where('projectId', '=', projectId)
      .execute();
    const completed = await db
      .selectFrom('serviceRecords')
      .select(['heldOn', 'participantCount', 'indicatorId'])
      .where('projectId', '=', projectId)
      .where('status', '=', 'completed')
      .execute();
    records += completed.length;
    const cases = await db.selectFrom('cases').select('openedOn').where('projectId', '=', projectId).execute();
    const surveys = await db
      .selectFrom('satisfactionSurveys')
      .select(['surveyedOn', 'score'])
      .where('projectId', '=', projectId)
      .execute();
    const credits: Credit[] = [
      ...completed.flatMap((r) =>
        recordCredits(
          { heldOn: r.heldOn!, participantCount: r.participantCount, countIndicatorId: r.indicatorId },
          indicators,
        ),
      ),
      ...cases.flatMap((c) => caseOpenedCredits(c.openedOn, indicators)),
    ];
    // Rates are set, not added: one value per survey day.
    const rates: Credit[] = [];
    for (const day of new Set(surveys.map((s) => s.surveyedOn))) {
      const rate = satisfactionRate(surveys.filter((s) => s.surveyedOn <= day).map((s) => s.score));
      for (const i of indicators.filter((x) => x.kind === 'satisfaction'))
        if (rate !== null) rates.push({ indicatorId: i.id, periodEnd: day, value: rate });
    }
    const expected = new Map<string, number>(
      [...sumCredits(credits), ...rates].map((c) => [`${c.indicatorId}|${c.periodEnd}`, c.value] as const),
    );
    const actual = await db
      .selectFrom('indicatorActuals')
      .select(['indicatorId', 'periodEnd', 'value'])
      .where('projectId', '=', projectId)
      .where('source', '=', 'service_record')
      .execute();
    rows += actual.length;
    const seen = new Set<string>();
    for (const a of actual) {
      const key = `${a.indicatorId}|${a.periodEnd}`;
      seen.add(key);
      const want = expected.get(key) ?? 0;
      if (Math.abs(Number(a.value) - want) > 0.001) problems.push(`${key}: day row ${a.value}, recount ${want}`);
    }
    for (const [key, want] of expected)
      if (!seen.has(key) && want !== 0) problems.push(`${key}: no day row, recount ${want}`);
  }
  return { projects: projectIds.length, rows, records, problems };
}

/** The SQL the three repository queries send for a scope and period (captured, not copied). */
async function captureDashboardSql(url: string, scope: repo.DashboardScope, from: string, to: string) {
  const captured: CompiledQuery[] = [];
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new CamelCasePlugin()],
    log: (event) => {
      if (event.level === 'query') captured.push(event.query);
    },
  });
  await repo.deliveryTotals(db, scope, from, to);
  await repo.projectStandings(db, scope, from, to);
  await db.destroy();
  return captured;
}

async function timed<T>(work: () => Promise<T>) {
  const t0 = performance.now();
  const result = await work();
  return { result, ms: performance.now() - t0 };
}

export async function run(adminUrl: string) {
  const db = await freshDatabase(adminUrl, DATABASE);
  const dbUrl = new URL(adminUrl);
  dbUrl.pathname = `/${DATABASE}`;
  const url = dbUrl.toString();
  const piiMasterKey = randomBytes(32);
  const pii = derivePiiKeys(piiMasterKey);
  const hashing = { memoryCost: 1024, timeCost: 1, parallelism: 1 };
  const now = new Date();
  const today = shanghaiDate(now);
  await prepareDatabase(db, { seedDemo: false, passwordHashing: hashing, piiMasterKey }, now);

  // ---- load --------------------------------------------------------------------------------------------------------
  const load: Record<string, number> = {};
  let t0 = performance.now();
  const district = await seedDistrict(db, pii, now, await hashPassword(PASSWORD, hashing));
  load.reference = (performance.now() - t0) / 1000;
  t0 = performance.now();
  let done = 0;
  await pooled(district.projects, 2, async (p) => {
    await insertProjectRecords(db, p, today);
    done += p.records;
    if (process.stdout.isTTY) process.stdout.write(`\r  service records: ${done.toLocaleString('en')}   `);
  });
  if (process.stdout.isTTY) process.stdout.write('\n');
  load.records = (performance.now() - t0) / 1000;
  t0 = performance.now();
  await buildDayRows(db);
  // The month totals the services keep beside the day rows, built from them as the seed does.
  await repo.rebuildMonthTotals(
    db,
    district.projects.map((p) => p.id),
  );
  load.dayRows = (performance.now() - t0) / 1000;
  t0 = performance.now();
  // VACUUM as autovacuum would after a load (visibility map for index-only scans), then planner statistics.
  await sql`vacuum analyze`.execute(db);
  load.analyze = (performance.now() - t0) / 1000;
  const counts = await sql<{ records: string; workers: string; dayRows: string; size: string }>`
    select (select count(*) from service_records) as records,
           (select count(*) from service_record_workers) as workers,
           (select count(*) from indicator_actuals where source = 'service_record') as "dayRows",
           pg_size_pretty(pg_total_relation_size('service_records')) as size
  `.execute(db);
  const volume = counts.rows[0]!;

  // ---- verification ------------------------------------------------------------------------------------------------
  const sample = district.projects.filter((_, i) => i % 7 === 3).slice(0, 20);
  const verification = await verifyDayRows(
    db,
    sample.map((p) => p.id),
  );
  if (verification.problems.length > 0)
    throw new Error(
      `day rows differ from the recount by indicator-credit.ts (${verification.problems.length}):\n${verification.problems.slice(0, 20).join('\n')}`,
    );

  // ---- the naive query: counting the records themselves --------------------------------------------------------
  const naive: number[] = [];
  for (let i = 0; i < 2; i++) {
    const { ms } = await timed(() =>
      sql`
        select to_char(r.held_on, 'YYYY-MM') as month, r.kind, count(*) as records,
               sum(r.participant_count) as contacts
        from service_records r join projects p on p.id = r.project_id
        where r.status = 'completed' and p.division_code like '440604%'
          and r.held_on between ${'2025-01-01'}::date and ${today}::date
        group by 1, 2 order by 1, 2
      `.execute(db),
    );
    naive.push(ms);
  }

  // ---- the three repository queries, district-wide over the whole range, in the database --------------------
  const statements = await captureDashboardSql(
    url,
    { divisionPrefixes: ['440604'], agencyIds: [] },
    '2025-01-01',
    today,
  );
  const explained: Array<{ ms: number; plan: string }> = [];
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  for (const s of statements) {
    const plan = await client.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${s.sql}`, [...s.parameters]);
    const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
    explained.push({ ms: Number(/Execution Time: ([\d.]+)/.exec(text)?.[1] ?? Number.NaN), plan: text });
  }
  await client.end();
  await db.destroy();

  // ---- the real server ---------------------------------------------------------------------------------------------
  const measured = await measureDashboard(url, district.townPurchaser, piiMasterKey, today);
  return {
    load,
    volume: {
      records: Number(volume.records),
      workers: Number(volume.workers),
      dayRows: Number(volume.dayRows),
      size: volume.size,
      projects: district.projects.length,
      agencies: district.agencies,
      delivering: district.delivering,
    },
    verification: { ...verification, problems: verification.problems.length },
    naive,
    explained,
    ...measured,
    budget: BUDGET_P95_MS,
  };
}

/**
 * The real server as a child process against a loaded database: the dashboard for the bureau and for the 祖庙
 * purchaser (default period, since 2025-01-01, one town), and GET /api/auth/me as the baseline, 200 rounds.
 */
export async function measureDashboard(url: string, townPurchaser: string, piiMasterKey: Buffer, today: string) {
  const server = await startServer({
    DATABASE_URL: url,
    PII_KEY: piiMasterKey.toString('base64'),
    SEED_DEMO: 'false',
    NODE_ENV: 'development',
  });
  try {
    const bureau = await httpLogin(server.url, 'bench-bureau', PASSWORD);
    const purchaser = await httpLogin(server.url, townPurchaser, PASSWORD);
    const range = `from=2025-01-01&to=${today}`;
    const shapes = [
      { label: 'GET /api/auth/me (baseline: session lookup only)', path: '/api/auth/me', headers: bureau },
      { label: 'bureau, this year (default)', path: '/api/delivery/dashboard', headers: bureau },
      { label: `bureau, ${range.replace('&', ' ')}`, path: `/api/delivery/dashboard?${range}`, headers: bureau },
      {
        label: 'bureau, divisionCode=440604012 (祖庙)',
        path: '/api/delivery/dashboard?divisionCode=440604012',
        headers: bureau,
      },
      { label: '祖庙 purchaser, this year (default)', path: '/api/delivery/dashboard', headers: purchaser },
      {
        label: `祖庙 purchaser, ${range.replace('&', ' ')}`,
        path: `/api/delivery/dashboard?${range}`,
        headers: purchaser,
      },
      {
        label: '祖庙 purchaser, divisionCode=440604012',
        path: '/api/delivery/dashboard?divisionCode=440604012',
        headers: purchaser,
      },
    ];
    const get = async (path: string, headers: Record<string, string>) => {
      const started = performance.now();
      const res = await fetch(`${server.url}${path}`, { headers: { cookie: headers.cookie! } });
      const body = await res.text();
      const ms = performance.now() - started;
      if (res.status !== 200) throw new Error(`${path} → ${res.status} ${body}`);
      return { ms, body };
    };
    // What each answers (a sanity check that the figures are real), then warm-up.
    const answers = [];
    for (const s of shapes.slice(1)) {
      const d = JSON.parse((await get(s.path, s.headers)).body) as {
        from: string;
        to: string;
        totals: Record<string, number | null>;
        byMonth: unknown[];
        byTown: unknown[];
        projects: unknown[];
      };
      if (!(Number(d.totals.contacts) > 0) || d.projects.length === 0)
        throw new Error(`${s.label}: empty dashboard ${JSON.stringify(d.totals)}`);
      answers.push({
        label: s.label,
        months: d.byMonth.length,
        towns: d.byTown.length,
        projects: d.projects.length,
        totals: d.totals,
      });
    }
    for (let i = 0; i < 10; i++) for (const s of shapes) await get(s.path, s.headers);
    // 200 rounds, each shape once per round: machine noise falls on every shape alike.
    const latencies = shapes.map(() => [] as number[]);
    for (let round = 0; round < 200; round++)
      for (const [i, s] of shapes.entries()) latencies[i]!.push((await get(s.path, s.headers)).ms);
    const results = shapes.map((s, i) => {
      const sorted = latencies[i]!.sort((a, b) => a - b);
      return {
        label: s.label,
        n: sorted.length,
        p50: percentile(sorted, 0.5),
        p95: percentile(sorted, 0.95),
        max: sorted.at(-1)!,
      };
    });
    const dashboards = results.slice(1);
    return {
      baseline: results[0]!,
      dashboards,
      answers,
      worstP95: Math.max(...dashboards.map((d) => d.p95)),
    };
  } finally {
    await server.stop();
  }
}
