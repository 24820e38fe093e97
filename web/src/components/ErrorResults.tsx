import { Button, Result } from 'antd';
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isApiError, isSessionEnded } from '../api/client';
import { CONSOLE_ROOT } from '../app/navigation';
import { FullPageSpin } from './FullPageSpin';

function HomeLink() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Button
      type="primary"
      href={CONSOLE_ROOT}
      onClick={(e: MouseEvent) => {
        e.preventDefault();
        void navigate(CONSOLE_ROOT);
      }}
    >
      {t('common.backHome')}
    </Button>
  );
}

export function ForbiddenResult() {
  const { t } = useTranslation();
  return (
    <Result
      status="403"
      title={`403 · ${t('errors.forbiddenTitle')}`}
      subTitle={t('errors.forbiddenText')}
      extra={<HomeLink />}
    />
  );
}

export function NotFoundResult() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={`404 · ${t('errors.notFoundTitle')}`}
      subTitle={t('errors.notFoundText')}
      extra={<HomeLink />}
    />
  );
}

/** What to show when a page's main query failed: 403 / 404 pages, or the server's message with a retry button. */
export function QueryErrorResult({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (isSessionEnded(error)) return <FullPageSpin inline />; // the guard is already redirecting to the login page
  if (isApiError(error) && error.status === 403) return <ForbiddenResult />;
  if (isApiError(error) && error.status === 404) return <NotFoundResult />;
  const message = error instanceof Error ? error.message : t('errors.unexpected');
  return (
    <Result
      status="error"
      title={t('errors.loadFailed')}
      subTitle={message}
      extra={
        onRetry ? (
          <Button type="primary" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
