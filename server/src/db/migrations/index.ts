import type { Migration } from 'kysely';
import * as foundation from './2026-11-29T0001-foundation';
import * as registry from './2026-11-29T0002-registry';
import * as residents from './2026-11-29T0003-residents';
import * as importJobs from './2026-11-29T0004-import-jobs';
import * as surnameIndex from './2026-11-29T0005-worker-surname-index';
import * as importKinds from './2026-11-29T0006-import-kinds';
import * as employmentPhoto from './2026-11-29T0007-worker-employment-photo';
import * as projects from './2026-11-29T0008-projects';
import * as nameByteOrder from './2026-11-29T0009-worker-name-byte-order';
import * as beneficiaries from './2026-11-29T0010-beneficiaries';
import * as cases from './2026-11-29T0011-cases';
import * as serviceDelivery from './2026-11-29T0012-service-delivery';
import * as indicatorActualsCovering from './2026-11-29T0013-indicator-actuals-covering';
import * as idempotencyKeys from './2026-11-29T0014-idempotency-keys';
import * as monthTotals from './2026-11-29T0015-indicator-month-totals';

/**
 * Every migration, in order. Listed statically (not read from the directory) so that the set is fixed by the code
 * that ships, whatever runs it (tsx, a bundle, tests).
 */
export const migrations: Record<string, Migration> = {
  '2026-11-29T0001-foundation': foundation,
  '2026-11-29T0002-registry': registry,
  '2026-11-29T0003-residents': residents,
  '2026-11-29T0004-import-jobs': importJobs,
  '2026-11-29T0005-worker-surname-index': surnameIndex,
  '2026-11-29T0006-import-kinds': importKinds,
  '2026-11-29T0007-worker-employment-photo': employmentPhoto,
  '2026-11-29T0008-projects': projects,
  '2026-11-29T0009-worker-name-byte-order': nameByteOrder,
  '2026-11-29T0010-beneficiaries': beneficiaries,
  '2026-11-29T0011-cases': cases,
  '2026-11-29T0012-service-delivery': serviceDelivery,
  '2026-11-29T0013-indicator-actuals-covering': indicatorActualsCovering,
  '2026-11-29T0014-idempotency-keys': idempotencyKeys,
  '2026-11-29T0015-indicator-month-totals': monthTotals,
};
