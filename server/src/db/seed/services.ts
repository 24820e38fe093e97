import { type Kysely, sql } from 'kysely';
import { rebuildMonthTotals } from '../../modules/services/delivery.repository';
import { encrypt, maskMobile, type PiiKeys, protectIdentity } from '../../platform/pii';
import type { DB } from '../schema';
import {
  generateServices,
  type ServiceSeed,
  type ServiceSeedInput,
  type ServiceSeedProject,
} from './services-generator';

/**
 * Writes the demo's service delivery (services-generator.ts) into a database that already holds the demo registry
 * and projects: reads the ids the generator needs (agencies serving the projects in service or completed, their
 * workers, the projects with their teams, indicators and latest progress report, the demo accounts), generates, and
 * inserts everything in one transaction with multi-row inserts. Identifiers pass through the PII helper exactly as
 * beneficiary.service createBeneficiary stores them; the case number counters continue after the codes used.
 */
export interface SeedServicesOptions {
  now: Date;
  seed: number;
  pii: PiiKeys;
  /** The demo organizations by demo.ts key: the agency of demo-agency, demo-worker and demo-supervisor is 'agency-zumiao'. */
  organizations: ReadonlyMap<string, string>;
  /** Password hash of the social-worker accounts the generator adds for case workers and supervisors. */
  accountPasswordHash: string;
  workerUsername?: string;
  supervisorUsername?: string;
  /** Sizes (defaults: the generator's). */
  counts?: Pick<ServiceSeedInput, 'beneficiaries' | 'cases' | 'groups' | 'activities' | 'records'>;
  chunkSize?: number;
}

async function inChunks<T>(rows: readonly T[], size: number, write: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

const DELIVERED = ['in_service', 'final_review', 'closed'] as const;

/** What the generator needs, read from the database in a stable order (names, certificate numbers, codes). */
export async function loadServiceSeedInput(db: Kysely<DB>, options: SeedServicesOptions): Promise<ServiceSeedInput> {
  const agencyId = options.organizations.get('agency-zumiao');
  if (!agencyId) throw new Error("seedServices: no demo organization 'agency-zumiao'");
  const workerUsername = options.workerUsername ?? 'demo-worker';
  const supervisorUsername = options.supervisorUsername ?? 'demo-supervisor';
  const [divisions, terms, agencies, areas, projects, demoAccounts, counters] = await Promise.all([
    db.selectFrom('divisions').select(['code', 'parentCode', 'name', 'level']).orderBy('code').execute(),
    db
      .selectFrom('taxonomyTerms')
      .select('code')
      .where('scheme', '=', 'beneficiary_category')
      .where('active', '=', true)
      .orderBy('sortOrder')
      .orderBy('code')
      .execute(),
    db
      .selectFrom('organizations')
      .select(['id', 'name'])
      .where('kind', '=', 'agency')
      .where('status', '=', 'active')
      .orderBy('name')
      .execute(),
    db
      .selectFrom('organizationServiceDivisions')
      .select(['organizationId', 'divisionCode'])
      .orderBy('divisionCode')
      .execute(),
    db
      .selectFrom('projects')
      .select(['id', 'code', 'title', 'status', 'agencyId', 'periodFrom', 'periodTo', 'targetGroups'])
      .select((eb) =>
        eb
          .selectFrom('progressReports')
          .select((r) => r.fn.max('progressReports.periodEnd').as('last'))
          .whereRef('progressReports.projectId', '=', 'projects.id')
          .as('reportedThrough'),
      )
      .where('status', 'in', [...DELIVERED])
      .where('agencyId', 'is not', null)
      .orderBy('code')
      .execute(),
    db
      .selectFrom('users')
      .innerJoin('workers', 'workers.userId', 'users.id')
      .select(['users.username', 'workers.id as workerId'])
      .where('users.username', 'in', [workerUsername, supervisorUsername])
      .execute(),
    db.selectFrom('caseCodeCounters').select(['year', 'last']).execute(),
  ]);
  const projectIds = projects.map((p) => p.id);
  const agencyIds = [...new Set(projects.map((p) => p.agencyId!)), agencyId];
  const [projectDivisions, team, indicators, workers] = await Promise.all([
    projectIds.length === 0
      ? []
      : db
          .selectFrom('projectDivisions')
          .select(['projectId', 'divisionCode'])
          .where('projectId', 'in', projectIds)
          .orderBy('divisionCode')
          .execute(),
    projectIds.length === 0
      ? []
      : db
          .selectFrom('projectTeam')
          .select(['projectId', 'workerId', 'role'])
          .where('projectId', 'in', projectIds)
          .orderBy('role')
          .orderBy('workerId')
          .execute(),
    projectIds.length === 0
      ? []
      : db
          .selectFrom('indicators')
          .select(['id', 'projectId', 'kind', 'target'])
          .where('projectId', 'in', projectIds)
          .orderBy('sort')
          .orderBy('createdAt')
          .execute(),
    db
      .selectFrom('workers')
      .leftJoin('workerCredentials', 'workerCredentials.workerId', 'workers.id')
      .select([
        'workers.id',
        'workers.agencyId',
        'workers.name',
        'workers.credentialLevel',
        'workers.userId',
        'workerCredentials.certificateNo',
      ])
      .where('workers.agencyId', 'in', agencyIds)
      .orderBy('workerCredentials.certificateNo')
      .orderBy('workers.id')
      .execute(),
  ]);
  const demoWorker = demoAccounts.find((a) => a.username === workerUsername)?.workerId;
  const demoSupervisor = demoAccounts.find((a) => a.username === supervisorUsername)?.workerId;
  if (!demoWorker || !demoSupervisor)
    throw new Error(`seedServices: ${workerUsername} and ${supervisorUsername} must be linked to worker records`);
  const areaOf = new Map<string, string[]>();
  for (const a of areas) areaOf.set(a.organizationId, [...(areaOf.get(a.organizationId) ?? []), a.divisionCode]);
  const seen = new Set<string>();
  const seedProjects: ServiceSeedProject[] = projects.map((p) => ({
    id: p.id,
    code: p.code,
    title: p.title,
    status: p.status,
    agencyId: p.agencyId,
    periodFrom: p.periodFrom,
    periodTo: p.periodTo,
    divisionCodes: projectDivisions.filter((d) => d.projectId === p.id).map((d) => d.divisionCode),
    targetGroups: p.targetGroups,
    // The lead first ('lead' sorts before 'member').
    teamWorkerIds: team.filter((t) => t.projectId === p.id).map((t) => t.workerId),
    indicators: indicators
      .filter((i) => i.projectId === p.id)
      .map((i) => ({ id: i.id, kind: i.kind, target: Number(i.target) })),
    reportedThrough: p.reportedThrough ?? null,
  }));
  return {
    seed: options.seed,
    today: options.now,
    divisions,
    categories: terms.map((t) => t.code),
    agencies: agencies.map((a) => ({ id: a.id, name: a.name, serviceDivisionCodes: areaOf.get(a.id) ?? [] })),
    workers: workers.flatMap((w) => {
      if (seen.has(w.id) || !w.agencyId) return [];
      seen.add(w.id);
      return [
        {
          id: w.id,
          agencyId: w.agencyId,
          name: w.name,
          credentialLevel: w.credentialLevel,
          userId: w.userId,
          certificateNo: w.certificateNo,
        },
      ];
    }),
    projects: seedProjects,
    demo: { agencyId, workerId: demoWorker, supervisorWorkerId: demoSupervisor },
    caseCounters: counters,
    ...options.counts,
  };
}

/** Inserts generated service rows, parents before children, in one transaction. */
export async function writeServiceSeed(
  db: Kysely<DB>,
  rows: ServiceSeed,
  options: { pii: PiiKeys; now: Date; accountPasswordHash: string; chunkSize?: number },
): Promise<void> {
  const { pii, now } = options;
  const size = options.chunkSize ?? 500;
  // Encrypted, indexed and masked as beneficiary.service createBeneficiary stores them (same helper, same fields).
  const beneficiaries = rows.beneficiaries.map(({ idNumber, mobile, address, guardian, ...b }) => ({
    ...b,
    ...protectIdentity(pii, 'beneficiary', idNumber, mobile),
    addressEnc: address ? encrypt(pii, 'beneficiary.address', address) : null,
    guardianName: guardian?.name ?? null,
    guardianRelation: guardian?.relation ?? null,
    guardianMobileEnc: guardian ? encrypt(pii, 'beneficiary.guardianMobile', guardian.mobile) : null,
    guardianMobileMasked: guardian ? maskMobile(guardian.mobile) : null,
  }));
  await db.transaction().execute(async (trx) => {
    await inChunks(rows.accounts, size, (c) =>
      trx
        .insertInto('users')
        .values(
          c.map((a) => ({
            id: a.userId,
            username: a.username,
            displayName: a.displayName,
            passwordHash: options.accountPasswordHash,
            passwordChangedAt: now,
            createdAt: now,
            updatedAt: now,
          })),
        )
        .execute(),
    );
    await inChunks(rows.accounts, size, (c) =>
      trx
        .insertInto('memberships')
        .values(
          c.map((a) => ({
            userId: a.userId,
            organizationId: a.organizationId,
            role: 'social_worker' as const,
            createdAt: now,
          })),
        )
        .execute(),
    );
    // Link each account to its worker record (as an administrator links a worker's own account).
    await inChunks(rows.accounts, size, (c) =>
      sql`
        update workers set user_id = v.user_id::uuid
        from (values ${sql.join(c.map((a) => sql`(${a.workerId}, ${a.userId})`))}) as v(worker_id, user_id)
        where workers.id = v.worker_id::uuid`.execute(trx),
    );
    await inChunks(rows.households, size, (c) => trx.insertInto('households').values(c).execute());
    await inChunks(beneficiaries, size, (c) => trx.insertInto('beneficiaries').values(c).execute());
    // In order: the identity column orders each beneficiary's decisions (the latest per purpose is current).
    await inChunks(rows.consents, size, (c) => trx.insertInto('consents').values(c).execute());
    await inChunks(rows.cases, size, (c) => trx.insertInto('cases').values(c).execute());
    await inChunks(rows.caseRecords, size, (c) =>
      trx
        .insertInto('caseRecords')
        .values(c.map((r) => ({ ...r, content: JSON.stringify(r.content) })))
        .execute(),
    );
    await inChunks(rows.caseStageHistory, size, (c) => trx.insertInto('caseStageHistory').values(c).execute());
    // Codes issued from now on continue after the seeded ones (GA-2026-0213 after GA-2026-0212).
    for (const { year, last } of rows.caseCodeCounters)
      await trx
        .insertInto('caseCodeCounters')
        .values({ year, last })
        .onConflict((oc) => oc.column('year').doUpdateSet({ last: sql`greatest(case_code_counters.last, ${last})` }))
        .execute();
    await inChunks(rows.serviceGroups, size, (c) => trx.insertInto('serviceGroups').values(c).execute());
    await inChunks(rows.groupMembers, size, (c) => trx.insertInto('groupMembers').values(c).execute());
    await inChunks(rows.communityActivities, size, (c) => trx.insertInto('communityActivities').values(c).execute());
    await inChunks(rows.serviceRecords, size, (c) => trx.insertInto('serviceRecords').values(c).execute());
    await inChunks(rows.serviceRecordWorkers, size * 4, (c) =>
      trx.insertInto('serviceRecordWorkers').values(c).execute(),
    );
    await inChunks(rows.serviceRecordAttendees, size * 4, (c) =>
      trx.insertInto('serviceRecordAttendees').values(c).execute(),
    );
    await inChunks(rows.satisfactionSurveys, size, (c) => trx.insertInto('satisfactionSurveys').values(c).execute());
    await inChunks(rows.indicatorActuals, size, (c) => trx.insertInto('indicatorActuals').values(c).execute());
    // The dashboard's month totals move with the day rows; a bulk load rebuilds them from the day rows.
    await rebuildMonthTotals(trx, [...new Set(rows.indicatorActuals.map((a) => a.projectId))]);
  });
}

/** The demo's service delivery: read the registry's and projects' ids, generate, write. Answers the row counts. */
export async function seedServices(db: Kysely<DB>, options: SeedServicesOptions) {
  const input = await loadServiceSeedInput(db, options);
  const rows = generateServices(input);
  await writeServiceSeed(db, rows, options);
  return Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, (v as unknown[]).length]));
}
