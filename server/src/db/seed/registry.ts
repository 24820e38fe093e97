import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { currentPeriod, minutesInPeriod, requiredMinutes } from '../../modules/registry/compliance';
import { workerSearchDocument } from '../../modules/registry/worker.search';
import { type PiiKeys, protectIdentity } from '../../platform/pii';
import type { DB } from '../schema';
import type { GeneratedRegistry } from './registry-generator';

/**
 * Writes a generated registry (see registry-generator.ts) in bulk: organizations with service areas, purchaser
 * accounts, and workers with encrypted identifiers, credentials, registrations, CE records and employment. Used by
 * the demo dataset and by benchmarks; the rules are the services' own (same PII helper, same compliance figures).
 */
export interface SeedRegistryOptions {
  pii: PiiKeys;
  now: Date;
  /** Hash for the generated purchaser accounts (null: no accounts). */
  accountPasswordHash: string | null;
  chunkSize?: number;
  /**
   * Organizations that already exist, by name: a generated agency of the same name is merged into it (profile and
   * service areas written onto the existing row, its workers attached to it) instead of being inserted again.
   */
  existingByName?: ReadonlyMap<string, string>;
  /** Skip writing CE records and employment rows (benchmarks at 100k workers; the workers' CE totals are still set). */
  summaryOnly?: boolean;
}

async function inChunks<T>(rows: T[], size: number, write: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

export async function seedRegistry(db: Kysely<DB>, registry: GeneratedRegistry, options: SeedRegistryOptions) {
  const { pii, now } = options;
  const size = options.chunkSize ?? 500;
  const orgIds = new Map<string, string>();
  const today = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

  await db.transaction().execute(async (trx) => {
    const purchaserRows = registry.purchasers.map((p) => {
      const id = randomUUID();
      orgIds.set(p.key, id);
      return {
        id,
        name: p.name,
        kind: 'purchaser' as const,
        divisionCode: p.divisionCode,
        department: p.department,
        createdAt: now,
        updatedAt: now,
      };
    });
    await inChunks(purchaserRows, size, (chunk) => trx.insertInto('organizations').values(chunk).execute());

    const existing = options.existingByName ?? new Map<string, string>();
    const agencyRows = registry.agencies.map((a) => {
      const id = existing.get(a.name) ?? randomUUID();
      orgIds.set(a.key, id);
      return {
        id,
        name: a.name,
        kind: 'agency' as const,
        divisionCode: a.divisionCode,
        status: a.status,
        creditCode: a.creditCode,
        legalForm: a.legalForm,
        registeredOn: a.registeredOn,
        registrationAuthority: a.registrationAuthority,
        rating: a.rating,
        ratedOn: a.ratedOn,
        address: a.address,
        latitude: a.latitude,
        longitude: a.longitude,
        serviceFields: a.serviceFields,
        contactName: a.contactName,
        contactPhone: a.contactMobile,
        verificationStatus: 'verified' as const,
        verifiedAt: now,
        createdAt: now,
        updatedAt: now,
      };
    });
    const [merged, fresh] = [
      agencyRows.filter((r) => existing.has(r.name)),
      agencyRows.filter((r) => !existing.has(r.name)),
    ];
    await inChunks(fresh, size, (chunk) => trx.insertInto('organizations').values(chunk).execute());
    for (const { id, name: _n, kind: _k, divisionCode: _d, createdAt: _c, ...profile } of merged) {
      await trx.updateTable('organizations').set(profile).where('id', '=', id).execute();
    }
    const serviceRows = registry.agencies.flatMap((a) =>
      a.serviceDivisionCodes.map((divisionCode) => ({ organizationId: orgIds.get(a.key)!, divisionCode })),
    );
    await inChunks(serviceRows, size, (chunk) =>
      trx.insertInto('organizationServiceDivisions').values(chunk).execute(),
    );

    if (options.accountPasswordHash) {
      const users = registry.purchasers.map((p) => ({
        id: randomUUID(),
        username: p.accountUsername,
        displayName: p.accountDisplayName,
        passwordHash: options.accountPasswordHash!,
        passwordChangedAt: now,
        createdAt: now,
        updatedAt: now,
        organizationId: orgIds.get(p.key)!,
      }));
      await inChunks(users, size, (chunk) =>
        trx
          .insertInto('users')
          .values(chunk.map(({ organizationId: _o, ...u }) => u))
          .execute(),
      );
      await inChunks(users, size, (chunk) =>
        trx
          .insertInto('memberships')
          .values(
            chunk.map((u) => ({
              userId: u.id,
              organizationId: u.organizationId,
              role: 'purchaser' as const,
              createdAt: now,
            })),
          )
          .execute(),
      );
    }
  });

  // Workers in their own transactions per chunk: a large benchmark dataset must not be one giant transaction.
  for (let i = 0; i < registry.workers.length; i += size) {
    const chunk = registry.workers.slice(i, i + size);
    const workers = chunk.map((w) => {
      const id = randomUUID();
      const periods = w.registrations.map((r) => ({ ...r, status: 'active' as const }));
      const period = currentPeriod(periods);
      const minutes = minutesInPeriod(w.ceRecords, period);
      const level = w.credential.level;
      return {
        id,
        source: w,
        row: {
          id,
          name: w.name,
          gender: w.gender,
          birthDate: w.birthDate,
          ...protectIdentity(pii, 'worker', w.idNumber, w.mobile),
          agencyId: w.agencyKey ? (orgIds.get(w.agencyKey) ?? null) : null,
          userId: null,
          divisionCode: w.divisionCode,
          specialties: w.specialties,
          languages: w.languages,
          availability: w.availability,
          notes: w.notes,
          credentialLevel: level,
          periodFrom: period?.validFrom ?? null,
          periodTo: period?.validTo ?? null,
          ceMinutesInPeriod: minutes,
          ceRequiredMinutes: requiredMinutes(level),
          search: workerSearchDocument(w),
          createdAt: now,
          updatedAt: now,
        },
      };
    });
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('workers')
        .values(workers.map((w) => w.row))
        .execute();
      await trx
        .insertInto('workerCredentials')
        .values(
          workers.map((w) => ({
            workerId: w.id,
            ...w.source.credential,
            verificationStatus: 'verified' as const,
            verifiedAt: now,
          })),
        )
        .execute();
      const registrations = workers.flatMap((w) =>
        w.source.registrations.map((r) => ({ workerId: w.id, ...r, createdAt: now })),
      );
      await inChunks(registrations, size * 2, (c) => trx.insertInto('workerRegistrations').values(c).execute());
      const ce = options.summaryOnly
        ? []
        : workers.flatMap((w) => w.source.ceRecords.map((r) => ({ workerId: w.id, ...r, createdAt: now })));
      await inChunks(ce, size * 2, (c) => trx.insertInto('ceRecords').values(c).execute());
      const employment = (options.summaryOnly ? [] : workers).flatMap((w) =>
        w.source.employment.flatMap((e) => {
          const agencyId = orgIds.get(e.agencyKey);
          return agencyId
            ? [{ workerId: w.id, agencyId, role: e.role, startedOn: e.startedOn, endedOn: e.endedOn }]
            : [];
        }),
      );
      await inChunks(employment, size * 2, (c) => trx.insertInto('workerEmployments').values(c).execute());
    });
  }
  for (let i = 0; i < registry.volunteers.length; i += size) {
    const rows = registry.volunteers.slice(i, i + size).map((v) => ({
      name: v.name,
      gender: v.gender,
      birthDate: v.birthDate,
      ...protectIdentity(pii, 'resident', v.idNumber, v.mobile),
      divisionCode: v.divisionCode,
      latitude: v.latitude,
      longitude: v.longitude,
      skills: v.skills,
      isVolunteer: v.isVolunteer,
      volunteerNo: v.isVolunteer ? v.volunteerNo : null,
      contactConsent: v.contactConsent,
      contactConsentAt: v.contactConsent ? now : null,
      userId: null,
      createdAt: now,
      updatedAt: now,
    }));
    await db.insertInto('residents').values(rows).execute();
  }
  // Numbers issued from now on continue after the generated ones.
  await sql`select setval('volunteer_no_seq', greatest(1, (select count(*) from residents)))`.execute(db);
  return {
    organizations: orgIds.size,
    workers: registry.workers.length,
    volunteers: registry.volunteers.length,
    today,
  };
}
