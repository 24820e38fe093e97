import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TaxonomyScheme } from '../../api/endpoints';
import { useTerms } from './useTerms';

/** Taxonomy codes (specialties, languages, skills) as tags with their names, or "—" when there are none. */
export function TermTags({ scheme, codes }: { scheme: TaxonomyScheme; codes: readonly string[] }) {
  const { t } = useTranslation();
  const terms = useTerms(scheme);
  if (codes.length === 0) return <>{t('common.empty')}</>;
  return (
    <span className="sg-tags">
      {codes.map((code) => (
        <Tag key={code}>{terms.name(code)}</Tag>
      ))}
    </span>
  );
}
