import { type Kysely, sql } from 'kysely';
import { DEFAULT_TEMPLATE_ID, syncDefaultEvaluationTemplate } from '../../modules/projects/evaluation-template.service';
import type { DB } from '../schema';
import {
  type DemoStreet,
  generateProjects,
  type ProjectSeed,
  type ProjectSeedInput,
  type SeedAgency,
  type SeedPurchaser,
} from './projects-generator';

/**
 * Writes the demo projects (projects-generator.ts) into a database that already holds the demo registry: reads
 * the ids the generator needs (purchasers and their accounts, agencies with their service areas and managers,
 * workers, the evaluator, the default evaluation template), generates, and inserts everything in one transaction
 * with multi-row inserts. The project number counters continue after the numbers used.
 */
export interface SeedProjectsOptions {
  now: Date;
  seed: number;
  /**
   * The demo organizations by demo.ts key: the street offices ('buyer-zumiao', 'buyer-shiwan', 'buyer-zhangcha',
   * 'buyer-nanzhuang'), the agency demo-agency manages ('agency-zumiao') and the evaluator ('evaluator').
   */
  organizations: ReadonlyMap<string, string>;
  /** The demo accounts whose work lists the projects fill. */
  evaluatorUsername?: string;
  workerUsername?: string;
  chunkSize?: number;
}

async function inChunks<T>(rows: readonly T[], size: number, write: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

function required(organizations: ReadonlyMap<string, string>, key: string): string {
  const id = organizations.get(key);
  if (!id) throw new Error(`seedProjects: no demo organization '${key}'`);
  return id;
}

/** What the generator needs, read from the database in a stable order (names, usernames, certificate numbers). */
export async function loadProjectSeedInput(db: Kysely<DB>, options: SeedProjectsOptions): Promise<ProjectSeedInput> {
  const orgs = options.organizations;
  await syncDefaultEvaluationTemplate(db, options.now);
  const [divisions, purchaserOrgs, memberships, agencyOrgs, serviceAreas, workers, template, criteria, accounts] =
    await Promise.all([
      db.selectFrom('divisions').select(['code', 'parentCode', 'name', 'level']).execute(),
      db
        .selectFrom('organizations')
        .select(['id', 'name', 'divisionCode', 'department'])
        .where('kind', '=', 'purchaser')
        .orderBy('name')
        .execute(),
      db
        .selectFrom('memberships')
        .innerJoin('users', 'users.id', 'memberships.userId')
        .select(['memberships.organizationId', 'memberships.role', 'users.id', 'users.username'])
        .where('memberships.role', 'in', ['purchaser', 'agency_manager'])
        .where('users.status', '=', 'active')
        .orderBy('users.username')
        .execute(),
      db
        .selectFrom('organizations')
        .select(['id', 'name', 'status', 'serviceFields'])
        .where('kind', '=', 'agency')
        .orderBy('name')
        .execute(),
      db
        .selectFrom('organizationServiceDivisions')
        .select(['organizationId', 'divisionCode'])
        .orderBy('divisionCode')
        .execute(),
      db
        .selectFrom('workers')
        .leftJoin('workerCredentials', 'workerCredentials.workerId', 'workers.id')
        .select(['workers.id', 'workers.agencyId', 'workers.credentialLevel', 'workers.specialties'])
        .select('workerCredentials.certificateNo')
        .where('workers.agencyId', 'is not', null)
        .orderBy('workerCredentials.certificateNo')
        .orderBy('workers.id')
        .execute(),
      db
        .selectFrom('evaluationTemplates')
        .select(['id', 'excellentFrom', 'goodFrom', 'passFrom'])
        .where('id', '=', DEFAULT_TEMPLATE_ID)
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('evaluationCriteria')
        .select(['id', 'dimension', 'name', 'weight'])
        .where('templateId', '=', DEFAULT_TEMPLATE_ID)
        .orderBy('sort')
        .execute(),
      db
        .selectFrom('users')
        .leftJoin('workers', 'workers.userId', 'users.id')
        .select(['users.id', 'users.username', 'workers.id as workerId'])
        .where('users.username', 'in', [
          options.evaluatorUsername ?? 'demo-evaluator',
          options.workerUsername ?? 'demo-worker',
        ])
        .execute(),
    ]);
  const usersOf = (organizationId: string, role: 'purchaser' | 'agency_manager') =>
    memberships
      .filter((m) => m.organizationId === organizationId && m.role === role)
      .map((m) => ({ id: m.id, username: m.username }));
  const purchasers: SeedPurchaser[] = purchaserOrgs.map((p) => ({ ...p, users: usersOf(p.id, 'purchaser') }));
  const areas = new Map<string, string[]>();
  for (const a of serviceAreas) areas.set(a.organizationId, [...(areas.get(a.organizationId) ?? []), a.divisionCode]);
  const agencies: SeedAgency[] = agencyOrgs.map((a) => ({
    id: a.id,
    name: a.name,
    status: a.status,
    serviceDivisionCodes: areas.get(a.id) ?? [],
    serviceFields: a.serviceFields,
    managers: usersOf(a.id, 'agency_manager'),
  }));
  const seen = new Set<string>();
  const evaluatorUser = accounts.find((u) => u.username === (options.evaluatorUsername ?? 'demo-evaluator'));
  if (!evaluatorUser) throw new Error('seedProjects: the demo evaluator account is missing');
  const offices: Record<DemoStreet, string> = {
    zumiao: required(orgs, 'buyer-zumiao'),
    shiwan: required(orgs, 'buyer-shiwan'),
    zhangcha: required(orgs, 'buyer-zhangcha'),
    nanzhuang: required(orgs, 'buyer-nanzhuang'),
  };
  return {
    seed: options.seed,
    today: options.now,
    divisions,
    purchasers,
    agencies,
    workers: workers.flatMap((w) => {
      if (seen.has(w.id) || !w.agencyId) return [];
      seen.add(w.id);
      return [{ id: w.id, agencyId: w.agencyId, credentialLevel: w.credentialLevel, specialties: w.specialties }];
    }),
    evaluator: { organizationId: required(orgs, 'evaluator'), userId: evaluatorUser.id },
    template: {
      id: template.id,
      excellentFrom: Number(template.excellentFrom),
      goodFrom: Number(template.goodFrom),
      passFrom: Number(template.passFrom),
      criteria: criteria.map((c) => ({ id: c.id, dimension: c.dimension, name: c.name, weight: Number(c.weight) })),
    },
    demo: {
      offices,
      agencyId: required(orgs, 'agency-zumiao'),
      workerId: accounts.find((u) => u.username === (options.workerUsername ?? 'demo-worker'))?.workerId ?? null,
    },
  };
}

/** Inserts generated project rows, parents before children, in one transaction. */
export async function writeProjectSeed(db: Kysely<DB>, rows: ProjectSeed, chunkSize = 500): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await inChunks(rows.projects, chunkSize, (c) => trx.insertInto('projects').values(c).execute());
    await inChunks(rows.projectDivisions, chunkSize, (c) => trx.insertInto('projectDivisions').values(c).execute());
    await inChunks(rows.projectTeam, chunkSize, (c) => trx.insertInto('projectTeam').values(c).execute());
    await inChunks(rows.projectTransitions, chunkSize, (c) => trx.insertInto('projectTransitions').values(c).execute());
    await inChunks(rows.procurementCalls, chunkSize, (c) => trx.insertInto('procurementCalls').values(c).execute());
    await inChunks(rows.bids, chunkSize, (c) => trx.insertInto('bids').values(c).execute());
    await inChunks(rows.bidScores, chunkSize, (c) => trx.insertInto('bidScores').values(c).execute());
    await inChunks(rows.contracts, chunkSize, (c) => trx.insertInto('contracts').values(c).execute());
    await inChunks(rows.indicators, chunkSize, (c) => trx.insertInto('indicators').values(c).execute());
    await inChunks(rows.progressReports, chunkSize, (c) => trx.insertInto('progressReports').values(c).execute());
    await inChunks(rows.indicatorActuals, chunkSize, (c) => trx.insertInto('indicatorActuals').values(c).execute());
    await inChunks(rows.milestones, chunkSize, (c) => trx.insertInto('milestones').values(c).execute());
    await inChunks(rows.payments, chunkSize, (c) => trx.insertInto('payments').values(c).execute());
    await inChunks(rows.evaluations, chunkSize, (c) => trx.insertInto('evaluations').values(c).execute());
    await inChunks(rows.evaluationAssignees, chunkSize, (c) =>
      trx.insertInto('evaluationAssignees').values(c).execute(),
    );
    await inChunks(rows.evaluationScores, chunkSize, (c) => trx.insertInto('evaluationScores').values(c).execute());
    await inChunks(rows.rectifications, chunkSize, (c) => trx.insertInto('rectifications').values(c).execute());
    // Numbers issued from now on continue after the seeded ones (CC-2026-0024 after CC-2026-0023).
    for (const { year, lastValue } of rows.codeCounters)
      await trx
        .insertInto('projectCodeCounters')
        .values({ year, lastValue })
        .onConflict((oc) =>
          oc.column('year').doUpdateSet({ lastValue: sql`greatest(project_code_counters.last_value, ${lastValue})` }),
        )
        .execute();
  });
}

/** The demo projects: read the registry's ids, generate, write. Answers how many rows of each kind were written. */
export async function seedProjects(db: Kysely<DB>, options: SeedProjectsOptions) {
  const input = await loadProjectSeedInput(db, options);
  const rows = generateProjects(input);
  await writeProjectSeed(db, rows, options.chunkSize);
  return Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, (v as unknown[]).length]));
}
