import type { z } from 'zod';
import type { upsertTermBody } from '../../../../contracts/api/registry';
import { BENEFICIARY_CATEGORIES, LANGUAGES, SKILLS, SPECIALTIES, type Term } from '../../../../contracts/taxonomy';
import type { Executor } from '../../db/schema';
import type { AuthedContext, Deps } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { recordAudit } from '../audit/audit.service';
import { activeCodes, insertMissingTerms, listTerms, upsertTerm } from './taxonomy.repository';
import type { TaxonomyTermTable } from './worker.tables';

export type Scheme = TaxonomyTermTable['scheme'];

const INITIAL: Record<Scheme, readonly Term[]> = {
  specialty: SPECIALTIES,
  language: LANGUAGES,
  skill: SKILLS,
  beneficiary_category: BENEFICIARY_CATEGORIES,
};

export async function syncInitialTaxonomies(db: Executor): Promise<void> {
  await insertMissingTerms(
    db,
    (Object.keys(INITIAL) as Scheme[]).flatMap((scheme) =>
      INITIAL[scheme].map((t, i) => ({ scheme, code: t.code, nameZh: t.zh, nameEn: t.en, sortOrder: (i + 1) * 10 })),
    ),
  );
}

export async function taxonomy(db: Executor, scheme: Scheme) {
  return { items: await listTerms(db, scheme) };
}

/** Refuses codes that are not active terms of the scheme, naming the field and the codes. */
export async function requireTerms(
  db: Executor,
  scheme: Scheme,
  codes: readonly string[],
  field: string,
  locale: string,
) {
  const unique = [...new Set(codes)];
  const known = await activeCodes(db, scheme, unique);
  const unknown = unique.filter((c) => !known.has(c));
  if (unknown.length > 0) {
    throw new AppError('validation.failed', {
      issues: [
        {
          field,
          code: 'taxonomy.unknown_term',
          message: locale === 'en' ? `unknown terms: ${unknown.join(', ')}` : `未知的分类代码：${unknown.join('、')}`,
        },
      ],
    });
  }
  return unique;
}

export async function saveTerm(
  deps: Deps,
  ctx: AuthedContext,
  scheme: Scheme,
  code: string,
  input: z.infer<typeof upsertTermBody>,
) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const before = (await listTerms(trx, scheme)).find((t) => t.code === code) ?? null;
    const saved = await upsertTerm(trx, { scheme, code, ...input });
    await recordAudit(trx, ctx, now, {
      action: before ? 'taxonomy.update' : 'taxonomy.create',
      targetType: 'taxonomy_term',
      targetId: `${scheme}:${code}`,
      summary: { before, after: saved },
    });
    return saved;
  });
}
