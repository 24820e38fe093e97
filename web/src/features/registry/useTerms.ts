import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { BENEFICIARY_CATEGORIES, LANGUAGES, SKILLS, SPECIALTIES, type Term } from '../../../../contracts/taxonomy';
import { getTaxonomy, queryKeys, type TaxonomyScheme } from '../../api/endpoints';

/** The initial terms shipped with the contracts: names while the server's list loads (or for a retired code). */
const SHIPPED: Record<TaxonomyScheme, readonly Term[]> = {
  specialty: SPECIALTIES,
  language: LANGUAGES,
  skill: SKILLS,
  beneficiary_category: BENEFICIARY_CATEGORIES,
};

export interface TermOption {
  value: string;
  label: string;
  disabled?: boolean;
}

export interface Terms {
  /** The term's name in the current language (the code itself if the term is unknown). */
  name: (code: string) => string;
  /** Active terms in their sort order; retired terms are listed disabled so that stored values keep a label. */
  options: TermOption[];
  loading: boolean;
}

/** A managed taxonomy (specialties, languages, skills) from the server, named in the current language. */
export function useTerms(scheme: TaxonomyScheme): Terms {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  const query = useQuery({
    queryKey: queryKeys.taxonomy(scheme),
    queryFn: ({ signal }) => getTaxonomy(scheme, { signal }),
    staleTime: 60 * 60 * 1000,
  });
  return useMemo(() => {
    const items = [...(query.data?.items ?? [])].sort((a, b) => a.sortOrder - b.sortOrder);
    const byCode = new Map(items.map((term) => [term.code, term]));
    const shipped = new Map(SHIPPED[scheme].map((term) => [term.code, term]));
    const name = (code: string) => {
      const term = byCode.get(code);
      if (term) return en ? term.nameEn : term.nameZh;
      const fallback = shipped.get(code);
      if (fallback) return en ? fallback.en : fallback.zh;
      return code;
    };
    const options: TermOption[] =
      items.length > 0
        ? [
            ...items.filter((t) => t.active).map((t) => ({ value: t.code, label: en ? t.nameEn : t.nameZh })),
            ...items
              .filter((t) => !t.active)
              .map((t) => ({ value: t.code, label: en ? t.nameEn : t.nameZh, disabled: true })),
          ]
        : SHIPPED[scheme].map((t) => ({ value: t.code, label: en ? t.en : t.zh }));
    return { name, options, loading: query.isPending };
  }, [query.data, query.isPending, en, scheme]);
}
