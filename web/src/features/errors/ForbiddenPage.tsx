import { useTranslation } from 'react-i18next';
import { ForbiddenResult } from '../../components/ErrorResults';
import { usePageTitle } from '../../components/usePageTitle';

export default function ForbiddenPage() {
  const { t } = useTranslation();
  usePageTitle(t('errors.forbiddenTitle'));
  return <ForbiddenResult />;
}
