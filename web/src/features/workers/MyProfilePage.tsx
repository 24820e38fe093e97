import { useQuery } from '@tanstack/react-query';
import { Card, Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { getMyWorkerRecord, queryKeys } from '../../api/endpoints';
import { QueryErrorResult } from '../../components/ErrorResults';
import { FullPageSpin } from '../../components/FullPageSpin';
import { PageHeader } from '../../components/PageHeader';
import { WorkerDetailView } from './WorkerDetailView';

/** 我的档案: the worker record linked to the signed-in social worker's account (GET /api/workers/mine). */
export default function MyProfilePage() {
  const { t } = useTranslation();
  const mine = useQuery({
    queryKey: queryKeys.worker('mine'),
    queryFn: ({ signal }) => getMyWorkerRecord({ signal }),
    retry: (count, error) => !(isApiError(error) && error.status === 404) && count < 2,
  });

  if (mine.isPending) return <FullPageSpin inline />;
  if (isApiError(mine.error) && mine.error.status === 404) {
    return (
      <>
        <PageHeader title={t('nav.myProfile')} />
        <Card>
          <Empty description={t('myProfile.none')} />
        </Card>
      </>
    );
  }
  if (mine.isError) return <QueryErrorResult error={mine.error} onRetry={() => void mine.refetch()} />;
  return <WorkerDetailView worker={mine.data} title={t('nav.myProfile')} onReload={() => void mine.refetch()} />;
}
