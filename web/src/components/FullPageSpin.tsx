import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';

/** Centred spinner for route transitions and the initial session check. */
export function FullPageSpin({ inline = false }: { inline?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className={inline ? 'sg-spin sg-spin-inline' : 'sg-spin'} role="status" aria-live="polite">
      <Spin size="large" />
      <span className="sg-visually-hidden">{t('app.loading')}</span>
    </div>
  );
}
