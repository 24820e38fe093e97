import { useTranslation } from 'react-i18next';
import { NotFoundResult } from '../../components/ErrorResults';
import { usePageTitle } from '../../components/usePageTitle';

export default function NotFoundPage({ standalone = false }: { standalone?: boolean }) {
  const { t } = useTranslation();
  usePageTitle(t('errors.notFoundTitle'));
  if (!standalone) return <NotFoundResult />;
  return (
    <main className="sg-standalone">
      <NotFoundResult />
    </main>
  );
}
